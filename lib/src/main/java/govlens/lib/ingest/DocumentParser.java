package govlens.lib.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PDF;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParser;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.apache.tika.sax.WriteOutContentHandler;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Extracts the plain text of a PDF, DOCX or DOC file with Apache Tika (PDFBox for PDF, Apache POI for Word),
 * with a per-file timeout and a size limit, and turns every failure into a precise reason code.
 *
 * <p>The declared {@code format} (the file's extension) only picks the parser when the bytes do not say what
 * they are: the content is sniffed first, so a ".doc" that is really a DOCX is read as DOCX. Content that is
 * neither PDF nor Word (a ".doc" saved as RTF or HTML, as some government sites serve) is {@link #UNSUPPORTED},
 * with the detected media type in the detail, so the caller can route it elsewhere.
 *
 * <p>Reasons ({@link ParseResult#reason()}, {@code null} on success):
 *
 * <ul>
 *   <li>{@link #NO_TEXT_LAYER}: a PDF with pages but fewer than {@link #MIN_CHARS_PER_PAGE} non-whitespace
 *       characters per page on average: a scan without OCR. There is no OCR here.
 *   <li>{@link #ENCRYPTED}: a PDF that needs a user password, or a password-protected (encrypted) Word file. A PDF
 *       with only an owner password (permissions) opens without one and is read normally.
 *   <li>{@link #CORRUPT}: bytes the parser cannot read (random, or a parser crash on them), and PDFs cut off
 *       before their end: no {@code %%EOF} marker in the last 1024 bytes (Acrobat's rule). PDFBox would recover
 *       part of such a file, so a truncated download would otherwise pass as a shorter report.
 *   <li>{@link #PARSE_TIMEOUT}: the parse did not finish within the timeout.
 *   <li>{@link #TOO_MANY_CHARS}: the extracted text is longer than {@code maxChars} (counted in UTF-16 chars,
 *       whitespace included). Extraction stops there; no more than {@code maxChars} chars are ever held.
 *   <li>{@link #UNSUPPORTED}: the format is not pdf/docx/doc, or the content is another type.
 * </ul>
 *
 * <p>The text is Tika's: one line per text line of the page (PDF) or per paragraph (Word), pages and paragraphs
 * separated by newlines. Lines broken in mid-sentence are left for {@code govlens.lib.clean.TextCleaner} to join.
 * PDF text comes in content-stream order (PDFBox {@code sortByPosition=false}, Tika's default): reports are
 * single-column and written top to bottom by Word/WPS, while sorting by position reorders fragments whose
 * baselines differ slightly (digits or Latin in another font inside a CJK line).
 *
 * <p>Timeout limit: the parse runs on a thread of a shared daemon pool and is cancelled (interrupted) when the
 * timeout passes. Java can only interrupt a thread: the text handler checks the interrupt flag on every callback,
 * so a parse that keeps emitting text stops at once, but a parse stuck inside PDFBox/POI without emitting
 * anything (for example a pathological decompression loop) ignores the interrupt and keeps its pool thread, and
 * its CPU, until it ends by itself. The caller gets {@link #PARSE_TIMEOUT} on time either way. The pool grows on
 * demand so such a thread never blocks later parses.
 *
 * <p>Never throws for bad input; thread-safe. The parsers, detector and pool are built once per JVM on first use
 * (Tika parsers are stateless; per-call settings travel in the {@code ParseContext}).
 */
public final class DocumentParser {
    private DocumentParser() {}

    public static final String NO_TEXT_LAYER = "no_text_layer";
    public static final String ENCRYPTED = "encrypted";
    public static final String CORRUPT = "corrupt";
    public static final String PARSE_TIMEOUT = "parse_timeout";
    public static final String TOO_MANY_CHARS = "too_many_chars";
    public static final String UNSUPPORTED = "unsupported";

    /** The declared formats this parser reads (lower-case extensions). */
    public static final Set<String> FORMATS = Set.of("pdf", "docx", "doc");

    /**
     * Below this many non-whitespace characters per page (on average) a PDF counts as scanned. A real report page
     * holds hundreds; a scan's text layer is empty or just a page number or a stamp's caption.
     */
    public static final int MIN_CHARS_PER_PAGE = 20;

    /**
     * The outcome of one parse: {@code text} on success, or a {@code reason} code with a human-readable {@code
     * detail}. {@code metadata} (possibly empty, never null) holds what the file declares, under the keys {@code
     * content_type, pages, title, author, created, modified, producer}; it is filled on failures too when Tika got
     * that far (e.g. the page count of a scanned PDF).
     */
    public record ParseResult(String text, String reason, String detail, Map<String, String> metadata) {
        public ParseResult {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }

        public boolean ok() {
            return reason == null;
        }

        static ParseResult success(String text, Map<String, String> metadata) {
            return new ParseResult(text, null, null, metadata);
        }

        static ParseResult failure(String reason, String detail, Map<String, String> metadata) {
            return new ParseResult(null, reason, detail, metadata);
        }
    }

    /**
     * Extracts the text of one file.
     *
     * @param bytes the whole file
     * @param format the declared format, a lower-case extension: pdf, docx or doc (anything else is unsupported)
     * @param timeout the longest the parse may take; must be positive
     * @param maxChars the longest text accepted; longer ones are {@link #TOO_MANY_CHARS}. Values above
     *     {@code Integer.MAX_VALUE - 1} are capped there (a Java String cannot be longer anyway)
     */
    public static ParseResult parse(byte[] bytes, String format, Duration timeout, long maxChars) {
        String fmt = format == null ? "" : format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(fmt)) {
            return ParseResult.failure(UNSUPPORTED, "format '" + format + "' is not one of pdf, docx, doc", Map.of());
        }
        if (bytes == null || bytes.length == 0) {
            return ParseResult.failure(CORRUPT, "0 bytes", Map.of());
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must not be negative, was " + maxChars);
        }
        int limit = (int) Math.min(maxChars, Integer.MAX_VALUE - 1);
        Future<ParseResult> job = Holder.POOL.submit(() -> parseNow(bytes, fmt, limit));
        try {
            return job.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            job.cancel(true);
            return ParseResult.failure(PARSE_TIMEOUT, "not finished after " + timeout.toMillis() + " ms", Map.of());
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt(); // the caller is being shut down; keep its flag
            return ParseResult.failure(PARSE_TIMEOUT, "interrupted while waiting for the parse", Map.of());
        } catch (CancellationException e) {
            return ParseResult.failure(PARSE_TIMEOUT, "parse cancelled", Map.of());
        } catch (ExecutionException e) {
            // parseNow maps every input problem to a reason; what is left is a setup bug (e.g. a missing class).
            throw new IllegalStateException("text extraction failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }

    private static ParseResult parseNow(byte[] bytes, String format, int limit) {
        Metadata metadata = new Metadata();
        // The name lets detection fall back to the extension when the magic bytes say nothing (random bytes named
        // .pdf are then a corrupt PDF, not an unknown type).
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, "document." + format);
        MediaType type;
        try (InputStream in = TikaInputStream.get(bytes)) {
            type = Holder.DETECTOR.detect(in, metadata);
        } catch (IOException e) {
            return ParseResult.failure(CORRUPT, "type detection failed: " + e, Map.of());
        }
        Kind kind = Kind.of(type);
        if (kind == Kind.ENCRYPTED_OOXML) {
            return ParseResult.failure(ENCRYPTED, "password-protected Office document (" + type + ")", Map.of());
        }
        if (kind == null) {
            return ParseResult.failure(UNSUPPORTED, "declared " + format + " but the content is " + type, Map.of());
        }

        if (kind == Kind.PDF && !hasEofMarker(bytes)) {
            // PDFBox recovers what it can from a cut-off file and would hand back part of the report as if whole.
            return ParseResult.failure(
                    CORRUPT,
                    "truncated PDF: no %%EOF in the last " + EOF_WINDOW + " bytes (" + bytes.length + " bytes)",
                    Map.of("content_type", type.getBaseType().toString()));
        }

        StringWriter out = new StringWriter();
        ContentHandler handler =
                new InterruptibleHandler(new BodyContentHandler(new WriteOutContentHandler(out, limit)));
        ParseContext context = new ParseContext();
        context.set(PDFParserConfig.class, Holder.PDF_CONFIG);
        try (InputStream in = TikaInputStream.get(bytes, metadata)) {
            kind.parser().parse(in, handler, metadata, context);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            // Some parsers wrap the handler's exceptions (PDFBox into IOException), so look through the causes.
            if (Thread.currentThread().isInterrupted() || hasCause(e, InterruptedException.class)) {
                return ParseResult.failure(PARSE_TIMEOUT, "cancelled", metadataOf(metadata, type));
            }
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                return ParseResult.failure(
                        TOO_MANY_CHARS,
                        "extracted text is longer than " + limit + " characters",
                        metadataOf(metadata, type));
            }
            if (hasCause(e, EncryptedDocumentException.class)
                    || hasCause(e, org.apache.poi.EncryptedDocumentException.class)) {
                return ParseResult.failure(ENCRYPTED, rootMessage(e), metadataOf(metadata, type));
            }
            return ParseResult.failure(CORRUPT, rootMessage(e), metadataOf(metadata, type));
        }

        Map<String, String> meta = metadataOf(metadata, type);
        String text = out.toString();
        if (kind == Kind.PDF) {
            int pages = metadata.getInt(PagedText.N_PAGES) == null ? 0 : metadata.getInt(PagedText.N_PAGES);
            long visible = text.codePoints()
                    .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                    .count();
            if (pages > 0 && visible < (long) MIN_CHARS_PER_PAGE * pages) {
                return ParseResult.failure(
                        NO_TEXT_LAYER,
                        pages + " page(s) but only " + visible
                                + " non-whitespace characters of text: a scan without a text layer (no OCR here)",
                        meta);
            }
        }
        return ParseResult.success(text, meta);
    }

    /** Acrobat's own rule: the end-of-file marker must lie within the last 1024 bytes. */
    private static final int EOF_WINDOW = 1024;

    private static final byte[] EOF = "%%EOF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean hasEofMarker(byte[] bytes) {
        int from = Math.max(0, bytes.length - EOF_WINDOW);
        outer:
        for (int i = bytes.length - EOF.length; i >= from; i--) {
            for (int k = 0; k < EOF.length; k++) {
                if (bytes[i + k] != EOF[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The parser families this class reads, by detected media type. */
    private enum Kind {
        PDF,
        OOXML,
        OLE2,
        ENCRYPTED_OOXML;

        static Kind of(MediaType type) {
            String t = type.getBaseType().toString();
            if (t.equals("application/pdf")) {
                return PDF;
            }
            if (t.equals("application/x-tika-ooxml-protected")) {
                return ENCRYPTED_OOXML;
            }
            if (t.startsWith("application/vnd.openxmlformats-officedocument.wordprocessingml")
                    || t.startsWith("application/vnd.ms-word.document")
                    || t.startsWith("application/vnd.ms-word.template")) {
                return OOXML;
            }
            if (t.equals("application/msword") || t.equals("application/vnd.ms-word")) {
                return OLE2;
            }
            return null;
        }

        Parser parser() {
            return switch (this) {
                case PDF -> Holder.PDF_PARSER;
                case OOXML -> Holder.OOXML_PARSER;
                case OLE2 -> Holder.OFFICE_PARSER;
                case ENCRYPTED_OOXML -> throw new IllegalStateException("encrypted OOXML is never parsed");
            };
        }
    }

    private static Map<String, String> metadataOf(Metadata m, MediaType type) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("content_type", type.getBaseType().toString());
        put(out, "pages", m, PagedText.N_PAGES, Office.PAGE_COUNT);
        put(out, "title", m, TikaCoreProperties.TITLE);
        put(out, "author", m, TikaCoreProperties.CREATOR);
        put(out, "created", m, TikaCoreProperties.CREATED);
        put(out, "modified", m, TikaCoreProperties.MODIFIED);
        put(out, "producer", m, PDF.PRODUCER);
        return out;
    }

    private static void put(Map<String, String> out, String key, Metadata m, Property... properties) {
        for (Property p : properties) {
            String v = m.get(p);
            if (v != null && !v.isBlank()) {
                out.put(key, v.strip());
                return;
            }
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? t.toString() : t.getClass().getSimpleName() + " caused by " + root;
    }

    /**
     * Stops a cancelled parse at its next SAX callback: PDFBox and POI do not check the interrupt flag themselves,
     * but every page and paragraph they read ends up here.
     */
    private static final class InterruptibleHandler extends ContentHandlerDecorator {
        InterruptibleHandler(ContentHandler handler) {
            super(handler);
        }

        private static void check() throws SAXException {
            if (Thread.currentThread().isInterrupted()) {
                throw new SAXException("parse cancelled", new InterruptedException());
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            check();
            super.characters(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            check();
            super.ignorableWhitespace(ch, start, length);
        }

        @Override
        public void startElement(String uri, String localName, String name, Attributes atts) throws SAXException {
            check();
            super.startElement(uri, localName, name, atts);
        }
    }

    /** Tika parsers, detector and the worker pool, built once per JVM on first use. */
    private static final class Holder {
        static final Detector DETECTOR = new DefaultDetector();
        static final Parser PDF_PARSER = new PDFParser();
        static final Parser OOXML_PARSER = new OOXMLParser();
        static final Parser OFFICE_PARSER = new OfficeParser();
        static final PDFParserConfig PDF_CONFIG = pdfConfig();
        // Cached (unbounded) on purpose: a parse that ignores cancellation keeps its thread, and a fixed pool
        // would then starve every later parse. Daemon threads never keep a finished job's JVM alive.
        static final ExecutorService POOL = Executors.newCachedThreadPool(new ThreadFactory() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "govlens-document-parser-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }
        });

        private static PDFParserConfig pdfConfig() {
            PDFParserConfig c = new PDFParserConfig();
            c.setSortByPosition(false);
            c.setExtractInlineImages(false);
            c.setExtractAnnotationText(false);
            c.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
            return c;
        }
    }
}
