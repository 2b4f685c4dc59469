package govlens.lib.meta;

import govlens.lib.meta.Layout.Line;
import govlens.lib.text.Punctuation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which government a report is by, by scoring every division the text names with weighted evidence and
 * taking the best only when it clearly beats the runner-up.
 *
 * <p>Evidence per mention (weights in brackets):
 *
 * <ul>
 *   <li>the title or the red header "…文件" (10);
 *   <li>the subject of the opening sentence, after a lead such as "2023年," / "一年来," / "在…领导下," (8);
 *   <li>inside the formula 现将…报告如下 (8);
 *   <li>"我代表…人民政府", "…第十四届人民代表大会", "…省长" near the top (6);
 *   <li>the signature block at the end (4);
 *   <li>the addressee line, only for a street office or town, whose addressee is its own county (6);
 *   <li>a named body of the text (X区司法局, X市人民政府办公室, X县委全面依法治县委员会), its programme (法治X) (3) or
 *       the title of an own document (《X区2022年法治政府建设工作要点》) (6 for the first, 3 after); at most 15 per
 *       division;
 *   <li>any other mention outside the header (1, at most 6 per division).
 * </ul>
 *
 * Body evidence (the last two items) counts only for divisions whose level agrees with the text's
 * self-references (全市/我市 → …市, 全县/我县 → …县, 全旗, 全州, 全盟, 全省, 全区 → …区 and …自治区): a county report
 * names its prefecture's bodies often, as its superior. For a street office or town a plain mention counts only
 * when directly qualified by its own parent (上海市普陀区).
 *
 * Mentions in an enumeration (太原市、大同市、临汾市: a province naming its cities, a city its counties), a
 * qualifier directly followed by a division it contains (山西省临汾市 → only 临汾市 counts) and the addressee
 * (a county reports TO 中共吕梁市委) do not count. Names shared by several divisions (城区, 朝阳区, 南昌 for
 * 南昌市/南昌县) are resolved by {@link RegionMatcher#resolve} (the province or prefecture named nearby or
 * elsewhere) and then by the self-reference level; never by the first match.
 *
 * <p>The best division needs at least 6 points, or 3 when they come from its own bodies, documents or 法治X
 * programme at the text's level and nothing else scored more than 1; a street office or town needs 1 point but
 * only county-level divisions (or a prefecture without counties, 东莞市) count for it, its enumerated superiors
 * included. The best must beat the runner-up by half again, or the runner-up must be its own
 * province/prefecture or one of its own divisions and score less. Otherwise the region is null with {@code region_ambiguous} (or {@code no_region} when
 * nothing scored).
 */
final class RegionScorer {

    static final int W_TITLE = 10;
    static final int W_SUBJECT = 8;
    static final int W_FORMULA = 8;
    static final int W_CONTEXT = 6;
    static final int W_ADDRESSEE_OF_SUB_BODY = 6;
    static final int W_SIGNATURE = 4;
    static final int W_OWN_DOCUMENT_FIRST = 6;
    static final int W_NAMED = 3;
    static final int W_HEADER = 1;
    static final int W_MENTION = 1;
    static final int CAP_NAMED = 15;
    static final int CAP_MENTION = 6;
    static final int MIN_SCORE = 6;

    private static final Pattern OPENING_LEAD =
            Pattern.compile("^(?:(?:19|20)\\d{2}年(?:度)?(?:以来|来|上半年|全年)?|一年来|今年以来|近年来|过去一年|五年来)[,，]?");
    private static final Pattern UNDER_CLAUSE = Pattern.compile("^在[^,，。]{0,60}?(?:下|中|指导下|领导下)[,，]");
    private static final Pattern FORMULA = Pattern.compile("现[将就把][^。:]{0,60}?(?:报告|汇报|总结)如下");
    private static final Pattern CONGRESS_AFTER = Pattern.compile("^\\s*(?:第)?[一二三四五六七八九十]{1,3}届");
    private static final Pattern LEADER_AFTER = Pattern.compile("^(?:人民政府)?(?:省长|市长|县长|区长|州长|旗长|盟长|主席)");
    private static final Pattern BODY_AFTER =
            Pattern.compile("^(?:人民政府|政府|行政公署|市委|县委|区委|旗委|州委|盟委|省委|委员会|委|党委|人大|政协|人民法院|人民检察院"
                    + "|[\\p{IsHan}]{0,6}(?:局|办公室|办)(?![\\p{IsHan}]{0,2}理))");
    private static final Pattern SELF_REFERENCE = Pattern.compile("(?:全|我|本)(省|市|县|区|旗|州|盟)|(自治区|自治州)");

    /** The winner, or only the province when a shared name leaves the division but not the province open. */
    record Decision(Region region, String province, String flag) {}

    private RegionScorer() {}

    static Decision decide(
            Layout layout,
            RegionMatcher matcher,
            List<RegionMention> mentions,
            TitleReader.Title title,
            HeaderFields.FileHeader fileHeader,
            Line signature,
            String bodyKind) {
        boolean subCounty = Bodies.KIND_STREET.equals(bodyKind) || Bodies.KIND_TOWNSHIP.equals(bodyKind);
        Character self = selfSuffix(layout.view);

        int signatureLine = signature == null ? -1 : signature.index();
        List<Line> body = layout.bodyParagraphs(3);
        Set<Integer> subjects = subjectOffsets(layout, body);
        int[] formula = formulaSpan(layout, body);
        int contextLimit = body.isEmpty() ? 0 : body.get(body.size() - 1).end();

        // Resolve every mention once; an unresolved shared name may still be decided by the self-reference level.
        Map<RegionMention, Region> resolved = new HashMap<>();
        for (RegionMention m : mentions) {
            Region r = matcher.resolve(m, mentions);
            if (r == null && self != null) {
                List<Region> fit =
                        m.candidates().stream().filter(c -> suffixOf(c) == self).toList();
                if (fit.size() == 1) {
                    r = fit.get(0);
                }
            }
            resolved.put(m, r);
        }

        Map<String, Integer> anchor = new LinkedHashMap<>();
        Map<String, Integer> named = new HashMap<>();
        Map<String, Integer> plain = new HashMap<>();
        Map<String, Integer> ownDocs = new HashMap<>();
        Set<String> fitting = new HashSet<>();
        int ambiguousWeight = 0;
        Set<String> ambiguousProvinces = new LinkedHashSet<>();
        for (int k = 0; k < mentions.size(); k++) {
            RegionMention m = mentions.get(k);
            Line line = layout.lineAt(m.start());
            Region r = resolved.get(m);
            // A street office or town lists its superiors (省委、湛江市委、廉江市委): the last is its own county.
            if (isQualifier(mentions, k, resolved)
                    || (!subCounty
                            && !title.covers(layout, m.start())
                            && !afterFazhi(layout.view, m)
                            && inEnumeration(layout.view, m))) {
                continue;
            }
            int w = 0;
            if (line.index() == layout.addresseeLine) {
                w = subCounty && r != null && !Region.PROVINCE.equals(r.level()) ? W_ADDRESSEE_OF_SUB_BODY : 0;
            } else if (title.covers(layout, m.start()) || (fileHeader != null && line.index() == fileHeader.line())) {
                w = W_TITLE;
            } else if (subjects.contains(m.start())) {
                w = W_SUBJECT;
            } else if (formula != null && m.start() >= formula[0] && m.end() <= formula[1]) {
                w = W_FORMULA;
            } else if (line.index() == signatureLine) {
                w = W_SIGNATURE;
            }
            if ((m.start() < contextLimit || line.index() < layout.headerEnd) && isContext(layout.view, m)) {
                w = Math.max(w, W_CONTEXT);
            }
            if (r == null) {
                if (w > 0) {
                    ambiguousWeight = Math.max(ambiguousWeight, w);
                    m.candidates().forEach(c -> ambiguousProvinces.add(c.province()));
                }
                continue;
            }
            if (w > 0) {
                anchor.merge(r.code(), w, Integer::sum);
                continue;
            }
            if (line.index() < layout.headerEnd) {
                if (line.index() != layout.addresseeLine && (!subCounty || qualified(mentions, k, resolved))) {
                    anchor.merge(r.code(), W_HEADER, Integer::sum);
                }
                continue;
            }
            boolean levelFits = self == null || suffixOf(r) == self;
            if (!levelFits) {
                continue; // 吕梁市委 in a county's report is its superior, however often it is named
            }
            if (afterFazhi(layout.view, m)) {
                // 法治湖南建设, 法治岚县: the rule-of-law programme of a place, nearly always the reporting one's.
                named.merge(r.code(), W_NAMED, Integer::sum);
                fitting.add(r.code());
            } else if (m.start() > 0 && layout.view.charAt(m.start() - 1) == '《') {
                named.merge(
                        r.code(),
                        ownDocs.containsKey(r.code()) || self == null ? W_NAMED : W_OWN_DOCUMENT_FIRST,
                        Integer::sum);
                ownDocs.merge(r.code(), 1, Integer::sum);
                fitting.add(r.code());
            } else if (BODY_AFTER
                    .matcher(layout.view.substring(m.end(), Math.min(layout.view.length(), m.end() + 8)))
                    .find()) {
                named.merge(r.code(), W_NAMED, Integer::sum);
                fitting.add(r.code());
            } else if (!subCounty || qualified(mentions, k, resolved)) {
                // A town names other places in passing ("赴义乌市学习"); only a qualified "上海市普陀区" pins its district.
                plain.merge(r.code(), W_MENTION, Integer::sum);
            }
        }

        Map<String, Integer> score = new LinkedHashMap<>(anchor);
        named.forEach((c, v) -> score.merge(c, Math.min(v, CAP_NAMED), Integer::sum));
        plain.forEach((c, v) -> score.merge(c, Math.min(v, CAP_MENTION), Integer::sum));

        Gazetteer g = matcher.gazetteer();
        if (subCounty) {
            // A street office or town belongs to a county-level government (or to a prefecture without counties).
            score.keySet().removeIf(c -> {
                Region r = g.byCode(c);
                return Region.PROVINCE.equals(r.level()) || (Region.PREFECTURE.equals(r.level()) && g.hasCounties(r));
            });
        }
        String best = null;
        int bestScore = 0;
        int second = 0;
        for (Map.Entry<String, Integer> e : score.entrySet()) {
            if (e.getValue() > bestScore) {
                second = bestScore;
                best = e.getKey();
                bestScore = e.getValue();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        // Own bodies or documents at the text's own level are strong evidence on their own; other evidence needs 6.
        int min = subCounty ? 1 : best != null && fitting.contains(best) && second <= 1 ? W_NAMED : MIN_SCORE;
        if (best != null && bestScore >= min && bestScore >= ambiguousWeight) {
            Region winner = g.byCode(best);
            boolean clear = true;
            for (Map.Entry<String, Integer> e : score.entrySet()) {
                if (e.getKey().equals(best)) {
                    continue;
                }
                Region other = g.byCode(e.getKey());
                boolean related = winner.isWithin(other) || other.isWithin(winner);
                int v = e.getValue();
                if (related ? v >= bestScore : v * 3 > bestScore * 2) {
                    clear = false;
                }
            }
            if (clear) {
                return new Decision(winner, winner.province(), null);
            }
            return new Decision(null, null, MetadataExtractor.FLAG_REGION_AMBIGUOUS);
        }
        if (ambiguousWeight > 0) {
            String province = best == null && ambiguousProvinces.size() == 1
                    ? ambiguousProvinces.iterator().next()
                    : null;
            return new Decision(null, province, MetadataExtractor.FLAG_REGION_AMBIGUOUS);
        }
        return new Decision(null, null, MetadataExtractor.FLAG_NO_REGION);
    }

    /** The level suffix the text uses for itself most often (全市/我市 → 市), or null without a clear majority. */
    static Character selfSuffix(String view) {
        Map<Character, Integer> counts = new HashMap<>();
        Matcher m = SELF_REFERENCE.matcher(view);
        while (m.find()) {
            char c = m.group(1) != null ? m.group(1).charAt(0) : m.group(2).equals("自治区") ? '区' : '州';
            counts.merge(c, 1, Integer::sum);
        }
        Character best = null;
        int bestN = 0;
        int second = 0;
        for (Map.Entry<Character, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestN) {
                second = bestN;
                bestN = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        return bestN > 0 && bestN > second ? best : null;
    }

    /** The level suffix a division's name ends with: 省, 市, 县, 区 (自治区, 地区 too), 旗, 州, 盟. */
    static char suffixOf(Region r) {
        String n = r.name();
        char last = n.charAt(n.length() - 1);
        return last;
    }

    /**
     * Offsets where the subject of the opening sentence starts: at the start of the first body paragraph, and after
     * a year lead ("2023年," "2023年以来") at the start of any sentence of the first two paragraphs.
     */
    private static Set<Integer> subjectOffsets(Layout layout, List<Line> body) {
        Set<Integer> out = new HashSet<>();
        for (int b = 0; b < Math.min(2, body.size()); b++) {
            Line l = body.get(b);
            String para = layout.view.substring(l.start(), l.end());
            int sentence = para.length() - para.stripLeading().length();
            while (sentence < para.length()) {
                String s = para.substring(sentence);
                int pos = 0;
                Matcher om = OPENING_LEAD.matcher(s);
                boolean lead = om.find();
                if (lead) {
                    pos = om.end();
                }
                if (lead || (b == 0 && out.isEmpty())) {
                    Matcher um = UNDER_CLAUSE.matcher(s.substring(pos));
                    if (um.find()) {
                        pos += um.end();
                    }
                    if (s.startsWith("中共", pos)) {
                        pos += 2;
                    }
                    out.add(l.start() + sentence + pos);
                }
                int next = nextSentence(para, sentence);
                if (next < 0) {
                    break;
                }
                sentence = next;
            }
        }
        return out;
    }

    private static int nextSentence(String para, int from) {
        int end = Punctuation.nextSentenceEnd(para, from);
        return end < 0 ? -1 : end + 1;
    }

    private static int[] formulaSpan(Layout layout, List<Line> body) {
        for (Line l : layout.bodyParagraphs(4)) {
            Matcher m = FORMULA.matcher(layout.view.substring(l.start(), l.end()));
            if (m.find()) {
                return new int[] {l.start() + m.start(), l.start() + m.end()};
            }
        }
        return null;
    }

    private static boolean isContext(String view, RegionMention m) {
        String after = view.substring(m.end(), Math.min(view.length(), m.end() + 12));
        String before = view.substring(Math.max(0, m.start() - 3), m.start());
        return CONGRESS_AFTER.matcher(after).find()
                || LEADER_AFTER.matcher(after).find()
                || (before.endsWith("代表") && after.startsWith("人民政府"));
    }

    /** The mention directly follows a division that contains it (上海市普陀区). */
    private static boolean qualified(List<RegionMention> mentions, int k, Map<RegionMention, Region> resolved) {
        if (k == 0) {
            return false;
        }
        RegionMention m = mentions.get(k);
        RegionMention p = mentions.get(k - 1);
        Region r = resolved.get(m);
        Region pr = resolved.get(p);
        return m.start() - p.end() <= 1 && r != null && pr != null && r.isWithin(pr);
    }

    private static boolean afterFazhi(String view, RegionMention m) {
        return m.start() >= 2 && view.startsWith("法治", m.start() - 2);
    }

    /** 山西省临汾市: a division directly followed by one of its own divisions only qualifies it. */
    private static boolean isQualifier(List<RegionMention> mentions, int k, Map<RegionMention, Region> resolved) {
        RegionMention m = mentions.get(k);
        Region r = resolved.get(m);
        for (int j = k + 1; j < mentions.size() && j <= k + 2; j++) {
            RegionMention n = mentions.get(j);
            if (n.start() - m.end() > 1) {
                break;
            }
            Region nr = resolved.get(n);
            if (nr != null && r != null && nr.isWithin(r)) {
                return true;
            }
            if (nr == null && r != null && n.candidates().stream().anyMatch(c -> c.isWithin(r))) {
                return true;
            }
        }
        return false;
    }

    /** A name standing in an enumeration of places: next to 、 (or 和/及 between two names). */
    private static boolean inEnumeration(String view, RegionMention m) {
        char before = m.start() > 0 ? view.charAt(m.start() - 1) : ' ';
        char after = m.end() < view.length() ? view.charAt(m.end()) : ' ';
        return before == '、' || after == '、';
    }

    static List<String> codes(List<Region> rs) {
        List<String> out = new ArrayList<>();
        rs.forEach(r -> out.add(r.code()));
        return out;
    }
}
