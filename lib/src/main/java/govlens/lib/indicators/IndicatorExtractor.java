package govlens.lib.indicators;

import govlens.lib.indicators.IndicatorRules.CatalogEntry;
import govlens.lib.indicators.IndicatorRules.Description;
import govlens.lib.indicators.IndicatorRules.Exclusion;
import govlens.lib.indicators.IndicatorRules.Rule;
import govlens.lib.indicators.NumberNormalizer.NumberToken;
import govlens.lib.text.Punctuation;
import govlens.lib.text.Sentence;
import govlens.lib.text.TraditionalChars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts catalog indicator values from a cleaned report, driven by the data in a rules file (see
 * docs/indicator-rules.md).
 *
 * <p>How a number becomes a value: sentences are read as units (a sentence cut by a page break is joined with
 * its continuation), whitespace is ignored, and each unit is split into clauses at {@code , ; : 。 ! ? …}. Every
 * number found by {@link NumberNormalizer} is first tested against the exclusions (ordinals, years, dates,
 * document numbers, programme and hotline names …). A remaining number is claimed by the rule whose subject
 * phrase (trigger) sits closest to it in the same clause — before it ("纠错率 15.8%") or right after it
 * ("其中19件已审结") — provided the number's unit is one the rule accepts and the clause/sentence context words
 * agree. Everything else is returned as a {@link Mention}. Plausibility checks inside the document add flags to
 * the values without dropping them.
 *
 * <p>Thread-safe and cheap to share: it holds only the immutable {@link IndicatorRules}.
 */
public final class IndicatorExtractor implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Characters that end a clause. */
    private static final String CLAUSE_SEPARATORS = Punctuation.CLAUSE_END;
    /*
     * How far a number looks for its clause (each side) and for the start of its sentence. Real clauses and
     * sentences are far shorter; the bounds keep a scraped page with a 100,000-character line of figures linear
     * (every number scanned, and kept as mention context, its whole clause: quadratic time and memory).
     */
    static final int CLAUSE_WINDOW = 150;
    static final int SENTENCE_WINDOW = 400;

    private static final Pattern DIGIT = Pattern.compile("[0-9]");
    /** A line shorter than this that ends without punctuation is taken as a heading, not a page-broken line. */
    private static final int MIN_BROKEN_LINE = 25;

    private final IndicatorRules rules;
    private final DescriptionMatcher describer;

    public IndicatorExtractor(IndicatorRules rules) {
        this.rules = rules;
        this.describer = new DescriptionMatcher(rules.descriptions());
    }

    /** Extractor over the default rules ({@value IndicatorRules#DEFAULT_RULES}), loaded once per JVM. */
    public static IndicatorExtractor fromClasspath() {
        return new IndicatorExtractor(IndicatorRules.fromClasspath());
    }

    /** Extractor over a rules file given by path (config override); validated like the default. */
    public static IndicatorExtractor fromFile(Path rulesFile) {
        return new IndicatorExtractor(IndicatorRules.fromFile(rulesFile));
    }

    public IndicatorRules rules() {
        return rules;
    }

    /**
     * Extracts indicator values and leftover mentions.
     *
     * @param cleanedText the cleaned document text all offsets refer to
     * @param sentences its sentences in document order (offsets into {@code cleanedText})
     */
    public ExtractionResult extract(String cleanedText, List<Sentence> sentences) {
        return extract(cleanedText, sentences, ReportContext.UNKNOWN);
    }

    /**
     * Extracts indicator values and leftover mentions of a report whose year and region are known, so that figures
     * of other years and other regions are told from its own ({@link Frames}).
     */
    public ExtractionResult extract(String cleanedText, List<Sentence> sentences, ReportContext report) {
        List<IndicatorValue> values = new ArrayList<>();
        List<Mention> mentions = new ArrayList<>();
        for (List<Sentence> group : groupBrokenSentences(cleanedText, sentences)) {
            processUnit(cleanedText, group, report, values, mentions);
        }
        return new ExtractionResult(PlausibilityChecks.apply(values, rules), List.copyOf(mentions));
    }

    /** Joins a sentence with the next when a page break cut it mid-clause (no end punctuation, only whitespace between). */
    private static List<List<Sentence>> groupBrokenSentences(String text, List<Sentence> sentences) {
        List<List<Sentence>> groups = new ArrayList<>();
        List<Sentence> cur = null;
        Sentence prev = null;
        for (Sentence s : sentences) {
            if (cur != null && continues(text, prev, s)) {
                cur.add(s);
            } else {
                cur = new ArrayList<>();
                cur.add(s);
                groups.add(cur);
            }
            prev = s;
        }
        return groups;
    }

    private static boolean continues(String text, Sentence prev, Sentence next) {
        if (prev.charEnd() > next.charStart() || next.charStart() > text.length()) {
            return false;
        }
        if (!text.substring(prev.charEnd(), next.charStart()).isBlank()) {
            return false;
        }
        String p = prev.text().strip();
        String n = next.text().strip();
        if (p.isEmpty() || n.isEmpty()) {
            return false;
        }
        char last = p.charAt(p.length() - 1);
        char first = n.charAt(0);
        // Measure the whole line in the document: the sentence may start mid-line after a 。.
        int end = prev.charEnd();
        int lineStart = text.lastIndexOf('\n', end - 1) + 1;
        return isWordChar(last) && isWordChar(first) && end - lineStart >= MIN_BROKEN_LINE;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '“' || c == '”' || c == '(' || c == ')';
    }

    /**
     * A whitespace-free, simplified-character view of a span of the cleaned text, with each char's offset in the
     * cleaned text.
     */
    private record Compact(String text, int[] map) {
        int origStart(int i) {
            return map[i];
        }

        int origEnd(int iExclusive) {
            return map[iExclusive - 1] + 1;
        }
    }

    private static Compact compact(String text, int start, int end) {
        StringBuilder sb = new StringBuilder(end - start);
        int[] map = new int[end - start + 1];
        int n = 0;
        int lineLen = start - (text.lastIndexOf('\n', start - 1) + 1);
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                // Read in simplified characters, one for one, so offsets still point into the text as written:
                // 審結行政復議案件320餘件 is read as 审结行政复议案件320余件.
                sb.append(TraditionalChars.simplify(c));
                map[n++] = i;
                lineLen++;
                i++;
                continue;
            }
            int j = i;
            boolean newline = false;
            while (j < end && Character.isWhitespace(text.charAt(j))) {
                if (text.charAt(j) == '\n') {
                    newline = true;
                }
                j++;
            }
            char before = sb.length() > 0 ? sb.charAt(sb.length() - 1) : '\n';
            char after = j < end ? text.charAt(j) : '\n';
            if (newline && !(isWordChar(before) && isWordChar(after) && lineLen >= MIN_BROKEN_LINE)) {
                // A real line end (heading, list item): keep it as a clause boundary.
                sb.append('\n');
                map[n++] = i;
                lineLen = 0;
            } else if (isAsciiDigit(before) && isAsciiDigit(after)) {
                // Keep "3 5" as two numbers rather than 35.
                sb.append(' ');
                map[n++] = i;
            } else if (newline) {
                lineLen = 0;
            }
            i = j;
        }
        return new Compact(sb.toString(), map);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private record Candidate(Rule rule, double score, int gap, boolean after) {}

    private void processUnit(
            String doc,
            List<Sentence> group,
            ReportContext report,
            List<IndicatorValue> values,
            List<Mention> mentions) {
        int uStart = group.get(0).charStart();
        int uEnd = group.get(group.size() - 1).charEnd();
        Compact cp = compact(doc, uStart, uEnd);
        String u = cp.text();
        if (u.isEmpty()) {
            return;
        }
        List<NumberToken> tokens = NumberNormalizer.findAll(u);
        // Most units hold no figure: test no rule there (the rules' sentence patterns were 30% of the stage).
        if (tokens.isEmpty()) {
            return;
        }
        // A rule's sentence-level conditions do not depend on the number: test them once per unit, not once per
        // number (a long unit full of figures made that quadratic).
        List<Rule> sentenceRules = new ArrayList<>();
        for (Rule r : rules.rules()) {
            if (r.sentenceRequire() != null && !r.sentenceRequire().matcher(u).find()) {
                continue;
            }
            if (r.sentenceForbid() != null && r.sentenceForbid().matcher(u).find()) {
                continue;
            }
            sentenceRules.add(r);
        }

        List<int[]> excluded = new ArrayList<>();
        List<String> excludedReason = new ArrayList<>();
        for (Exclusion ex : rules.exclusions()) {
            Matcher m = ex.pattern().matcher(u);
            while (m.find()) {
                if (m.end() == m.start()) {
                    continue;
                }
                excluded.add(new int[] {m.start(), m.end()});
                excludedReason.add(ex.reason());
            }
        }

        for (NumberToken t : tokens) {
            int cStart = t.numberStart();
            int cFloor = Math.max(0, t.numberStart() - CLAUSE_WINDOW);
            while (cStart > cFloor && CLAUSE_SEPARATORS.indexOf(u.charAt(cStart - 1)) < 0) {
                cStart--;
            }
            int cEnd = t.numberEnd();
            int cCeil = Math.min(u.length(), t.numberEnd() + CLAUSE_WINDOW);
            while (cEnd < cCeil && CLAUSE_SEPARATORS.indexOf(u.charAt(cEnd)) < 0) {
                cEnd++;
            }
            int tEnd = Math.min(t.end(), cEnd);
            String clause = u.substring(cStart, cEnd);

            int oStart = cp.origStart(t.start());
            int oEnd = cp.origEnd(tEnd);
            Sentence sent = sentenceAt(group, oStart);
            String raw = doc.substring(oStart, oEnd);
            String context = doc.substring(cp.origStart(cStart), cp.origEnd(cEnd));

            String reason = null;
            for (int k = 0; k < excluded.size() && reason == null; k++) {
                int[] span = excluded.get(k);
                if (span[0] < t.numberEnd() && t.numberStart() < span[1]) {
                    reason = excludedReason.get(k);
                }
            }
            if (reason != null) { // no figure at all: no frame
                mentions.add(mention(raw, t, context, sent, oStart, oEnd, Mention.REJECTED, reason, null));
                continue;
            }

            // The frame first: only a total of the report's own period may become a value, whichever way below
            // would have claimed it.
            int sStart = sentenceStart(u, t.start());
            Frames.Frame frame = rules.frames().of(u, sStart, cStart, t.numberStart(), report);
            if (!frame.isReportTotal()) {
                mentions.add(mention(raw, t, context, sent, oStart, oEnd, Mention.REJECTED, frame.reason(), frame));
                continue;
            }

            Candidate best = null;
            // One figure for a list of indicators (办结率、满意率均达98.6%) is the descriptions' to deal out.
            DescriptionMatcher.Match listed = describer.sharedFigure(u, sStart, cStart, t);
            if (listed == null || listed.also().isEmpty()) {
                listed = null;
                for (Rule r : sentenceRules) {
                    Candidate c = match(r, t, u, clause, cStart, cEnd, tokens);
                    if (c != null && (best == null || c.score() < best.score())) {
                        best = c;
                    }
                }
            }
            boolean bareNumber = t.unit() == null;
            if (best == null) {
                DescriptionMatcher.Match dm =
                        listed != null ? listed : describer.match(u, sStart, cStart, cEnd, t, tokens);
                if (dm != null && dm.description() != null && alreadyValued(values, dm.description(), sent)) {
                    // A second figure of the same indicator in one sentence is most often another stage of the
                    // same cases (受理749件…共办理718件): the first one stands, the rest are not guessed at.
                    mentions.add(
                            mention(raw, t, context, sent, oStart, oEnd, Mention.REJECTED, "second_figure", frame));
                    continue;
                }
                if (dm != null && dm.description() != null) {
                    Description first = dm.description();
                    if (first.rate() && (t.value() < 0 || t.value() > 100)) {
                        mentions.add(mention(
                                raw, t, context, sent, oStart, oEnd, Mention.REJECTED, "implausible_rate", frame));
                        continue;
                    }
                    // One figure may hold for several listed indicators (办结率、满意率均达98.6%).
                    List<Description> ds = new ArrayList<>();
                    ds.add(first);
                    ds.addAll(dm.also());
                    for (Description d : ds) {
                        values.add(value(
                                d.indicator(),
                                d.rate(),
                                d.id(),
                                d.confidence(),
                                new ArrayList<>(),
                                t,
                                raw,
                                sent,
                                oStart,
                                oEnd));
                    }
                    continue;
                }
                if (dm != null && dm.reason() != null) {
                    Frames.Frame f = dm.reason().equals(Frames.BREAKDOWN)
                            ? new Frames.Frame(frame.period(), Frames.BREAKDOWN)
                            : frame;
                    mentions.add(mention(raw, t, context, sent, oStart, oEnd, Mention.REJECTED, dm.reason(), f));
                    continue;
                }
                boolean rateLike = bareNumber && t.value() > 100 && precededByRateSubject(u, cStart, t.start());
                mentions.add(mention(
                        raw,
                        t,
                        context,
                        sent,
                        oStart,
                        oEnd,
                        rateLike ? Mention.REJECTED : Mention.UNCLAIMED,
                        rateLike ? "implausible_rate" : null,
                        frame));
                continue;
            }
            Rule r = best.rule();
            if (r.rate() && bareNumber && t.value() > 100) {
                mentions.add(mention(raw, t, context, sent, oStart, oEnd, Mention.REJECTED, "implausible_rate", frame));
                continue;
            }
            List<String> flags = new ArrayList<>();
            if (r.rate() && (t.value() < 0 || t.value() > 100)) {
                flags.add(PlausibilityChecks.RATE_OUT_OF_RANGE);
            }
            double conf = Math.max(0.3, r.confidence() - 0.02 * best.gap() - (best.after() ? 0.05 : 0));
            values.add(value(
                    r.indicator(),
                    r.rate(),
                    r.id(),
                    Math.round(conf * 100) / 100.0,
                    flags,
                    t,
                    raw,
                    sent,
                    oStart,
                    oEnd));
        }
    }

    /** A value of the catalog indicator {@code indicator} for number {@code t} (rates in %). */
    private IndicatorValue value(
            String indicator,
            boolean rate,
            String ruleId,
            double confidence,
            List<String> flags,
            NumberToken t,
            String raw,
            Sentence sent,
            int oStart,
            int oEnd) {
        CatalogEntry e = rules.catalogEntries().get(indicator);
        return new IndicatorValue(
                indicator,
                e.nameZh(),
                e.area(),
                t.value(),
                rate ? "%" : t.unit(),
                t.approx(),
                raw,
                sent.text(),
                sent.idx(),
                sent.sectionId(),
                oStart,
                oEnd,
                ruleId,
                confidence,
                flags);
    }

    private static boolean alreadyValued(List<IndicatorValue> values, Description d, Sentence sent) {
        for (int i = values.size() - 1; i >= 0; i--) {
            IndicatorValue v = values.get(i);
            if (v.sentenceIdx() != sent.idx()) {
                return false;
            }
            if (v.indicator().equals(d.indicator())) {
                return true;
            }
        }
        return false;
    }

    /** Start of the sentence holding {@code at} inside the unit (after the last sentence end before it). */
    private static int sentenceStart(String u, int at) {
        int i = at;
        int floor = Math.max(0, at - SENTENCE_WINDOW);
        while (i > floor && !Punctuation.endsSentence(u.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private boolean precededByRateSubject(String u, int cStart, int numStart) {
        Matcher m = rules.rateSubject().matcher(u);
        m.region(cStart, numStart);
        return m.find();
    }

    private static Sentence sentenceAt(List<Sentence> group, int offset) {
        for (Sentence s : group) {
            if (offset >= s.charStart() && offset < s.charEnd()) {
                return s;
            }
        }
        return group.get(group.size() - 1);
    }

    private static Mention mention(
            String raw,
            NumberToken t,
            String context,
            Sentence s,
            int start,
            int end,
            String status,
            String reason,
            Frames.Frame frame) {
        return new Mention(
                raw,
                t.value(),
                t.unit(),
                t.approx(),
                context,
                s.idx(),
                s.sectionId(),
                start,
                end,
                status,
                reason,
                frame == null ? null : frame.period(),
                frame == null ? null : frame.scope());
    }

    /** The rule's best link to the token, or null. Lower score is better: the gap, plus a penalty for after-links. */
    private static Candidate match(
            Rule r, NumberToken t, String u, String clause, int cStart, int cEnd, List<NumberToken> tokens) {
        if (r.rate()) {
            if (t.unit() != null && !t.unit().equals("%")) {
                return null;
            }
        } else if (t.unit() == null || !r.units().contains(t.unit())) {
            return null;
        }
        if (r.clauseRequire() != null && !r.clauseRequire().matcher(clause).find()) {
            return null;
        }
        if (r.clauseForbid() != null && r.clauseForbid().matcher(clause).find()) {
            return null;
        }

        Candidate best = null;
        for (Pattern p : r.before()) {
            Matcher m = p.matcher(u);
            m.region(cStart, t.start());
            int bestEnd = -1;
            while (m.find()) {
                if (m.end() > bestEnd) {
                    bestEnd = m.end();
                }
                if (m.end() == m.start()) {
                    break;
                }
            }
            if (bestEnd < 0) {
                continue;
            }
            String gap = u.substring(bestEnd, t.start());
            if (gap.length() > r.maxGapBefore() || DIGIT.matcher(gap).find()) {
                continue;
            }
            if (r.beforeGapForbid() != null && r.beforeGapForbid().matcher(gap).find()) {
                continue;
            }
            if (best == null || gap.length() < best.gap()) {
                best = new Candidate(r, gap.length(), gap.length(), false);
            }
        }
        int tEnd = Math.min(t.end(), cEnd);
        for (Pattern p : r.after()) {
            Matcher m = p.matcher(u);
            m.region(tEnd, cEnd);
            if (!m.find()) {
                continue;
            }
            int gapLen = m.start() - tEnd;
            if (gapLen > r.maxGapAfter()) {
                continue;
            }
            if (hasTokenBetween(tokens, tEnd, m.end())) {
                continue;
            }
            String gap = u.substring(tEnd, m.start());
            if (r.afterGapForbid() != null && r.afterGapForbid().matcher(gap).find()) {
                continue;
            }
            double score = gapLen + 0.5;
            if (best == null || score < best.score()) {
                best = new Candidate(r, score, gapLen, true);
            }
        }
        return best;
    }

    /** Tokens are in text order (NumberNormalizer scans left to right): a binary search, not a scan per number. */
    private static boolean hasTokenBetween(List<NumberToken> tokens, int from, int to) {
        int lo = 0;
        int hi = tokens.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).numberStart() < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < tokens.size() && tokens.get(lo).numberStart() < to;
    }
}
