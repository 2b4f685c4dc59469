package govlens.lib.text;

/**
 * Punctuation classes in one place, for text already width-folded or not (both widths are listed).
 *
 * <ul>
 *   <li>{@link #SENTENCE_END}: ends a sentence (。!?！？);
 *   <li>{@link #LINE_END}: a line ending with one of these ends its thought, so the next line does not continue
 *       it (the sentence ends plus ；;：:… and a full stop);
 *   <li>{@link #CLAUSE_END}: ends a clause inside a sentence (the sentence ends plus ,;:，；：… and a line break);
 *   <li>{@link #TRAILING}: stripped from the end of a heading.
 * </ul>
 */
public final class Punctuation {
    private Punctuation() {}

    public static final String SENTENCE_END = "。!?！？";
    /** Closing quotes and brackets that stay with the sentence whose terminator they follow. */
    public static final String CLOSERS = "”’\"')）]】」』》〕";

    public static final String LINE_END = "。！？!?；;：:….";
    public static final String SEMICOLON_END = "。！？；!?;";
    public static final String CLAUSE_END = ",;:，；：。！？!?…\n";
    public static final String TRAILING = "。.,;:!?，；：！？、";
    /** Ends a clause of a heading's lead-in (一是…，): commas, semicolons and colons. */
    public static final String CLAUSE_PAUSE = ",;:，；：";

    /** True when {@code c} ends a sentence. */
    public static boolean endsSentence(char c) {
        return SENTENCE_END.indexOf(c) >= 0;
    }

    /** True when {@code c} ends a clause (see {@link #CLAUSE_END}). */
    public static boolean endsClause(char c) {
        return CLAUSE_END.indexOf(c) >= 0;
    }

    /** Index of the first sentence end in {@code s} at or after {@code from}, or -1. */
    public static int nextSentenceEnd(CharSequence s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (endsSentence(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code s} without trailing {@link #TRAILING} punctuation. */
    public static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && TRAILING.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }
}
