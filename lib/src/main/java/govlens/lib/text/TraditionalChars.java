package govlens.lib.text;

import com.hankcs.hanlp.HanLP;

/**
 * A simplified-character view of a text with exactly the same length, so an offset found in the view is the
 * offset of the same character in the text as written (東城區 → 东城区 at the same positions).
 *
 * <p>HanLP's {@code convertToSimplifiedChinese} converts phrases and may change their length (筆記簿型電腦 →
 * 笔记本电脑), which would break offsets. So each character is converted on its own through HanLP's table and
 * kept as written when its conversion is not exactly one character. Characters outside the CJK blocks (digits,
 * punctuation, whitespace, letters) are never changed.
 *
 * <p>The table covers U+3400–U+9FFF and is built once per JVM on first use (about a quarter of a second);
 * immutable and thread-safe afterwards.
 */
public final class TraditionalChars {

    private static final char FIRST = '\u3400';
    private static final char LAST = '\u9FFF';

    private TraditionalChars() {}

    private static final class Holder {
        static final char[] TABLE = build();

        private static char[] build() {
            char[] t = new char[LAST - FIRST + 1];
            for (char c = FIRST; c <= LAST; c++) {
                String s = HanLP.convertToSimplifiedChinese(String.valueOf(c));
                t[c - FIRST] = s.length() == 1 ? s.charAt(0) : c;
            }
            return t;
        }
    }

    /** The simplified form of one character (itself when it has none or is not a CJK ideograph). */
    public static char simplify(char c) {
        return c < FIRST || c > LAST ? c : Holder.TABLE[c - FIRST];
    }

    /** The simplified view of {@code text}: same length, same offsets; null gives "". */
    public static String simplify(String text) {
        if (text == null) {
            return "";
        }
        char[] out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char s = simplify(c);
            if (s != c) {
                if (out == null) {
                    out = text.toCharArray();
                }
                out[i] = s;
            }
        }
        return out == null ? text : new String(out);
    }
}
