package govlens.lib.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cleaned report into {@link Section}s following the numbering of Chinese government reports.
 *
 * <p>Heading styles and their levels: {@code 一、} → 1; {@code (一)} → 2; {@code 1.}, {@code 1、},
 * {@code (1)} → 3 ({@code (1)} becomes 4 when it sits under a {@code 1.} heading); lead-ins
 * {@code 一是…} → one below the enclosing numbered heading. The level comes from the ordinal style only,
 * never from layout. A heading must start a line (leading spaces and stray markdown {@code #}/{@code *}
 * are skipped and left to the previous section). A line of at most {@value #MAX_HEADING_LINE} characters
 * is a heading line; a longer line counts only as a lead-in paragraph whose heading is the opening clause
 * ({@code (一)…。} up to the first 。!?, {@code 一是…} up to the first 。!?,;:), at most
 * {@value #MAX_LEAD_IN} characters. Headings are reported as written, minus trailing punctuation.
 *
 * <p>False headings are filtered by numbering: a heading is kept when its ordinal continues its style's
 * sequence (counters restart under each new parent), restarts at 1 below level 1, or skips exactly one
 * number on a stand-alone heading line. A level-1 list restarting at 一 inside the document is treated as
 * an inner list and ignored. Lines that continue a long paragraph broken mid-sentence are never headings.
 *
 * <p>Un-headed parts: when no heading names a problems part, the first paragraph that announces one
 * ("在取得成绩的同时,…还存在一定差距") starts a synthetic section of kind problems; likewise, when no
 * heading names a plans part, the first paragraph after the problems part (or inside the last top-level
 * section) that announces next-year work ("下一步…", "2022年是…,我们将…"; a year counts only when it is
 * later than the most frequent year of the text before it) starts a synthetic plans section. Synthetic
 * sections have a null heading and the next sibling ordinal in their path; they take the level of the
 * outermost heading before them, or one below it when a heading of that level still follows (a
 * "在肯定成绩的同时…" passage closing a 工作回顾 section becomes its child).
 *
 * <p>Kinds: a top-level section's heading decides broadly (成效/做法 → achievements, 存在的问题/不足 →
 * problems, 下一步/重点工作 → plans); undecided top-level sections before the first problems section (or,
 * without one, before the first top-level plans section) are achievements, the body of a report being its
 * account of work done; other undecided top-level sections are other. Nested sections keep the parent's
 * kind unless their heading names a part outright ("存在的问题", "下一步工作"). The preamble is other.
 *
 * <p>Ids are s000, s001, … in document order. Text before the first heading is section s000 (level 0,
 * path "0", null heading); when it is blank it is folded into the first section instead, which then starts
 * at offset 0, so that the sections always cover the whole text.
 *
 * <p>Stateless and thread-safe.
 */
public final class SectionSplitter {
    /** Longest line accepted as a stand-alone heading. */
    public static final int MAX_HEADING_LINE = 80;
    /** Longest opening clause accepted as the heading of a lead-in paragraph. */
    public static final int MAX_LEAD_IN = 80;
    // A level-1 or (一) heading followed by body text on the same line is rarer than a 一是 lead-in, so its
    // clause must be shorter to count.
    private static final int MAX_NUMBERED_LEAD_IN = 60;

    private SectionSplitter() {}

    private enum Style {
        CN_COMMA(1), // 一、
        CN_PAREN(2), // (一)
        ARABIC(3), // 1. 1、
        ARABIC_PAREN(4), // (1)
        LEAD_IN(5); // 一是

        final int rank;

        Style(int rank) {
            this.rank = rank;
        }
    }

    private static final Pattern CN_COMMA = Headings.CN_COMMA;
    private static final Pattern CN_PAREN = Headings.CN_PAREN;
    private static final Pattern ARABIC = Headings.ARABIC;
    private static final Pattern ARABIC_PAREN = Headings.ARABIC_PAREN;
    private static final Pattern LEAD_IN = Headings.LEAD_IN;

    /** A line that may hold a heading, before the numbering filter. */
    private record Candidate(Style style, int ordinal, int start, String heading, boolean standalone) {}

    /** A section start, heading-based or synthetic. */
    private static final class Boundary {
        final int start;
        final int level;
        final int ordinal; // 0 = next sibling ordinal
        final String heading;
        final String syntheticKind;
        String parentId;
        String sectionId;
        String path;
        String kind;
        Boundary parent;

        Boundary(int start, int level, int ordinal, String heading, String syntheticKind) {
            this.start = start;
            this.level = level;
            this.ordinal = ordinal;
            this.heading = heading;
            this.syntheticKind = syntheticKind;
        }
    }

    /**
     * Splits {@code cleanedText} into sections that partition it, in document order.
     *
     * @param cleanedText output of the cleaner; null is treated as empty
     * @return sections with ids s000, s001, …; empty for empty input (a blank but non-empty text is one
     *     level-0 section, so that the sections still cover it)
     */
    public static List<Section> split(String cleanedText) {
        String text = cleanedText == null ? "" : cleanedText;
        List<int[]> lines = lines(text);
        List<Candidate> candidates = candidates(text, lines);
        List<Boundary> bounds = acceptByNumbering(candidates);
        addSyntheticParts(text, lines, bounds);
        return build(text, bounds);
    }

    // ---------------------------------------------------------------- lines and candidates

    /** [lineStart, contentStart, contentEnd) per line; contentStart == contentEnd for blank lines. */
    private static List<int[]> lines(String text) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i <= n) {
            int end = text.indexOf('\n', i);
            if (end < 0) {
                end = n;
            }
            int cs = i;
            while (cs < end && isSkippable(text.charAt(cs))) {
                cs++;
            }
            int ce = end;
            while (ce > cs && isSpace(text.charAt(ce - 1))) {
                ce--;
            }
            out.add(new int[] {i, cs, ce});
            if (end == n) {
                break;
            }
            i = end + 1;
        }
        return out;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }

    // The cleaner removes markdown markers, but tolerating them keeps headings found on raw-ish input.
    private static boolean isSkippable(char c) {
        return isSpace(c) || c == '#' || c == '*';
    }

    private static List<Candidate> candidates(String text, List<int[]> lines) {
        List<Candidate> out = new ArrayList<>();
        int prevContentLen = 0;
        char prevLast = '。';
        for (int[] line : lines) {
            int cs = line[1];
            int ce = line[2];
            if (cs == ce) {
                continue;
            }
            String content = text.substring(cs, ce);
            // A long paragraph cut mid-word by a page break continues on the next line; that line may start
            // with "二、三中全会…" and must not become a heading.
            boolean continuation = prevContentLen > MAX_HEADING_LINE && Character.isLetterOrDigit(prevLast);
            List<Candidate> inline = inlineCandidates(content, cs);
            if (!continuation) {
                // A heading at the line start ends where the first heading inside the line starts.
                String own = inline.isEmpty()
                        ? content
                        : content.substring(0, inline.get(0).start() - cs);
                Candidate c = candidate(own, cs);
                if (c != null) {
                    out.add(c);
                }
            }
            out.addAll(inline);
            prevContentLen = content.length();
            prevLast = content.charAt(content.length() - 1);
        }
        return out;
    }

    /** The first 一是 item of a section whose heading runs straight into it (二、存在的问题一是…). */
    private static final Pattern FIRST_ITEM = Pattern.compile("(?<=[\\p{IsHan}\\s])一是(?![否非])");

    /** A line at least this long with headings inside it is a body a crawler flattened onto one line. */
    static final int FLATTENED_LINE = 300;

    /**
     * The headings inside a flattened line ({@link Headings#INLINE_SECTION}), when there are at least two of them: a
     * paragraph that lists items after a colon has one at most, its other items following semicolons.
     */
    private static List<Candidate> inlineCandidates(String content, int start) {
        if (content.length() < FLATTENED_LINE) {
            return List.of();
        }
        List<Integer> at = new ArrayList<>();
        Matcher m = Headings.INLINE_SECTION.matcher(content);
        while (m.find()) {
            if (m.start() > 0 && (at.isEmpty() || at.get(at.size() - 1) != m.start())) {
                at.add(m.start());
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < at.size(); i++) {
            // A heading ends where the next one starts, or at the first 一是 item of its section.
            int end = i + 1 < at.size() ? at.get(i + 1) : content.length();
            String part = content.substring(at.get(i), end);
            Matcher item = FIRST_ITEM.matcher(part);
            if (item.find(2)) {
                part = part.substring(0, item.start()) + "。" + part.substring(item.start());
            }
            Candidate c = candidate(part, start + at.get(i));
            if (c != null) {
                out.add(c);
            }
        }
        return out.size() >= 2 ? out : List.of();
    }

    private static Candidate candidate(String content, int start) {
        Style style;
        Matcher m;
        if ((m = LEAD_IN.matcher(content)).find()) {
            style = Style.LEAD_IN;
        } else if ((m = CN_COMMA.matcher(content)).find()) {
            style = Style.CN_COMMA;
        } else if ((m = CN_PAREN.matcher(content)).find()) {
            style = Style.CN_PAREN;
        } else if ((m = ARABIC_PAREN.matcher(content)).find()) {
            style = Style.ARABIC_PAREN;
        } else if ((m = ARABIC.matcher(content)).find()) {
            style = Style.ARABIC;
        } else {
            return null;
        }
        int ordinal = style == Style.ARABIC || style == Style.ARABIC_PAREN
                ? Integer.parseInt(m.group(1))
                : ChineseNumerals.parse(m.group(1));
        if (ordinal < 1) {
            return null;
        }
        int clauseEnd = clauseEnd(content, m.end(), style == Style.LEAD_IN);
        boolean bodyFollows = clauseEnd >= 0 && hasText(content, clauseEnd + 1);
        String heading;
        if (bodyFollows) {
            int max = style == Style.LEAD_IN ? MAX_LEAD_IN : MAX_NUMBERED_LEAD_IN;
            if (clauseEnd > max) {
                return null;
            }
            heading = content.substring(0, clauseEnd);
        } else {
            if (content.length() > MAX_HEADING_LINE) {
                return null;
            }
            heading = stripTrailingPunctuation(content);
        }
        return new Candidate(style, ordinal, start, heading.strip(), !bodyFollows);
    }

    /** Index of the character ending the heading clause, or -1 when the line has none. */
    private static int clauseEnd(String content, int from, boolean leadIn) {
        for (int i = from; i < content.length(); i++) {
            char c = content.charAt(i);
            if (Punctuation.endsSentence(c)) {
                return i;
            }
            if (leadIn && Punctuation.CLAUSE_PAUSE.indexOf(c) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasText(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!isSpace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String stripTrailingPunctuation(String s) {
        return Punctuation.stripTrailing(s);
    }

    // ---------------------------------------------------------------- numbering filter

    private static List<Boundary> acceptByNumbering(List<Candidate> cands) {
        Style[] styles = Style.values();
        int[] counter = new int[styles.length];
        // Last ordinal of an inner list that restarted at 1 inside a level-1 sequence (its items must not be
        // mistaken for the next top-level headings).
        int[] shadow = new int[styles.length];
        int numberedLevel = 0;
        boolean arabicOpen = false;
        List<Boundary> out = new ArrayList<>();
        for (int k = 0; k < cands.size(); k++) {
            Candidate c = cands.get(k);
            int s = c.style().ordinal();
            int n = c.ordinal();
            int expected = counter[s] + 1;
            boolean accept;
            if (shadow[s] > 0 && n == shadow[s] + 1 && (n != expected || reappearsLater(cands, k))) {
                shadow[s] = n;
                accept = false;
            } else if (n == expected) {
                accept = true;
            } else if (n == 1) {
                accept = c.style() != Style.CN_COMMA;
                if (!accept) {
                    shadow[s] = 1;
                }
            } else {
                // Sparingly tolerate one missing number (a heading lost in extraction) on a stand-alone line.
                accept = n == expected + 1 && c.standalone() && c.style() != Style.LEAD_IN;
            }
            if (!accept) {
                continue;
            }
            counter[s] = n;
            shadow[s] = 0;
            for (Style other : styles) {
                if (other.rank > c.style().rank) {
                    counter[other.ordinal()] = 0;
                    shadow[other.ordinal()] = 0;
                }
            }
            int level;
            switch (c.style()) {
                case CN_COMMA -> {
                    level = 1;
                    arabicOpen = false;
                }
                case CN_PAREN -> {
                    level = 2;
                    arabicOpen = false;
                }
                case ARABIC -> {
                    level = 3;
                    arabicOpen = true;
                }
                case ARABIC_PAREN -> level = arabicOpen ? 4 : 3;
                default -> level = numberedLevel + 1;
            }
            if (c.style() != Style.LEAD_IN) {
                numberedLevel = level;
            }
            out.add(new Boundary(c.start(), level, n, c.heading(), null));
        }
        return out;
    }

    /** True when the same style and ordinal occurs again before the next number of that style. */
    private static boolean reappearsLater(List<Candidate> cands, int k) {
        Candidate c = cands.get(k);
        for (int j = k + 1; j < cands.size(); j++) {
            Candidate d = cands.get(j);
            if (d.style() != c.style()) {
                continue;
            }
            if (d.ordinal() == c.ordinal()) {
                return true;
            }
            if (d.ordinal() == c.ordinal() + 1) {
                return false;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- synthetic problems / plans parts

    private static void addSyntheticParts(String text, List<int[]> lines, List<Boundary> bounds) {
        boolean headedProblems = false;
        boolean headedPlans = false;
        int top = minLevel(bounds);
        for (Boundary b : bounds) {
            // Parents are not linked yet; the outermost level stands in for "top-level" here.
            String kind =
                    b.level == top ? SectionKinds.classifyTopLevel(b.heading) : SectionKinds.classifyNested(b.heading);
            headedProblems |= Section.KIND_PROBLEMS.equals(kind);
            headedPlans |= Section.KIND_PLANS.equals(kind);
        }
        if (headedProblems && headedPlans) {
            return;
        }
        int firstHeading = bounds.isEmpty() ? 0 : bounds.get(0).start;
        int lastTopLevel = 0;
        for (Boundary b : bounds) {
            if (b.level == top) {
                lastTopLevel = b.start;
            }
        }
        int problemsStart = -1;
        List<Boundary> added = new ArrayList<>();
        // Every line start counts as a paragraph start: the cleaner puts paragraphs on lines of their own,
        // and inputs without blank lines between paragraphs should still be handled.
        for (int[] line : lines) {
            int cs = line[1];
            int ce = line[2];
            if (cs == ce || cs < firstHeading || isHeadingStart(bounds, cs)) {
                continue;
            }
            String para = text.substring(cs, ce);
            if (!headedProblems && problemsStart < 0 && SectionKinds.opensProblems(para)) {
                problemsStart = cs;
                added.add(new Boundary(cs, syntheticLevel(bounds, cs), 0, null, Section.KIND_PROBLEMS));
                continue;
            }
            // An un-headed plans part closes the report: it follows the last top-level heading and the problems.
            boolean afterBody = cs > lastTopLevel && cs > problemsStart;
            if (!headedPlans
                    && afterBody
                    && SectionKinds.opensPlans(para, () -> SectionKinds.dominantYear(text.subSequence(0, cs)))) {
                added.add(new Boundary(cs, syntheticLevel(bounds, cs), 0, null, Section.KIND_PLANS));
                break;
            }
        }
        bounds.addAll(added);
        bounds.sort(Comparator.comparingInt(b -> b.start));
    }

    private static boolean isHeadingStart(List<Boundary> bounds, int pos) {
        for (Boundary b : bounds) {
            if (b.start == pos) {
                return true;
            }
        }
        return false;
    }

    private static int minLevel(List<Boundary> bounds) {
        int min = Integer.MAX_VALUE;
        for (Boundary b : bounds) {
            min = Math.min(min, b.level);
        }
        return min == Integer.MAX_VALUE ? 1 : min;
    }

    /**
     * A synthetic part in the last top-level section closes every open sub-section and becomes a top-level
     * part of its own (the level of the outermost heading so far). Where another top-level heading follows,
     * the part is only a passage of the current top-level section ("在肯定成绩的同时…" closing a 工作回顾)
     * and becomes its child, so that top-level ordinals stay unique.
     */
    private static int syntheticLevel(List<Boundary> bounds, int pos) {
        int outer = Integer.MAX_VALUE;
        for (Boundary b : bounds) {
            if (b.start < pos && b.syntheticKind == null) {
                outer = Math.min(outer, b.level);
            }
        }
        if (outer == Integer.MAX_VALUE) {
            return 1;
        }
        for (Boundary b : bounds) {
            if (b.start > pos && b.syntheticKind == null && b.level <= outer) {
                return outer + 1;
            }
        }
        return outer;
    }

    // ---------------------------------------------------------------- assembly

    private static List<Section> build(String text, List<Boundary> bounds) {
        List<Section> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        List<Boundary> all = new ArrayList<>();
        boolean blankPreamble =
                !bounds.isEmpty() && text.substring(0, bounds.get(0).start).isBlank();
        if (bounds.isEmpty() || !blankPreamble) {
            all.add(new Boundary(0, 0, 0, null, null));
        }
        all.addAll(bounds);

        for (int i = 0; i < all.size(); i++) {
            Boundary b = all.get(i);
            b.sectionId = String.format("s%03d", i);
            if (b.level > 0) {
                for (int j = i - 1; j >= 0; j--) {
                    Boundary p = all.get(j);
                    if (p.level > 0 && p.level < b.level) {
                        b.parent = p;
                        break;
                    }
                }
            }
            b.parentId = b.parent == null ? null : b.parent.sectionId;
            int ordinal = b.ordinal > 0 ? b.ordinal : nextSiblingOrdinal(all, i);
            b.path = b.level == 0 ? "0" : b.parent == null ? Integer.toString(ordinal) : b.parent.path + "." + ordinal;
        }
        assignKinds(all);

        for (int i = 0; i < all.size(); i++) {
            Boundary b = all.get(i);
            // A blank preamble is folded into the first section so that the sections still cover the text.
            int start = i == 0 ? 0 : b.start;
            int end = i + 1 < all.size() ? all.get(i + 1).start : text.length();
            out.add(new Section(
                    b.sectionId,
                    b.parentId,
                    b.level,
                    b.path,
                    b.heading,
                    b.kind,
                    text.substring(start, end),
                    start,
                    end));
        }
        return out;
    }

    private static int nextSiblingOrdinal(List<Boundary> all, int i) {
        Boundary b = all.get(i);
        for (int j = i - 1; j >= 0; j--) {
            Boundary s = all.get(j);
            if (s.level == b.level && s.parent == b.parent && s.level > 0) {
                String[] parts = s.path.split("\\.");
                return Integer.parseInt(parts[parts.length - 1]) + 1;
            }
        }
        return 1;
    }

    private static void assignKinds(List<Boundary> all) {
        String[] own = new String[all.size()];
        int firstProblems = -1;
        int firstTopPlans = -1;
        for (int i = 0; i < all.size(); i++) {
            Boundary b = all.get(i);
            if (b.level == 0) {
                continue;
            }
            own[i] = b.syntheticKind != null
                    ? b.syntheticKind
                    : b.parent == null
                            ? SectionKinds.classifyTopLevel(b.heading)
                            : SectionKinds.classifyNested(b.heading);
            if (firstProblems < 0 && Section.KIND_PROBLEMS.equals(own[i])) {
                firstProblems = i;
            }
            if (firstTopPlans < 0 && b.parent == null && Section.KIND_PLANS.equals(own[i])) {
                firstTopPlans = i;
            }
        }
        // The account of work done runs up to the problems part, or up to the plans when a report has none.
        int firstPart = firstProblems >= 0 ? firstProblems : firstTopPlans;
        for (int i = 0; i < all.size(); i++) {
            Boundary b = all.get(i);
            if (b.level == 0) {
                b.kind = Section.KIND_OTHER;
            } else if (own[i] != null) {
                b.kind = own[i];
            } else if (b.parent != null) {
                b.kind = b.parent.kind;
            } else {
                b.kind = firstPart >= 0 && i < firstPart ? Section.KIND_ACHIEVEMENTS : Section.KIND_OTHER;
            }
        }
    }
}
