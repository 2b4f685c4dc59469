package govlens.lib.pipeline;

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
  /** An unexpected error while processing; detail carries the exception. Always a GovLens bug to report. */
  public static final String PROCESSING_ERROR = "processing_error";
}
