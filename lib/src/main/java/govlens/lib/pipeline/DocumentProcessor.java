package govlens.lib.pipeline;

import govlens.lib.clean.CleanResult;
import govlens.lib.clean.TextCleaner;
import govlens.lib.ingest.DocumentParser;
import govlens.lib.ingest.EncodingDetector;
import govlens.lib.ingest.HtmlExtractor;
import govlens.lib.meta.DocumentMetadata;
import govlens.lib.meta.MetadataExtractor;
import govlens.lib.text.Section;
import govlens.lib.text.SectionSplitter;
import govlens.lib.text.Sentence;
import govlens.lib.text.SentenceSplitter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the bytes of one input file into a {@link ProcessedFile}: decode, extract (HTML), clean, read
 * metadata, split into sections and sentences.
 *
 * <p>PDF, DOCX and DOC go through Apache Tika ({@link DocumentParser}) with a timeout and a size limit;
 * text formats through encoding detection and, for web pages, jsoup.
 *
 * <p>Never throws for bad input, because one broken file must not stop a nightly batch of thousands. A file
 * that cannot be decoded or cleaned becomes a quarantine with a reason code; after cleaning, each step is
 * isolated: a metadata failure leaves the metadata empty (flag {@code metadata_error}), a section failure
 * leaves one untitled section over the whole text ({@code sections_error}), a sentence failure leaves no
 * sentences ({@code sentences_error}). Every failure is also returned as a {@link StepError}. Stateless and thread-safe; the heavy resources it uses
 * (gazetteer) are loaded once per JVM by their own holders.
 *
 * <p>The document id is the first 16 hex digits of the SHA-256 of the cleaned text, so the same report
 * saved twice, or once as GBK and once as UTF-8, is one document.
 */
public final class DocumentProcessor implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Step names of {@link StepError}s (and of the errors table's stage column). */
    public static final String STEP_READ = "read";

    public static final String STEP_CLEAN = "clean";
    public static final String STEP_METADATA = "metadata";
    public static final String STEP_SECTIONS = "sections";
    public static final String STEP_SENTENCES = "sentences";

    private final Set<String> extensions;
    private final int minChars;
    private final Duration parseTimeout;
    private final long maxChars;

    /**
     * @param extensions lower-case extensions read as documents (txt, md, html, htm, pdf, docx, doc); others
     *     are quarantined
     * @param minChars cleaned texts shorter than this are quarantined as too_short
     * @param parseTimeout longest a PDF/DOCX/DOC parse may take before the file is quarantined
     * @param maxChars longest text a file may hold (decoded text, or what a PDF/DOCX/DOC yields); longer ones
     *     are quarantined (too_many_chars)
     */
    public DocumentProcessor(List<String> extensions, int minChars, Duration parseTimeout, long maxChars) {
        this.extensions = Set.copyOf(extensions);
        this.minChars = minChars;
        this.parseTimeout = parseTimeout;
        this.maxChars = maxChars;
    }

    /** Defaults for PDF/DOCX/DOC as in conf/govlens.conf: 60 s parse timeout, 5 million characters. */
    public DocumentProcessor(List<String> extensions, int minChars) {
        this(extensions, minChars, Duration.ofSeconds(60), 5_000_000L);
    }

    public ProcessedFile process(String sourcePath, byte[] bytes) {
        String format = formatOf(sourcePath);
        try {
            return processChecked(sourcePath, format, bytes);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(sourcePath, format, STEP_READ, e);
        }
    }

    private ProcessedFile processChecked(String path, String format, byte[] bytes) {
        if (!extensions.contains(format)) {
            return quarantine(
                    path,
                    format,
                    QuarantineReason.UNSUPPORTED_FORMAT,
                    "extension '" + format + "' is not in govlens.ingest.extensions "
                            + new java.util.TreeSet<>(extensions));
        }
        if (bytes == null || bytes.length == 0) {
            return quarantine(path, format, QuarantineReason.EMPTY, "0 bytes");
        }
        String raw;
        String encoding;
        boolean malformed = false;
        if (DocumentParser.FORMATS.contains(format)) {
            DocumentParser.ParseResult parsed = DocumentParser.parse(bytes, format, parseTimeout, maxChars);
            if (!parsed.ok()) {
                return quarantine(path, format, parsed.reason(), parsed.detail());
            }
            raw = parsed.text();
            encoding = null; // a binary container: its text encoding is the parser's business
        } else {
            if (EncodingDetector.looksBinary(bytes)) {
                return quarantine(
                        path,
                        format,
                        QuarantineReason.BINARY,
                        "not text in any supported encoding (" + bytes.length + " bytes)");
            }
            EncodingDetector.DecodedText decoded = EncodingDetector.decode(bytes);
            raw = decoded.text();
            if (raw.length() > maxChars) {
                // Checked before cleaning: a 50 MB text is a dump or a log, not a report, and would tie up an executor.
                return quarantine(
                        path,
                        format,
                        QuarantineReason.TOO_MANY_CHARS,
                        raw.length() + " characters, more than govlens.ingest.max-chars=" + maxChars);
            }
            encoding = decoded.encoding();
            malformed = decoded.malformed();
            if (format.equals("html") || format.equals("htm") || looksLikeHtml(raw)) {
                raw = HtmlExtractor.toText(raw);
                format = "html";
            }
        }
        return fromText(path, format, raw, encoding, malformed, RecordMetadata.NONE);
    }

    /**
     * One record of a record corpus (JSONL/CSV/Parquet dump): its text column and the metadata columns that came
     * with it. Given metadata takes precedence over what the text says; a given region that is not in the
     * gazetteer is ignored with the flag record_region_unknown.
     *
     * @param sourceId file path plus "#" and the record's id or row number
     */
    public ProcessedFile processRecord(String sourceId, String format, String text, RecordMetadata given) {
        try {
            if (text == null || text.isEmpty()) {
                return quarantine(sourceId, format, QuarantineReason.EMPTY, "record has no text");
            }
            return fromText(sourceId, format, text, null, false, given == null ? RecordMetadata.NONE : given);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(sourceId, format, STEP_READ, e);
        }
    }

    private ProcessedFile fromText(
            String path, String format, String raw, String encoding, boolean malformed, RecordMetadata given) {
        CleanResult cleaned;
        try {
            FaultInjection.check(STEP_CLEAN, raw);
            cleaned = TextCleaner.clean(raw);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(path, format, STEP_CLEAN, e);
        }
        String text = cleaned.text();
        if (text.isBlank()) {
            return quarantine(
                    path,
                    format,
                    QuarantineReason.WHITESPACE_ONLY,
                    "no text left after decoding (" + encoding + ") and cleaning");
        }
        if (text.codePointCount(0, text.length()) < minChars) {
            return quarantine(
                    path,
                    format,
                    QuarantineReason.TOO_SHORT,
                    text.length() + " characters after cleaning, fewer than govlens.ingest.min-chars=" + minChars);
        }
        Set<String> flags = new LinkedHashSet<>();
        List<StepError> errors = new ArrayList<>();
        DocumentMetadata extracted;
        try {
            FaultInjection.check(STEP_METADATA, text);
            extracted = MetadataExtractor.extract(text);
        } catch (RuntimeException | StackOverflowError e) {
            errors.add(StepError.of(STEP_METADATA, e));
            extracted = DocumentMetadata.unknown(List.of(STEP_METADATA + "_error"));
        }
        DocumentMetadata meta = given.applyTo(extracted, flags);
        List<Section> sections;
        try {
            FaultInjection.check(STEP_SECTIONS, text);
            sections = SectionSplitter.split(text);
        } catch (RuntimeException | StackOverflowError e) {
            // One untitled section over the whole text keeps every sentence placed and the spans tiling the text.
            errors.add(StepError.of(STEP_SECTIONS, e));
            flags.add(STEP_SECTIONS + "_error");
            sections = List.of(new Section("s000", null, 0, "0", null, Section.KIND_OTHER, text, 0, text.length()));
        }
        List<Sentence> sentences;
        try {
            FaultInjection.check(STEP_SENTENCES, text);
            sentences = SentenceSplitter.split(text, sections);
        } catch (RuntimeException | StackOverflowError e) {
            errors.add(StepError.of(STEP_SENTENCES, e));
            flags.add(STEP_SENTENCES + "_error");
            sentences = List.of();
        }

        if (malformed) {
            flags.add("malformed_bytes");
        }
        flags.addAll(cleaned.flags());
        flags.addAll(meta.qualityFlags());
        if (sections.stream().noneMatch(s -> s.heading() != null)) {
            flags.add("no_headings");
        }
        ProcessedFile.Document doc = new ProcessedFile.Document(
                docId(text), encoding, text, meta, sections, sentences, new ArrayList<>(flags), given.url());
        return new ProcessedFile(path, format, doc, null, errors);
    }

    private static ProcessedFile quarantine(String path, String format, String reason, String detail) {
        return new ProcessedFile(path, format, null, new ProcessedFile.Quarantine(reason, detail), List.of());
    }

    /** A step that leaves no text to work with: the file is quarantined and the error recorded. */
    private static ProcessedFile failed(String path, String format, String step, Throwable e) {
        return new ProcessedFile(
                path,
                format,
                null,
                new ProcessedFile.Quarantine(QuarantineReason.PROCESSING_ERROR, step + ": " + e),
                List.of(StepError.of(step, e)));
    }

    /** The lower-case extension of a path's last segment, "" when there is none. */
    public static String formatOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** A .txt saved from a browser is still a web page: sniff instead of trusting the extension. */
    private static boolean looksLikeHtml(String text) {
        String head =
                text.substring(0, Math.min(text.length(), 1024)).stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }

    public static String docId(String cleanedText) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] h = sha.digest(cleanedText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
