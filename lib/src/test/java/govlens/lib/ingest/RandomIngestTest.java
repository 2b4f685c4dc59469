package govlens.lib.ingest;

import static govlens.lib.testing.RandomTexts.checkRandomData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.testing.RandomTexts;
import govlens.lib.testing.RandomTexts.Bytes;
import govlens.lib.testing.RandomTexts.Encoding;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs for ingest decoding ({@link EncodingDetector}, {@link HtmlExtractor}, {@link
 * DocumentParser}): byte soups in UTF-8, GB18030 and UTF-16 with and without BOM, truncated multibyte characters,
 * invalid sequences and random bytes. See {@link RandomTexts} for seeds and iteration counts.
 */
class RandomIngestTest {

    private static final Set<String> REASONS = Set.of(
            DocumentParser.NO_TEXT_LAYER,
            DocumentParser.ENCRYPTED,
            DocumentParser.CORRUPT,
            DocumentParser.PARSE_TIMEOUT,
            DocumentParser.TOO_MANY_CHARS,
            DocumentParser.UNSUPPORTED);

    private static boolean strictlyValid(byte[] bytes, int offset, Charset cs) {
        try {
            cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    // Any bytes: no exception, the text is what the named charset makes of the bytes (BOM dropped), malformed
    // exactly when a strict decode fails, and BOM-marked or valid UTF-8 input is read as such.
    @Test
    void decodeAnyBytes() {
        checkRandomData(200, RandomTexts::byteSoup, Bytes::toString, in -> {
            byte[] b = in.bytes();
            EncodingDetector.DecodedText d = EncodingDetector.decode(b);
            assertNotNull(d.text());
            Charset cs = Charset.forName(d.encoding());
            int bom = 0;
            if (startsWith(b, 0xEF, 0xBB, 0xBF)) {
                assertEquals("UTF-8", d.encoding(), "UTF-8 BOM");
                bom = 3;
            } else if (startsWith(b, 0xFF, 0xFE)) {
                assertEquals("UTF-16LE", d.encoding(), "UTF-16LE BOM");
                bom = 2;
            } else if (startsWith(b, 0xFE, 0xFF)) {
                assertEquals("UTF-16BE", d.encoding(), "UTF-16BE BOM");
                bom = 2;
            } else if (strictlyValid(b, 0, StandardCharsets.UTF_8)) {
                assertEquals("UTF-8", d.encoding(), "valid UTF-8 read as another charset");
            }
            assertEquals(new String(b, bom, b.length - bom, cs), d.text(), "text differs from the charset's decoding");
            assertEquals(!strictlyValid(b, bom, cs), d.malformed(), "malformed flag");
            EncodingDetector.looksBinary(b);
        });
    }

    // Undamaged text in a BOM-marked encoding, or in UTF-8, comes back exactly; so does GB18030 text that is mostly
    // Chinese (at least 40 CJK characters and more CJK than other non-ASCII characters).
    @Test
    void intactTextRoundTrips() {
        checkRandomData(
                200,
                r -> {
                    String text = RandomTexts.reportLike(r).replace("\uFEFF", "");
                    Encoding e = RandomTexts.pick(
                            r,
                            Encoding.UTF8,
                            Encoding.UTF8_BOM,
                            Encoding.GB18030,
                            Encoding.UTF16LE_BOM,
                            Encoding.UTF16BE_BOM);
                    return new Bytes(RandomTexts.encode(text, e), e.toString(), text);
                },
                Bytes::toString,
                in -> {
                    String text = in.text();
                    // A lone surrogate cannot be encoded; the encoder writes '?' (or U+FFFD) in its place.
                    boolean encodable = !hasLoneSurrogate(text);
                    boolean gb = in.how().equals("GB18030");
                    if (gb && !(cjk(text) >= 40 && cjk(text) * 2 >= nonAscii(text))) {
                        return;
                    }
                    EncodingDetector.DecodedText d = EncodingDetector.decode(in.bytes());
                    if (encodable) {
                        assertEquals(text, d.text(), "round trip through " + in.how() + " read as " + d.encoding());
                        assertFalse(d.malformed(), "intact text flagged malformed");
                    }
                    if (gb && encodable && !isAscii(text)) {
                        assertEquals("GB18030", d.encoding(), "GB18030 text");
                    }
                });
    }

    // UTF-8 text with its last multibyte character cut off stays UTF-8, flagged malformed, the rest intact.
    @Test
    void truncatedUtf8StaysUtf8() {
        checkRandomData(
                100,
                r -> {
                    String text = RandomTexts.reportLike(r).replaceAll("[\\uD800-\\uDFFF\\uFEFF]", "") + "法治";
                    byte[] b = text.getBytes(StandardCharsets.UTF_8);
                    int cut = b.length - 1 - r.nextInt(2); // inside the 3-byte 治
                    return new Bytes(Arrays.copyOf(b, cut), "UTF-8 cut at byte " + cut, text);
                },
                Bytes::toString,
                in -> {
                    String text = in.text();
                    if (nonAscii(text) < 8) {
                        return; // too little evidence for UTF-8 by the detector's documented rule
                    }
                    EncodingDetector.DecodedText d = EncodingDetector.decode(in.bytes());
                    assertEquals("UTF-8", d.encoding());
                    assertTrue(d.malformed(), "a cut character is malformed input");
                    assertEquals(text.substring(0, text.length() - 1) + "\uFFFD", d.text());
                });
    }

    // Random HTML made of report text, tags and furniture: no exception, no markup tags left in the text.
    @Test
    void htmlToText() {
        checkRandomData(100, RandomTexts::html, RandomTexts::escape, html -> {
            String text = HtmlExtractor.toText(html);
            assertNotNull(text);
            assertFalse(text.contains("<p") || text.contains("<div") || text.contains("<script"), "markup left");
        });
    }

    // Random bytes (and text bytes) declared as pdf, docx or doc: a reason code, never an exception; text formats
    // are unsupported.
    @Test
    void parserNeverThrows() {
        checkRandomData(
                20,
                r -> {
                    Bytes b = RandomTexts.byteSoup(r);
                    byte[] bytes = b.bytes();
                    String prefix = RandomTexts.pick(r, "", "%PDF-1.7\n", "PK\u0003\u0004", "\u00D0\u00CF\u0011\u00E0");
                    byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
                    byte[] all = Arrays.copyOf(p, p.length + bytes.length);
                    System.arraycopy(bytes, 0, all, p.length, bytes.length);
                    if (r.nextBoolean()) {
                        byte[] eof = "\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
                        all = Arrays.copyOf(all, all.length + eof.length);
                        System.arraycopy(eof, 0, all, all.length - eof.length, eof.length);
                    }
                    String format = RandomTexts.pick(r, "pdf", "docx", "doc", "txt", "html", "md");
                    return new Bytes(all, format, b.text());
                },
                Bytes::toString,
                in -> {
                    DocumentParser.ParseResult p =
                            DocumentParser.parse(in.bytes(), in.how(), Duration.ofSeconds(20), 1_000_000);
                    assertNotNull(p.metadata());
                    if (p.ok()) {
                        assertNotNull(p.text());
                        assertNull(p.detail());
                    } else {
                        assertTrue(REASONS.contains(p.reason()), "reason " + p.reason());
                        assertNull(p.text());
                    }
                    if (!DocumentParser.FORMATS.contains(in.how())) {
                        assertEquals(DocumentParser.UNSUPPORTED, p.reason());
                    }
                });
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    private static long nonAscii(String s) {
        return s.chars().filter(c -> c >= 0x80).count();
    }

    private static long cjk(String s) {
        return s.chars().filter(c -> c >= 0x4E00 && c <= 0x9FFF).count();
    }
}
