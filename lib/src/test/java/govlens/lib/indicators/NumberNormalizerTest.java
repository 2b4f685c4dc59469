package govlens.lib.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.indicators.NumberNormalizer.NumberToken;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumberNormalizerTest {

    private static NumberToken parse(String s) {
        return NumberNormalizer.parse(s).orElseThrow(() -> new AssertionError("not parsed: " + s));
    }

    // 万 multiplies and the unit is kept as written, without the multiplier.
    @Test
    void wanMultiplier() {
        NumberToken t = parse("82.3万件");
        assertEquals(823000, t.value());
        assertEquals("件", t.unit());
        assertNull(t.approx());
    }

    // 余 between 万 and the unit is an approximation marker.
    @Test
    void wanWithYu() {
        NumberToken t = parse("1.35万余条");
        assertEquals(13500, t.value());
        assertEquals("条", t.unit());
        assertEquals("余", t.approx());
    }

    // A leading 近 is an approximation marker.
    @Test
    void leadingJin() {
        NumberToken t = parse("近32万件");
        assertEquals(320000, t.value());
        assertEquals("近", t.approx());
        assertEquals("件", t.unit());
    }

    // Chinese numerals followed by a unit.
    @Test
    void chineseNumeralsWithUnit() {
        assertEquals(12, parse("十二期").value());
        assertEquals("期", parse("十二期").unit());
        assertEquals(2, parse("两次").value());
    }

    // Chinese numeral reading, including 零 inside and 两.
    @Test
    void chineseNumeralValues() {
        assertEquals(23.0, NumberNormalizer.chineseToNumber("二十三"));
        assertEquals(105.0, NumberNormalizer.chineseToNumber("一百零五"));
        assertEquals(2.0, NumberNormalizer.chineseToNumber("两"));
        assertEquals(35000.0, NumberNormalizer.chineseToNumber("三万五千"));
        assertNull(NumberNormalizer.chineseToNumber("十x"));
    }

    // Full-width digits and the full-width percent sign are folded.
    @Test
    void fullWidth() {
        NumberToken t = parse("１５.８％");
        assertEquals(15.8, t.value());
        assertEquals("%", t.unit());
    }

    // Thousands separators are dropped.
    @Test
    void thousandsSeparator() {
        assertEquals(1234, parse("1,234件").value());
    }

    // 亿 multiplies by 1e8.
    @Test
    void yiMultiplier() {
        assertEquals(350000000, parse("3.5亿元").value());
        assertEquals("元", parse("3.5亿元").unit());
    }

    // A rate keeps its percent number and the unit "%".
    @Test
    void percentRate() {
        NumberToken t = parse("15.8%");
        assertEquals(15.8, t.value());
        assertEquals("%", t.unit());
    }

    // A bare Chinese numeral is not a number (it is usually part of a name such as 二十大).
    @Test
    void bareChineseNumeralIgnored() {
        assertTrue(NumberNormalizer.findAll("党的二十大和二十届三中全会").isEmpty());
    }

    // findAll reports offsets of each number, with 余 after the digits as approximation.
    @Test
    void findAllOffsets() {
        String s = "开展矛盾纠纷排查500余次,调解706件";
        List<NumberToken> all = NumberNormalizer.findAll(s);
        assertEquals(2, all.size());
        assertEquals("500余次", s.substring(all.get(0).start(), all.get(0).end()));
        assertEquals("余", all.get(0).approx());
        assertEquals("706件", s.substring(all.get(1).start(), all.get(1).end()));
    }

    // Chinese numerals with 亿 and 万 keep their scale inside a token: 一亿三千万元 is 130000000 元.
    @Test
    void chineseYiWanToken() {
        NumberToken t = parse("一亿三千万元");
        assertEquals(130000000, t.value());
        assertEquals("元", t.unit());
    }

    // Digits with a multiplier and a unit: 3.2万人次 is 32000 人次, 1.5亿元 is 150000000 元.
    @Test
    void mixedDigitsAndMultipliers() {
        assertEquals(32000, parse("3.2万人次").value());
        assertEquals("人次", parse("3.2万人次").unit());
        assertEquals(150000000, parse("1.5亿元").value());
    }

    // Vague amounts (几十件, 数百人, 十几次) yield no number at all.
    @Test
    void vagueAmountsIgnored() {
        assertTrue(NumberNormalizer.findAll("处理几十件").isEmpty());
        assertTrue(NumberNormalizer.findAll("培训数百人").isEmpty());
        assertTrue(NumberNormalizer.findAll("召开十几次").isEmpty());
    }
}
