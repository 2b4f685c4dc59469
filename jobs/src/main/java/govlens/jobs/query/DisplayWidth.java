package govlens.jobs.query;

/**
 * Terminal display width: East Asian wide and fullwidth characters (CJK ideographs, kana, hangul,
 * fullwidth forms, CJK punctuation) take two columns, combining marks none, everything else one. A
 * compact table of the Unicode East_Asian_Width W/F ranges that matter for Chinese text, not all of them.
 */
final class DisplayWidth {
    private DisplayWidth() {}

    private static final int[][] WIDE = {
        {0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
        {0xA000, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F},
        {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD}
    };

    static int of(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += of(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    static int of(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || cp == 0x200B) {
            return 0;
        }
        for (int[] r : WIDE) {
            if (cp >= r[0] && cp <= r[1]) {
                return 2;
            }
        }
        return 1;
    }
}
