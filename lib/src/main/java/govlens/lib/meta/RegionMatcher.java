package govlens.lib.meta;

import com.hankcs.hanlp.collection.AhoCorasick.AhoCorasickDoubleArrayTrie;
import govlens.lib.text.TraditionalChars;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds mentions of administrative divisions in text and resolves names shared by several divisions.
 *
 * <p>All surface forms of the {@link Gazetteer} go into one Aho–Corasick automaton (HanLP's double-array
 * implementation), so a document is scanned once whatever the gazetteer size. Overlapping hits are resolved
 * longest-first: 岢岚县 wins over the 岚县 inside it, 山西省 over 山西. Short forms let the typo 朔州委 (for 朔州市委)
 * still yield 朔州市.
 *
 * <p>Two-character names with a one-character stem (岚县, 代县, 和县) also occur inside ordinary words (现代县域,
 * 全市和县直单位), so such a hit is dropped when the next character continues a common compound (域, 级, 直, 城)
 * or when the previous character is a quantifier such as 全/各/本. This loses a rare true mention and keeps the
 * common false one out.
 *
 * <p>A short form directly followed by 镇, 乡, 村 or 街 names a town, village or street that shares the stem
 * (吉水镇 is not 吉水县) and is not a mention.
 *
 * <p>Instances are immutable and thread-safe; {@link #get()} returns the JVM-wide one built lazily on first use.
 */
public final class RegionMatcher {

    private static final String WEAK_NEXT = "域级直城乡";
    private static final String WEAK_PREV = "全各本该每";
    private static final String TOWN_NEXT = "镇乡村街";

    private final Gazetteer gazetteer;
    private final AhoCorasickDoubleArrayTrie<String> automaton;
    private final Map<String, List<Region>> surfaces;
    private final Set<String> fullNames;

    private RegionMatcher(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        TreeMap<String, List<Region>> forms = gazetteer.surfaceTree();
        // Texts are matched in their simplified view (see TraditionalChars), which maps every character on its own:
        // a name whose characters that view changes (乾安县 → 干安县) is also keyed in its changed form.
        for (Map.Entry<String, List<Region>> e : new ArrayList<>(forms.entrySet())) {
            String v = TraditionalChars.simplify(e.getKey());
            if (!v.equals(e.getKey())) {
                forms.putIfAbsent(v, e.getValue());
            }
        }
        TreeMap<String, String> keys = new TreeMap<>();
        forms.keySet().forEach(k -> keys.put(k, k));
        this.automaton = new AhoCorasickDoubleArrayTrie<>();
        this.automaton.build(keys);
        this.surfaces = forms;
        Set<String> full = new HashSet<>();
        gazetteer.regions().forEach(r -> full.add(r.name()));
        this.fullNames = full;
    }

    /** The JVM-wide matcher over {@link Gazetteer#get()}. */
    public static RegionMatcher get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final RegionMatcher INSTANCE = new RegionMatcher(Gazetteer.get());
    }

    /** A matcher over a specific gazetteer (tests); building the automaton costs a few milliseconds. */
    public static RegionMatcher of(Gazetteer gazetteer) {
        return new RegionMatcher(gazetteer);
    }

    public Gazetteer gazetteer() {
        return gazetteer;
    }

    /** All non-overlapping mentions in {@code text}, in text order (longest match wins an overlap). */
    public List<RegionMention> findAll(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<int[]> hits = new ArrayList<>();
        automaton.parseText(text, (begin, end, value) -> hits.add(new int[] {begin, end}));
        hits.sort(Comparator.<int[]>comparingInt(h -> -(h[1] - h[0])).thenComparingInt(h -> h[0]));
        boolean[] taken = new boolean[text.length()];
        List<RegionMention> out = new ArrayList<>();
        for (int[] h : hits) {
            boolean free = true;
            for (int i = h[0]; i < h[1] && free; i++) {
                free = !taken[i];
            }
            if (!free) {
                continue;
            }
            String surface = text.substring(h[0], h[1]);
            if (isWeakFalseHit(text, h[0], h[1], surface)) {
                continue;
            }
            List<Region> cs = surfaces.get(surface);
            if (!fullNames.contains(surface)
                    && !(cs.size() == 1 && cs.get(0).name().equals(surface))
                    && h[1] < text.length()
                    && TOWN_NEXT.indexOf(text.charAt(h[1])) >= 0) {
                continue; // 吉水镇 is a town, not 吉水县: a short form directly followed by 镇/乡/村/街道 names a place below
            }
            for (int i = h[0]; i < h[1]; i++) {
                taken[i] = true;
            }
            List<Region> cands = surfaces.get(surface);
            boolean full = cands.size() == 1 ? cands.get(0).name().equals(surface) : fullNames.contains(surface);
            out.add(new RegionMention(h[0], h[1], surface, cands, !full));
        }
        out.sort(Comparator.comparingInt(RegionMention::start));
        return out;
    }

    private static boolean isWeakFalseHit(String text, int start, int end, String surface) {
        if (surface.length() != 2 || !(surface.endsWith("县") || surface.endsWith("区"))) {
            return false;
        }
        if (end < text.length() && WEAK_NEXT.indexOf(text.charAt(end)) >= 0) {
            return true;
        }
        return start > 0 && WEAK_PREV.indexOf(text.charAt(start - 1)) >= 0;
    }

    /**
     * The division {@code mention} denotes, using the other mentions of the document as context: a candidate
     * scores when its province or prefecture is named elsewhere (1 point per mention, shared among that
     * mention's own candidates; 4 when it directly precedes the mention, 2 within 60 characters) and, less, when
     * one of its own counties/prefectures is named (half of that). Returns
     * the unique candidate directly, and null when the best score is tied (the caller flags ambiguity instead of
     * guessing).
     */
    public Region resolve(RegionMention mention, List<RegionMention> context) {
        if (mention.candidates().size() == 1) {
            return mention.candidates().get(0);
        }
        double best = -1;
        Region bestRegion = null;
        boolean tie = false;
        for (Region c : mention.candidates()) {
            double score = 0;
            for (RegionMention o : context) {
                if (o.surface().equals(mention.surface())) {
                    continue;
                }
                // A province or prefecture named right before (北京市朝阳区) or in the same stretch of text counts more.
                double near = o.end() <= mention.start() && mention.start() - o.end() <= 1
                        ? 4
                        : Math.abs(o.start() - mention.start()) <= 60 ? 2 : 1;
                double share = near / o.candidates().size();
                for (Region oc : o.candidates()) {
                    if (c.isWithin(oc)) {
                        score += share;
                    } else if (oc.isWithin(c)) {
                        score += share / 2;
                    }
                }
            }
            if (score > best) {
                best = score;
                bestRegion = c;
                tie = false;
            } else if (score == best) {
                tie = true;
            }
        }
        return tie || best <= 0 ? null : bestRegion;
    }
}
