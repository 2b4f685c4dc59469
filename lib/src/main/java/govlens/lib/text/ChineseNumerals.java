package govlens.lib.text;

/**
 * Chinese numerals in one place: values of figures ({@link #value}: 十二 → 12, 一百零五 → 105, 三万五千 → 35000,
 * 二〇二四 → 2024) and the strict small ordinals of headings ({@link #parse}: 一 … 九十九).
 */
public final class ChineseNumerals {
    private ChineseNumerals() {}

    /**
     * Converts Chinese numerals to a number: 十二 → 12, 二十三 → 23, 一百零五 → 105, 两 → 2, 三万五千 → 35000, 〇/零 as
     * zero digits (二〇二四 → 2024 read digit by digit when no unit characters occur).
     *
     * @return null when the string is not a well-formed Chinese numeral
     */
    public static Double value(String s) {
        if (s == null || s.isEmpty()) return null;
        boolean hasPositional = s.chars().anyMatch(ch -> "十百千万亿".indexOf(ch) >= 0);
        if (!hasPositional) {
            // Digit-by-digit reading: 二〇二四, or a single digit such as 两 or 五.
            long v = 0;
            for (char c : s.toCharArray()) {
                int d = anyDigit(c);
                if (d < 0) return null;
                v = v * 10 + d;
            }
            return (double) v;
        }
        double total = 0;
        double section = 0;
        int current = 0;
        boolean pending = false;
        for (char c : s.toCharArray()) {
            int d = anyDigit(c);
            if (d >= 0) {
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
                case '万', '亿' -> {
                    double mul = c == '万' ? 1e4 : 1e8;
                    section += pending ? current : 0;
                    if (section == 0) section = 1;
                    total = (total + section) * mul;
                    section = 0;
                    current = 0;
                    pending = false;
                }
                default -> {
                    return null;
                }
            }
        }
        return total + section + (pending ? current : 0);
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
