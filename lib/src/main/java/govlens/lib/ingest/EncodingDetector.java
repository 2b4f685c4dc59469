package govlens.lib.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Detects the character encoding of a raw document from its bytes (never from a file name) and decodes it.
 *
 * <p>Order of decisions, chosen because statistical detectors are unreliable on short Chinese text (a 200-char GBK
 * snippet is often reported as a Cyrillic or Latin code page):
 *
 * <ol>
 *   <li>a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE); the BOM is not part of the text;
 *   <li>pure ASCII is reported as {@code "UTF-8"};
 *   <li>bytes that decode as UTF-8 (at most a few bad sequences, e.g. a multibyte character cut off at the end)
 *       are UTF-8;
 *   <li>bytes that decode as GB18030 into mostly CJK text are {@code "GB18030"} (also for GBK/GB2312 input, of which
 *       GB18030 is a superset);
 *   <li>otherwise juniversalchardet's {@link UniversalDetector} decides; GBK/GB2312/HZ answers are reported as
 *       GB18030; with no answer GB18030 is used.
 * </ol>
 *
 * <p>{@link DecodedText#malformed()} is true when a strict decode ({@link CodingErrorAction#REPORT}) met bad input;
 * the returned text is then decoded with {@link CodingErrorAction#REPLACE} (U+FFFD), so no text is ever dropped.
 * Stateless and thread-safe.
 */
public final class EncodingDetector {

    /** Decoded document text, the charset name used (Java canonical name, e.g. "UTF-8", "GB18030"), bad-input flag. */
    public record DecodedText(String text, String encoding, boolean malformed) {}

    private static final Charset GB18030 = Charset.forName("GB18030");
    /** Bytes looked at by {@link #looksBinary}; junk shows itself early, and whole files may be large. */
    private static final int BINARY_PROBE = 8192;

    private EncodingDetector() {}

    /** Detects the encoding of {@code bytes} and decodes them; never throws on bad input. */
    public static DecodedText decode(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return decodeWith(bytes, 3, StandardCharsets.UTF_8);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return decodeWith(bytes, 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return decodeWith(bytes, 2, StandardCharsets.UTF_16BE);
        }
        if (isAscii(bytes)) {
            return new DecodedText(new String(bytes, StandardCharsets.US_ASCII), "UTF-8", false);
        }
        Probe utf8 = probe(bytes, StandardCharsets.UTF_8);
        // A valid multibyte sequence in random non-UTF-8 bytes is rare, so a few errors among many good characters
        // means damaged UTF-8 (typically a truncated last character), not another encoding.
        if (utf8.errors == 0 || (utf8.nonAscii >= 8L * utf8.errors && utf8.errors <= 3)) {
            return decodeWith(bytes, 0, StandardCharsets.UTF_8);
        }
        Probe gb = probe(bytes, GB18030);
        if ((gb.errors == 0 || (gb.errors <= 2 && gb.nonAscii >= 8L * gb.errors)) && gb.cjk * 2 >= gb.nonAscii) {
            return decodeWith(bytes, 0, GB18030);
        }
        Charset detected = chardet(bytes);
        return decodeWith(bytes, 0, detected == null ? GB18030 : detected);
    }

    /**
     * True when the bytes are probably not text: a NUL byte (outside BOM-marked UTF-16) or more than 5% control bytes
     * other than tab, newline, carriage return and form feed in the first 8 KB. Empty input is not binary.
     */
    public static boolean looksBinary(byte[] bytes) {
        int n = Math.min(bytes.length, BINARY_PROBE);
        if (n == 0) {
            return false;
        }
        boolean utf16 = n >= 2
                && (((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)
                        || ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF));
        if (utf16) {
            String text = decode(bytes).text();
            int m = Math.min(text.length(), BINARY_PROBE / 2);
            int control = 0;
            for (int i = 0; i < m; i++) {
                if (isJunkControl(text.charAt(i))) {
                    control++;
                }
            }
            return control * 20 > m;
        }
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                return true;
            }
            if (isJunkControl(b)) {
                control++;
            }
        }
        return control * 20 > n;
    }

    private static boolean isJunkControl(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static DecodedText decodeWith(byte[] bytes, int offset, Charset cs) {
        boolean malformed = probe(bytes, offset, cs).errors > 0;
        String text = new String(bytes, offset, bytes.length - offset, cs); // String(byte[],..) always REPLACEs
        return new DecodedText(text, cs.name(), malformed);
    }

    private static Charset chardet(byte[] bytes) {
        UniversalDetector detector = new UniversalDetector(null);
        detector.handleData(bytes, 0, bytes.length);
        detector.dataEnd();
        String name = detector.getDetectedCharset();
        if (name == null) {
            return null;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.startsWith("GB") || upper.equals("HZ-GB-2312") || upper.equals("GBK")) {
            return GB18030;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    /** Counts of a strict decode: bad sequences, decoded non-ASCII chars, and how many of those are CJK. */
    private record Probe(int errors, long nonAscii, long cjk) {}

    private static Probe probe(byte[] bytes, Charset cs) {
        return probe(bytes, 0, cs);
    }

    private static Probe probe(byte[] bytes, int offset, Charset cs) {
        CharsetDecoder dec = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(4096);
        int errors = 0;
        long nonAscii = 0;
        long cjk = 0;
        boolean flushed = false;
        while (true) {
            CoderResult r = flushed ? dec.flush(out) : dec.decode(in, out, true);
            if (r.isError()) {
                errors++;
                in.position(Math.min(in.limit(), in.position() + r.length()));
                continue;
            }
            out.flip();
            while (out.hasRemaining()) {
                char c = out.get();
                if (c >= 0x80) {
                    nonAscii++;
                    if (isCjk(c)) {
                        cjk++;
                    }
                }
            }
            out.clear();
            if (r.isOverflow()) {
                continue;
            }
            if (flushed) {
                break;
            }
            flushed = true;
        }
        return new Probe(errors, nonAscii, cjk);
    }

    /** CJK ideographs, CJK punctuation and full-width forms: what decoded Chinese consists of. */
    private static boolean isCjk(char c) {
        return (c >= 0x4E00 && c <= 0x9FFF)
                || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x3000 && c <= 0x303F)
                || (c >= 0xFF00 && c <= 0xFFEF)
                || c == '\u201C'
                || c == '\u201D'
                || c == '\u2014'
                || c == '\u2026'
                || Character.isSurrogate(c);
    }
}
