package govlens.lib.text;

/**
 * Width folding in one place: the full-width ASCII forms U+FF01–FF5E (，（：０Ａ％ …) become their ASCII
 * counterparts and the ideographic space U+3000 becomes a space. Folding keeps the length, so offsets into folded
 * text hold for the original. Other characters (CJK punctuation such as 。、“” which have no ASCII twin) are kept.
 */
public final class Width {
    private Width() {}

    /** True when {@link #fold(char)} changes {@code c}. */
    public static boolean folds(char c) {
        return (c >= '\uFF01' && c <= '\uFF5E') || c == '\u3000';
    }

    /** The half-width form of {@code c}, or {@code c} itself. */
    public static char fold(char c) {
        if (c >= '\uFF01' && c <= '\uFF5E') {
            return (char) (c - 0xFEE0);
        }
        if (c == '\u3000') {
            return ' ';
        }
        return c;
    }

    /** {@code s} with every character folded; same length as {@code s}. */
    public static String fold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            sb.append(fold(s.charAt(i)));
        }
        return sb.toString();
    }
}
