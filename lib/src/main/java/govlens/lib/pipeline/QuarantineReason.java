package govlens.lib.pipeline;

import govlens.lib.ingest.DocumentParser;

/**
 * Stable reason codes of the quarantine table. Analysts group by them, so codes are never renamed; new ones
 * may be added.
 */
public final class QuarantineReason {
    private QuarantineReason() {}

    /** The extension is not one GovLens reads (see govlens.ingest.extensions). */
    public static final String UNSUPPORTED_FORMAT = "unsupported_format";
    /** A name below the input root starts with "." or "_" (Hadoop's hidden files, e.g. .DS_Store); not read. */
    public static final String HIDDEN = "hidden";
    /** Zero bytes. */
    public static final String EMPTY = "empty";
    /** Only whitespace (or only page furniture) once decoded and cleaned. */
    public static final String WHITESPACE_ONLY = "whitespace_only";
    /** Bytes that are not text in any supported encoding (NUL bytes, control characters). */
    public static final String BINARY = "binary";
    /** Larger than govlens.ingest.max-file-bytes; not read. */
    public static final String TOO_LARGE = "too_large";
    /** Cleaned text shorter than govlens.ingest.min-chars: not a report. */
    public static final String TOO_SHORT = "too_short";
    /** The file could not be read (I/O error, vanished while listing). */
    public static final String UNREADABLE = "unreadable";
    /** PDF with pages but no text layer (a scan); GovLens does no OCR. */
    public static final String NO_TEXT_LAYER = DocumentParser.NO_TEXT_LAYER;
    /** Password-protected PDF or Office file. */
    public static final String ENCRYPTED = DocumentParser.ENCRYPTED;
    /** A PDF/DOCX/DOC that cannot be parsed (truncated, damaged, not what its extension says). */
    public static final String CORRUPT = DocumentParser.CORRUPT;
    /** Parsing took longer than govlens.ingest.parse-timeout. */
    public static final String PARSE_TIMEOUT = DocumentParser.PARSE_TIMEOUT;
    /** The decoded or extracted text is longer than govlens.ingest.max-chars. */
    public static final String TOO_MANY_CHARS = DocumentParser.TOO_MANY_CHARS;
    /** A .doc that is really another format (HTML, a spreadsheet …). */
    public static final String UNSUPPORTED = DocumentParser.UNSUPPORTED;
    /** An unexpected error while processing; detail carries the exception. Always a GovLens bug to report. */
    public static final String PROCESSING_ERROR = "processing_error";
}
