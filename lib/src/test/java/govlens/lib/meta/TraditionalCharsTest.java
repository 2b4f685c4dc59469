package govlens.lib.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import govlens.lib.text.TraditionalChars;
import org.junit.jupiter.api.Test;

class TraditionalCharsTest {

    // Traditional place names become their simplified form at the same offsets.
    @Test
    void placeNamesSimplifiedInPlace() {
        assertEquals("北京市东城区人民政府关于", TraditionalChars.simplify("北京市東城區人民政府關於"));
        assertEquals("内蒙古自治区", TraditionalChars.simplify("內蒙古自治區"));
    }

    // A phrase HanLP would rewrite with another length (筆記簿型電腦 → 笔记本电脑) keeps its length here.
    @Test
    void lengthNeverChanges() {
        String t = "憑藉筆記簿型電腦寫程式";
        assertEquals(t.length(), TraditionalChars.simplify(t).length());
    }

    // Digits, punctuation, letters and simplified text are left as they are (the same instance when unchanged).
    @Test
    void simplifiedTextUnchanged() {
        String s = "寧政發〔2019〕35號".substring(3) + " abc,。";
        String plain = "临汾市2024年, abc";
        assertSame(plain, TraditionalChars.simplify(plain));
        assertEquals("〔2019〕35号 abc,。", TraditionalChars.simplify(s));
    }

    // Null gives the empty string.
    @Test
    void nullIsEmpty() {
        assertEquals("", TraditionalChars.simplify((String) null));
    }
}
