package govlens.lib.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
