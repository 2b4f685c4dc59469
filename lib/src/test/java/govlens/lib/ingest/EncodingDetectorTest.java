package govlens.lib.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.ingest.EncodingDetector.DecodedText;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EncodingDetectorTest {

    private static final String SENTENCE = "临汾市人民政府关于2024年度法治政府建设情况的报告。";
    /** About 200 characters of report prose: short enough that statistical detectors misjudge GBK. */
    private static final String SNIPPET = "2021年，临汾市委、市政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届历次全会精神，"
            + "深入学习贯彻习近平法治思想，认真落实中央全面依法治国工作会议精神，按照省委、省政府决策部署，紧紧围绕法治政府"
            + "建设目标任务，扎实推进依法行政，法治政府建设取得新成效，为全市高质量发展提供了有力法治保障。一是强化组织领导，"
            + "二是健全制度体系，三是规范行政执法。";

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    // UTF-8 without BOM is recognised and decoded cleanly.
    @Test
    void utf8WithoutBom() {
        DecodedText d = EncodingDetector.decode(SENTENCE.getBytes(StandardCharsets.UTF_8));
        assertEquals(new DecodedText(SENTENCE, "UTF-8", false), d);
    }

    // The UTF-8 BOM decides the encoding and is not part of the text.
    @Test
    void utf8WithBom() {
        byte[] bytes =
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, SENTENCE.getBytes(StandardCharsets.UTF_8));
        assertEquals(new DecodedText(SENTENCE, "UTF-8", false), EncodingDetector.decode(bytes));
    }

    // UTF-16LE with BOM.
    @Test
    void utf16LittleEndianBom() {
        byte[] bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, SENTENCE.getBytes(StandardCharsets.UTF_16LE));
        assertEquals(new DecodedText(SENTENCE, "UTF-16LE", false), EncodingDetector.decode(bytes));
    }

    // UTF-16BE with BOM.
    @Test
    void utf16BigEndianBom() {
        byte[] bytes = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, SENTENCE.getBytes(StandardCharsets.UTF_16BE));
        assertEquals(new DecodedText(SENTENCE, "UTF-16BE", false), EncodingDetector.decode(bytes));
    }

    // A short GBK sentence is reported as GB18030 (its superset) and decodes to the same text.
    @Test
    void shortGbkSentenceIsGb18030() {
        byte[] bytes = SENTENCE.getBytes(Charset.forName("GBK"));
        assertEquals(new DecodedText(SENTENCE, "GB18030", false), EncodingDetector.decode(bytes));
    }

    // A 200-character GBK snippet is not mistaken for a Cyrillic or Latin code page.
    @Test
    void gbkSnippetIsGb18030() {
        byte[] bytes = SNIPPET.getBytes(Charset.forName("GBK"));
        assertEquals(new DecodedText(SNIPPET, "GB18030", false), EncodingDetector.decode(bytes));
    }

    // GB18030 four-byte sequences (here a CJK Extension A character, absent from GBK) decode correctly.
    @Test
    void gb18030FourByteCharacters() {
        String text = "岚县法治政府建设报告㐀";
        byte[] bytes = text.getBytes(Charset.forName("GB18030"));
        assertEquals(new DecodedText(text, "GB18030", false), EncodingDetector.decode(bytes));
    }

    // Pure ASCII is reported as UTF-8.
    @Test
    void asciiIsUtf8() {
        assertEquals(
                new DecodedText("GovLens report 2024", "UTF-8", false),
                EncodingDetector.decode("GovLens report 2024".getBytes(StandardCharsets.US_ASCII)));
    }

    // UTF-8 cut inside the last multibyte character is still UTF-8, flagged malformed, with U+FFFD for the stump.
    @Test
    void truncatedUtf8IsMalformed() {
        byte[] full = SENTENCE.getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(full, full.length - 2); // drops 2 of the 3 bytes of the final "。"
        DecodedText d = EncodingDetector.decode(cut);
        assertEquals(new DecodedText(SENTENCE.substring(0, SENTENCE.length() - 1) + "\uFFFD", "UTF-8", true), d);
    }

    // Bytes with NULs and control characters look binary.
    @Test
    void binaryJunkLooksBinary() {
        byte[] junk = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0, 1};
        assertTrue(EncodingDetector.looksBinary(junk));
    }

    // Control bytes without NULs above the 5% threshold look binary too.
    @Test
    void controlHeavyBytesLookBinary() {
        byte[] bytes = "ab\u0001\u0002cd\u0003\u0004ef\u0005\u0006".getBytes(StandardCharsets.US_ASCII);
        assertTrue(EncodingDetector.looksBinary(bytes));
    }

    // Ordinary Chinese text (UTF-8 and BOM-marked UTF-16 with its NUL bytes) is not binary.
    @Test
    void textDoesNotLookBinary() {
        assertFalse(EncodingDetector.looksBinary((SENTENCE + "\r\n\t" + SENTENCE).getBytes(StandardCharsets.UTF_8)));
        byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "ab report 1".getBytes(StandardCharsets.UTF_16LE));
        assertFalse(EncodingDetector.looksBinary(utf16));
    }
}
