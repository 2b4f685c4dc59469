package govlens.lib.indicators;

import govlens.lib.text.ChineseNumerals;
import govlens.lib.text.Width;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and normalizes numbers as Chinese reports write them: Arabic digits (half- or full-width, with
 * thousands separators and decimals), Chinese numerals (十二, 一百零五, 两), the multipliers 万 and 亿, approximation
 * markers before (近, 约, 超, 超过, 逾, 将近) or after (余, 多, 以上, 左右) the number, and a unit from
 * {@code conf/indicators/units.tsv} ({@link Units}). Values come from the one numeral parser
 * {@link ChineseNumerals}; vague amounts (几十件, 数百人) are skipped.
 *
 * <p>Values are returned in plain units: 82.3万件 is 823000 件, 15.8% is 15.8 with unit "%". Chinese numerals are
 * only recognised when a unit follows them (十二期, 两次), because bare Chinese numerals in this genre are mostly
 * names (二十大, 一把手, 三中全会). Stateless and thread-safe.
 */
public final class NumberNormalizer {

    /** Units recognised after a number, longest first so 人次 wins over 人 (from {@link Units}). */
    public static final List<String> UNITS = Units.get().longestFirst();

    private static final String CN_DIGITS = "零〇一二两三四五六七八九十百千万亿";
    /** A Chinese numeral next to one of these is vague (十几, 几十, 数百): no figure. */
    private static final String VAGUE = "几数";

    private static final Pattern TOKEN = Pattern.compile("(将近|接近|超过|近|约|超|逾)?"
            + "(?:(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)|(["
            + CN_DIGITS
            + "]+))"
            + "(余|多)?(万|亿)?(余|多)?"
            + "("
            + String.join("|", UNITS.stream().map(Pattern::quote).toList())
            + ")?"
            + "(以上|左右|余)?");

    private NumberNormalizer() {}

    /**
     * One number found in a text.
     *
     * @param start offset of the first character (including a leading approximation word)
     * @param end exclusive offset after the unit or trailing approximation word
     * @param value normalized value (multipliers applied)
     * @param unit the unit as written after the number ("件", "%", "人次"), without the multiplier; null if none
     * @param approx the approximation marker (余, 近, 约, 超, 多, 以上 …) or null
     * @param chineseNumeral true when the digits were Chinese numerals
     * @param numberStart offset of the first digit
     * @param numberEnd offset after the last digit (before 万/亿, approximation and unit)
     */
    public record NumberToken(
            int start,
            int end,
            double value,
            String unit,
            String approx,
            boolean chineseNumeral,
            int numberStart,
            int numberEnd) {}

    /** Folds full-width digits, comma, period and percent sign to ASCII so either width parses ({@link Width}). */
    public static String foldWidth(String s) {
        return Width.fold(s);
    }

    /**
     * Parses a whole string as one number, e.g. "82.3万件", "近32万件", "十二期", "15.8%", "1,234".
     *
     * @return the token spanning the entire (trimmed) string, or empty when the string is not exactly one number
     */
    public static Optional<NumberToken> parse(String text) {
        String t = foldWidth(text).strip();
        Matcher m = TOKEN.matcher(t);
        if (m.matches()) {
            NumberToken tok = toToken(m, t);
            if (tok != null) {
                return Optional.of(tok);
            }
        }
        return Optional.empty();
    }

    /**
     * All numbers in {@code text}, left to right, non-overlapping. The text should already be width-folded for
     * offsets to be exact (width folding keeps the length, so offsets also hold for unfolded text).
     */
    public static List<NumberToken> findAll(String text) {
        String t = foldWidth(text);
        List<NumberToken> out = new ArrayList<>();
        List<NumberToken> percents = percentWords(t);
        int next = 0;
        Matcher m = TOKEN.matcher(t);
        int from = 0;
        while (from < t.length() && m.find(from)) {
            while (next < percents.size() && percents.get(next).start() < m.start()) {
                NumberToken p = percents.get(next++);
                out.add(p);
                from = Math.max(from, p.end());
            }
            if (m.start() < from) {
                from = Math.max(from, m.start() + 1);
                continue;
            }
            NumberToken tok = toToken(m, t);
            if (tok == null || overlaps(percents, next, tok)) {
                from = m.start() + 1;
                continue;
            }
            out.add(tok);
            from = m.end();
        }
        while (next < percents.size()) {
            out.add(percents.get(next++));
        }
        return out;
    }

    /** A rate written out: 百分之百, 百分之九十八, 百分之98.5 (value in percent, unit "%"). */
    private static final Pattern PERCENT_WORDS = Pattern.compile("百分之([0-9]+(?:\\.[0-9]+)?|[零〇一二两三四五六七八九十百]+)");

    private static List<NumberToken> percentWords(String t) {
        List<NumberToken> out = new ArrayList<>();
        if (t.indexOf("百分之") < 0) {
            return out;
        }
        Matcher p = PERCENT_WORDS.matcher(t);
        while (p.find()) {
            String n = p.group(1);
            Double v = Character.isDigit(n.charAt(0)) ? ChineseNumerals.figure(n) : ChineseNumerals.value(n);
            if (v != null) {
                out.add(new NumberToken(
                        p.start(),
                        p.end(),
                        round(v),
                        "%",
                        null,
                        !Character.isDigit(n.charAt(0)),
                        p.start(1),
                        p.end(1)));
            }
        }
        return out;
    }

    private static boolean overlaps(List<NumberToken> percents, int from, NumberToken tok) {
        for (int i = Math.max(0, from - 1);
                i < percents.size() && percents.get(i).start() < tok.end();
                i++) {
            if (percents.get(i).end() > tok.start()) {
                return true;
            }
        }
        return false;
    }

    private static NumberToken toToken(Matcher m, String input) {
        String pre = m.group(1);
        String arabic = m.group(2);
        String cn = m.group(3);
        String approxMid = m.group(4) != null ? m.group(4) : m.group(6);
        String mult = m.group(5);
        String unit = m.group(7);
        String post = m.group(8);
        double v;
        int numStart;
        int numEnd;
        Double parsed;
        if (arabic != null) {
            parsed = ChineseNumerals.figure(arabic);
            numStart = m.start(2);
            numEnd = m.end(2);
        } else {
            // Chinese numerals need a unit: alone they are names (二十大, 三中全会), not quantities.
            if (unit == null || unit.equals("%")) {
                return null;
            }
            numStart = m.start(3);
            numEnd = m.end(3);
            // 几十件, 数百人: vague (a 几 after the numeral, as in 十几件, already leaves it without a unit).
            if (numStart > 0 && VAGUE.indexOf(input.charAt(numStart - 1)) >= 0) {
                return null;
            }
            parsed = ChineseNumerals.value(cn);
        }
        if (parsed == null) {
            return null;
        }
        v = parsed;
        if (mult != null) {
            v *= mult.equals("万") ? 1e4 : 1e8;
        }
        Units.Unit u = unit == null ? null : Units.get().unit(unit);
        if (u != null && u.factor() != 1) {
            v *= u.factor();
            unit = u.base();
        }
        String approx = pre != null && !pre.equals("接近") ? pre : approxMid != null ? approxMid : post;
        if (pre != null && pre.equals("接近")) {
            approx = "近";
        }
        int start = pre != null ? m.start(1) : numStart;
        int end = m.end();
        return new NumberToken(start, end, round(v), unit, approx, arabic == null, numStart, numEnd);
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /**
     * Converts Chinese numerals to a number: 十二 → 12, 二十三 → 23, 一百零五 → 105, 两 → 2, 三万五千 → 35000, 〇/零 as
     * zero digits (二〇二四 → 2024 read digit by digit when no unit characters occur).
     *
     * @return null when the string is not a well-formed Chinese numeral
     */
    public static Double chineseToNumber(String s) {
        return ChineseNumerals.value(s);
    }
}
