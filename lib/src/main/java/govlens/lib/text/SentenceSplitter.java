package govlens.lib.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cleaned report into {@link Sentence}s.
 *
 * <p>A sentence ends after 。!?！？ together with any closing quotes or brackets right after it
 * ({@code 。”}, {@code !)}), at every line break, and at every section start (so a heading line is a
 * sentence of its own and no sentence crosses sections). Full stops of other kinds are not sentence ends,
 * which keeps decimals (97.93%) and ordinals ("1.") inside their sentence. Leading and trailing whitespace
 * is trimmed from each span; empty spans are dropped. A sentence longer than {@value #MAX_SENTENCE}
 * characters is cut after its semicolons (;；) into pieces of at most that length where the semicolons
 * allow; a piece without a semicolon stays long.
 *
 * <p>Stateless and thread-safe.
 */
public final class SentenceSplitter {
    /** Sentences longer than this are cut at semicolons. */
    public static final int MAX_SENTENCE = 500;

    private static final String TERMINATORS = Punctuation.SENTENCE_END;
    private static final String CLOSERS = Punctuation.CLOSERS;

    private SentenceSplitter() {}

    /**
     * Splits {@code cleanedText} into sentences in document order.
     *
     * @param cleanedText output of the cleaner; null is treated as empty
     * @param sections the sections of the same text from {@link SectionSplitter#split}; each sentence gets
     *     the id of the section holding its first character (null when {@code sections} is null or empty or
     *     does not cover that character)
     * @return sentences with idx 0, 1, … whose text is exactly {@code cleanedText.substring(charStart, charEnd)}
     */
    public static List<Sentence> split(String cleanedText, List<Section> sections) {
        String text = cleanedText == null ? "" : cleanedText;
        List<Section> secs = sections == null ? List.of() : sections;
        List<Sentence> out = new ArrayList<>();
        int sec = 0;
        int nextSectionStart = secs.size() > 1 ? secs.get(1).charStart() : Integer.MAX_VALUE;
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (i == nextSectionStart) {
                emit(text, start, i, secs, out);
                start = i;
                sec++;
                nextSectionStart = sec + 1 < secs.size() ? secs.get(sec + 1).charStart() : Integer.MAX_VALUE;
                continue;
            }
            char c = text.charAt(i);
            if (c == '\n') {
                emit(text, start, i, secs, out);
                start = i + 1;
                i++;
            } else if (TERMINATORS.indexOf(c) >= 0) {
                int end = i + 1;
                while (end < n
                        && end != nextSectionStart
                        && (TERMINATORS.indexOf(text.charAt(end)) >= 0 || CLOSERS.indexOf(text.charAt(end)) >= 0)) {
                    end++;
                }
                emit(text, start, end, secs, out);
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        emit(text, start, n, secs, out);
        return out;
    }

    private static void emit(String text, int from, int to, List<Section> secs, List<Sentence> out) {
        while (from < to && isSpace(text.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(text.charAt(to - 1))) {
            to--;
        }
        if (from >= to) {
            return;
        }
        if (to - from <= MAX_SENTENCE) {
            add(text, from, to, secs, out);
            return;
        }
        // Cut after semicolons, greedily packing clauses so that pieces stay as long as allowed.
        int pieceStart = from;
        int lastCut = -1;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == ';' || c == '；') {
                if (i + 1 - pieceStart > MAX_SENTENCE && lastCut > pieceStart) {
                    add(text, pieceStart, lastCut, secs, out);
                    pieceStart = skipSpace(text, lastCut, to);
                }
                lastCut = i + 1;
            }
        }
        if (to - pieceStart > MAX_SENTENCE && lastCut > pieceStart && lastCut < to) {
            add(text, pieceStart, lastCut, secs, out);
            pieceStart = skipSpace(text, lastCut, to);
        }
        if (pieceStart < to) {
            add(text, pieceStart, to, secs, out);
        }
    }

    private static int skipSpace(String text, int from, int to) {
        while (from < to && isSpace(text.charAt(from))) {
            from++;
        }
        return from;
    }

    private static void add(String text, int from, int to, List<Section> secs, List<Sentence> out) {
        int end = to;
        while (end > from && isSpace(text.charAt(end - 1))) {
            end--;
        }
        if (end <= from) {
            return;
        }
        out.add(new Sentence(sectionAt(secs, from), out.size(), text.substring(from, end), from, end));
    }

    private static String sectionAt(List<Section> secs, int pos) {
        int lo = 0;
        int hi = secs.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Section s = secs.get(mid);
            if (pos < s.charStart()) {
                hi = mid - 1;
            } else if (pos >= s.charEnd()) {
                lo = mid + 1;
            } else {
                return s.sectionId();
            }
        }
        return null;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }
}
