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
 * <p>Never throws for bad input: every failure becomes a quarantine with a reason code, because one broken
 * file must not stop a nightly batch of thousands. Stateless and thread-safe; the heavy resources it uses
 * (gazetteer) are loaded once per JVM by their own holders.
 *
 * <p>The document id is the first 16 hex digits of the SHA-256 of the cleaned text, so the same report
 * saved twice, or once as GBK and once as UTF-8, is one document.
 */
public final class DocumentProcessor implements Serializable {
  private static final long serialVersionUID = 1L;

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
      return quarantine(sourcePath, format, QuarantineReason.PROCESSING_ERROR, e.toString());
    }
  }

  private ProcessedFile processChecked(String path, String format, byte[] bytes) {
    if (!extensions.contains(format)) {
      return quarantine(path, format, QuarantineReason.UNSUPPORTED_FORMAT,
          "extension '" + format + "' is not in govlens.ingest.extensions " + new java.util.TreeSet<>(extensions));
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
        return quarantine(path, format, QuarantineReason.BINARY,
            "not text in any supported encoding (" + bytes.length + " bytes)");
      }
      EncodingDetector.DecodedText decoded = EncodingDetector.decode(bytes);
      raw = decoded.text();
      if (raw.length() > maxChars) {
        // Checked before cleaning: a 50 MB text is a dump or a log, not a report, and would tie up an executor.
        return quarantine(path, format, QuarantineReason.TOO_MANY_CHARS,
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
      return quarantine(sourceId, format, QuarantineReason.PROCESSING_ERROR, e.toString());
    }
  }

  private ProcessedFile fromText(String path, String format, String raw, String encoding, boolean malformed,
      RecordMetadata given) {
    CleanResult cleaned = TextCleaner.clean(raw);
    String text = cleaned.text();
    if (text.isBlank()) {
      return quarantine(path, format, QuarantineReason.WHITESPACE_ONLY,
          "no text left after decoding (" + encoding + ") and cleaning");
    }
    if (text.codePointCount(0, text.length()) < minChars) {
      return quarantine(path, format, QuarantineReason.TOO_SHORT,
          text.length() + " characters after cleaning, fewer than govlens.ingest.min-chars=" + minChars);
    }
    Set<String> flags = new LinkedHashSet<>();
    DocumentMetadata meta = given.applyTo(MetadataExtractor.extract(text), flags);
    List<Section> sections = SectionSplitter.split(text);
    List<Sentence> sentences = SentenceSplitter.split(text, sections);

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
    return new ProcessedFile(path, format, doc, null);
  }

  private static ProcessedFile quarantine(String path, String format, String reason, String detail) {
    return new ProcessedFile(path, format, null, new ProcessedFile.Quarantine(reason, detail));
  }

  /** The lower-case extension of a path's last segment, "" when there is none. */
  public static String formatOf(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** A .txt saved from a browser is still a web page: sniff instead of trusting the extension. */
  private static boolean looksLikeHtml(String text) {
    String head = text.substring(0, Math.min(text.length(), 1024)).stripLeading().toLowerCase(Locale.ROOT);
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
