package govlens.lib.text;

/**
 * Chinese numerals in one place: values of figures ({@link #value}: 十二 → 12, 一百零五 → 105, 三万五千 → 35000,
 * 一亿三千万 → 130000000, 二〇二四 → 2024), written figures mixing digits and multipliers ({@link #figure}: 3.2万,
 * 1.5亿) and the strict small ordinals of headings ({@link #parse}: 一 … 九十九). Vague numerals (十几, 几十, 数百)
 * are refused: they are no figure.
 */
public final class ChineseNumerals {
    private ChineseNumerals() {}

    /**
     * Converts Chinese numerals to a number: 十二 → 12, 二十三 → 23, 一百零五 → 105, 两 → 2, 三万五千 → 35000,
     * 一亿三千万 → 130000000, 两千零五 → 2005, 〇/零 as zero digits (二〇二四 → 2024 read digit by digit when no unit
     * characters occur). 万 and 亿 scale everything before them that is not already scaled by a larger unit, so
     * 一万亿 is 10^12 and 三亿五千万 is 350000000.
     *
     * @return null when the string is not a well-formed Chinese numeral (unknown characters such as the vague 几 of
     *     十几, or a 万 after a 亿-free part that is already at 万 scale such as 五万三万)
     */
    public static Double value(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        boolean hasPositional = s.chars().anyMatch(ch -> "十百千万亿".indexOf(ch) >= 0);
        if (!hasPositional) {
            // Digit-by-digit reading: 二〇二四, or a single digit such as 两 or 五.
            long v = 0;
            for (char c : s.toCharArray()) {
                int d = anyDigit(c);
                if (d < 0) {
                    return null;
                }
                v = v * 10 + d;
            }
            return (double) v;
        }
        // Three levels: what 亿 has scaled, what 万 has scaled since the last 亿, and the part below 万.
        double yi = 0;
        double wan = 0;
        double section = 0;
        int current = 0;
        boolean pending = false;
        for (char c : s.toCharArray()) {
            int d = anyDigit(c);
            if (d >= 0) {
                // Two digits in a row with units elsewhere are a name (十四五, 八五普法), not a figure; only a zero
                // may stand before a digit (一千零五).
                if (pending && current != 0) {
                    return null;
                }
                current = d;
                pending = true;
                continue;
            }
            switch (c) {
                case '十', '百', '千' -> {
                    int mul = c == '十' ? 10 : c == '百' ? 100 : 1000;
                    section += (pending ? current : 1) * mul;
                    current = 0;
                    pending = false;
                }
                case '万' -> {
                    if (wan != 0) {
                        return null;
                    }
                    double part = section + (pending ? current : 0);
                    wan = (part == 0 ? 1 : part) * 1e4;
                    section = 0;
                    current = 0;
                    pending = false;
                }
                case '亿' -> {
                    double part = yi + wan + section + (pending ? current : 0);
                    yi = (part == 0 ? 1 : part) * 1e8;
                    wan = 0;
                    section = 0;
                    current = 0;
                    pending = false;
                }
                default -> {
                    return null;
                }
            }
        }
        return yi + wan + section + (pending ? current : 0);
    }

    /**
     * The value of a written figure as reports give it: Arabic digits with optional thousands separators and
     * decimals, optionally scaled by 万 or 亿 (3.2万 → 32000, 1.5亿 → 150000000, 1,234 → 1234), or Chinese numerals
     * ({@link #value}). Half-width input only (fold with {@link Width#fold(String)} first).
     *
     * @return null when {@code s} is not one such figure
     */
    public static Double figure(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        char last = s.charAt(s.length() - 1);
        double mul = 1;
        String digits = s;
        if ((last == '万' || last == '亿') && s.length() > 1 && isAsciiDigit(s.charAt(s.length() - 2))) {
            mul = last == '万' ? 1e4 : 1e8;
            digits = s.substring(0, s.length() - 1);
        }
        if (isAsciiDigit(digits.charAt(0))) {
            if (!ARABIC.matcher(digits).matches()) {
                return null;
            }
            return Double.parseDouble(digits.replace(",", "")) * mul;
        }
        return value(s);
    }

    private static final java.util.regex.Pattern ARABIC =
            java.util.regex.Pattern.compile("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?");

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Digit value of 零〇一二两三…九, -1 for anything else. */
    static int anyDigit(char c) {
        return switch (c) {
            case '零', '〇' -> 0;
            case '两' -> 2;
            default -> digit(c);
        };
    }

    /**
     * Value of a Chinese numeral such as 一, 十, 十二, 二十, 二十三; -1 when {@code s} is not one
     * (empty, unknown characters, or 100 and above — headings never go that far, and refusing large values
     * keeps words like 百 out of the ordinal patterns).
     */
    static int parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 3) {
            return -1;
        }
        int ten = s.indexOf('十');
        if (ten < 0) {
            return s.length() == 1 ? digit(s.charAt(0)) : -1;
        }
        if (s.indexOf('十', ten + 1) >= 0) {
            return -1;
        }
        int tens;
        if (ten == 0) {
            tens = 1;
        } else if (ten == 1) {
            tens = digit(s.charAt(0));
            if (tens < 2) {
                return -1;
            }
        } else {
            return -1;
        }
        int units = 0;
        if (ten + 1 < s.length()) {
            if (ten + 2 != s.length()) {
                return -1;
            }
            units = digit(s.charAt(ten + 1));
            if (units < 1) {
                return -1;
            }
        }
        return tens * 10 + units;
    }

    private static int digit(char c) {
        return switch (c) {
            case '一' -> 1;
            case '二' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            default -> -1;
        };
    }
}
