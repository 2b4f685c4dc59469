package govlens.lib.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChineseNumeralsTest {

    // Heading ordinals from 一 to 九十九 parse to their values.
    @ParameterizedTest
    @CsvSource({"一,1", "九,9", "十,10", "十二,12", "二十,20", "二十三,23", "九十九,99"})
    void parsesOrdinals(String numeral, int value) {
        assertEquals(value, ChineseNumerals.parse(numeral));
    }

    // Malformed or out-of-range numerals are refused rather than guessed.
    @ParameterizedTest
    @CsvSource({"一十", "十十", "二十十", "百", "三二", "零", "一二三四"})
    void refusesMalformed(String numeral) {
        assertEquals(-1, ChineseNumerals.parse(numeral));
    }

    // 亿 and 万 compose: each scales what is not yet scaled by a larger unit.
    @ParameterizedTest
    @CsvSource({
        "一亿三千万,130000000",
        "三亿五千万,350000000",
        "一万亿,1000000000000",
        "两亿零五百万,205000000",
        "十二万三千四百五十六,123456",
        "一亿零一,100000001",
        "五千万,50000000",
        "万,10000"
    })
    void composesYiAndWan(String numeral, double value) {
        assertEquals(value, ChineseNumerals.value(numeral));
    }

    // 两 is 2 wherever a digit may stand; 〇 and 零 are zero digits.
    @ParameterizedTest
    @CsvSource({"两,2", "两千,2000", "两万两千,22000", "二〇二三,2023", "一千〇五,1005", "三百零八,308"})
    void readsLiangAndZero(String numeral, double value) {
        assertEquals(value, ChineseNumerals.value(numeral));
    }

    // Vague amounts and programme names are no figure: 十几, 几十, 数百, 十四五 are refused.
    @ParameterizedTest
    @CsvSource({"十几", "几十", "数百", "五万三万", "十四五"})
    void refusesVague(String numeral) {
        assertNull(ChineseNumerals.value(numeral));
    }

    // Written figures mix digits and the multipliers 万 and 亿.
    @ParameterizedTest
    @CsvSource({"3.2万,32000", "1.5亿,150000000", "12万,120000", "'1,234',1234", "58,58", "一亿三千万,130000000"})
    void readsMixedFigures(String figure, double value) {
        assertEquals(value, ChineseNumerals.figure(figure));
    }

    // Malformed written figures are refused.
    @ParameterizedTest
    @CsvSource({"3.2.1", "'1,23'", "3万x"})
    void refusesMalformedFigures(String figure) {
        assertNull(ChineseNumerals.figure(figure));
    }
}
