package govlens.jobs.warehouse;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The schemas of the ingest tables, defined once. Changing one is a deliberate act: update the README's
 * table section (a test compares the two) and say so in the changelog of the commit.
 */
public final class Tables {
    private Tables() {}

    /** Partition value Spark writes for a null report_year; DuckDB, pyarrow and Spark read it back as NULL. */
    public static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    public static final TableDef DOCUMENTS = new TableDef(
            "documents",
            schema(
                    col(
                            "doc_id",
                            StringType,
                            false,
                            "first 16 hex digits of SHA-256 of the cleaned text; the same report saved twice is one document"),
                    col(
                            "source_path",
                            StringType,
                            false,
                            "input file the document was read from (the first path in sort order when it was found several times; see duplicates); for a record corpus <file>#<record id>"),
                    col(
                            "source_format",
                            StringType,
                            false,
                            "txt | md | html | pdf | docx | doc | jsonl | ndjson | csv | parquet, from the extension (html also when a .txt holds a web page)"),
                    col("source_url", StringType, true, "url column of a record corpus, when given"),
                    col(
                            "encoding",
                            StringType,
                            true,
                            "detected encoding of a text file: UTF-8, UTF-16LE, UTF-16BE, GB18030 (GBK and GB2312 included); null for PDF/DOCX/DOC"),
                    col("title", StringType, true, "report title as written in the text"),
                    col(
                            "region_name",
                            StringType,
                            true,
                            "reporting region as in the gazetteer (临汾市, 岚县); null when the text names none unambiguously"),
                    col("region_code", StringType, true, "6-digit GB/T 2260 code of region_name, as a string (141000)"),
                    col("admin_level", StringType, true, "province | prefecture | county"),
                    col("province", StringType, true, "province the region belongs to (山西省)"),
                    col(
                            "report_year",
                            IntegerType,
                            true,
                            "the year reported on (not the year of publication); null when the text does not say; partition column"),
                    col("doc_number", StringType, true, "the document's own number, brackets normalised: 临政〔2025〕2号"),
                    col("issuer", StringType, true, "issuing body; joint issuers separated by one space"),
                    col("signer", StringType, true, "签发人 when given"),
                    col("publish_date", DateType, true, "publication date when the text gives one"),
                    col(
                            "text",
                            StringType,
                            false,
                            "cleaned text; every char_start/char_end in the warehouse is a UTF-16 index into it"),
                    col("char_count", IntegerType, false, "length of text in Unicode code points"),
                    col(
                            "quality_flags",
                            createArrayType(StringType, false),
                            false,
                            "what cleaning and metadata extraction noticed: no_region, no_year, furniture_removed, …"),
                    col(
                            "pipeline_version",
                            StringType,
                            false,
                            "GovLens build that produced the row: version+git commit (0.1.0+4a8e1378e5b7)"),
                    col("run_id", StringType, false, "run that wrote the row"),
                    col("ingested_at", TimestampType, false, "start time of that run (UTC)")),
            "report_year",
            List.of("doc_id"));

    public static final TableDef SECTIONS = new TableDef(
            "sections",
            schema(
                    col("doc_id", StringType, false, "document the section belongs to"),
                    col("section_id", StringType, false, "s000, s001, … in document order; unique within the document"),
                    col("parent_id", StringType, true, "enclosing section, null at top level"),
                    col(
                            "level",
                            IntegerType,
                            false,
                            "0 text before the first heading, 1 for 一、, 2 for (一), 3 for 1. / 一是 …"),
                    col("path", StringType, false, "ordinal path such as 2.1.3"),
                    col(
                            "heading",
                            StringType,
                            true,
                            "heading or lead-in as written; null for the preamble and for problems/plans parts that start without one"),
                    col("kind", StringType, false, "achievements | problems | plans | other"),
                    col("text", StringType, false, "the section's own text (heading included, children excluded)"),
                    col("char_start", IntegerType, false, "start offset into documents.text, inclusive"),
                    col("char_end", IntegerType, false, "end offset into documents.text, exclusive"),
                    col("report_year", IntegerType, true, "the document's report_year; partition column")),
            "report_year",
            List.of("doc_id", "char_start"));

    public static final TableDef SENTENCES = new TableDef(
            "sentences",
            schema(
                    col("doc_id", StringType, false, "document the sentence belongs to"),
                    col("section_id", StringType, false, "section that holds the sentence's first character"),
                    col("idx", IntegerType, false, "position of the sentence in the document, from 0"),
                    col("text", StringType, false, "the sentence"),
                    col("char_start", IntegerType, false, "start offset into documents.text, inclusive"),
                    col("char_end", IntegerType, false, "end offset into documents.text, exclusive"),
                    col("report_year", IntegerType, true, "the document's report_year; partition column")),
            "report_year",
            List.of("doc_id", "idx"));

    public static final TableDef DUPLICATES = new TableDef(
            "duplicates",
            schema(
                    col("doc_id", StringType, false, "the document this file duplicates"),
                    col("source_path", StringType, false, "the extra copy"),
                    col("canonical_path", StringType, false, "documents.source_path of the copy that was kept"),
                    col("encoding", StringType, true, "detected encoding of the extra copy (null for PDF/DOCX/DOC)"),
                    col("run_id", StringType, false, "run that found it")),
            null,
            List.of("doc_id", "source_path"));

    public static final TableDef QUARANTINE = new TableDef(
            "quarantine",
            schema(
                    col("source_path", StringType, false, "input file that did not become a document"),
                    col("source_format", StringType, false, "its extension, lower case"),
                    col("length", LongType, false, "its size in bytes"),
                    col(
                            "reason",
                            StringType,
                            false,
                            "unsupported_format | hidden | empty | whitespace_only | binary | too_large | too_short | no_text_layer | encrypted | corrupt | parse_timeout | too_many_chars | unsupported | unreadable | processing_error"),
                    col("detail", StringType, true, "human-readable detail"),
                    col("run_id", StringType, false, "run that quarantined it")),
            null,
            List.of("source_path"));

    /**
     * Every per-document step that threw: one row per document (or unreadable file) and step, kept until the
     * step runs again on that document. The document's other outputs are in the warehouse as usual.
     */
    public static final TableDef ERRORS = new TableDef(
            "errors",
            schema(
                    col("run_id", StringType, false, "run in which the step failed"),
                    col(
                            "stage",
                            StringType,
                            false,
                            "read | clean | metadata | sections | sentences (ingest); indicators; tokenize | textrank | units (analytics)"),
                    col("doc_id", StringType, true, "the document; null when the file never became one (read, clean)"),
                    col("source_path", StringType, false, "input file of the document"),
                    col("exception_class", StringType, false, "Java class of the exception"),
                    col("message", StringType, false, "its message (at most 1,000 characters)")),
            null,
            List.of("stage", "source_path", "doc_id"));

    /**
     * Internal state, not an analyst table: what became of each input file, so a nightly run skips files it
     * has already read (same path, size and modification time, same ingest fingerprint).
     */
    public static final TableDef FILE_STATE = new TableDef(
            "_state/files",
            schema(
                    col("path", StringType, false, "input file"),
                    col("length", LongType, false, "its size when read"),
                    col("modification_time", LongType, false, "its modification time when read (ms since epoch)"),
                    col(
                            "outcome",
                            StringType,
                            false,
                            "document | duplicate | quarantine | records (a record corpus file)"),
                    col("doc_id", StringType, true, "the document it became or duplicates"),
                    col("ingest_fingerprint", StringType, true, "fingerprint of the ingest stage that read it"),
                    col("run_id", StringType, false, "run that read it")),
            null,
            List.of("path"));

    /**
     * Internal state: per document, what its rows were made with. A stage whose current fingerprint differs from
     * the one recorded here is run again on the document (see StageFingerprints); a null means the stage has
     * not run on it with any fingerprint yet.
     */
    public static final TableDef DOC_STATE = new TableDef(
            "_state/documents",
            schema(
                    col("doc_id", StringType, false, "document"),
                    col("source_path", StringType, false, "documents.source_path"),
                    col("report_year", IntegerType, true, "documents.report_year (the partition its rows live in)"),
                    col("region_code", StringType, true, "documents.region_code"),
                    col("region_name", StringType, true, "documents.region_name"),
                    col("admin_level", StringType, true, "documents.admin_level"),
                    col("ingest", StringType, true, "ingest fingerprint of its documents, sections and sentences rows"),
                    col("indicators", StringType, true, "indicators fingerprint of its indicators and mentions rows"),
                    col(
                            "analytics",
                            StringType,
                            true,
                            "analytics fingerprint of its tokens, term counts, keywords and units"),
                    col("topic_model", StringType, true, "model_id of its doc_topics rows"),
                    col("run_id", StringType, false, "last run that changed any of the above")),
            null,
            List.of("doc_id"));

    /** Every table this module writes, in README order. */
    public static final List<TableDef> ALL = List.of(DOCUMENTS, SECTIONS, SENTENCES, DUPLICATES, QUARANTINE, ERRORS);

    /**
     * The README's schema section for the given tables, generated from the definitions above so the two
     * cannot drift: a test checks the README contains exactly this text.
     */
    public static String markdown(List<TableDef> tables) {
        StringBuilder sb = new StringBuilder();
        for (TableDef t : tables) {
            sb.append("#### `").append(t.name()).append('`');
            if (t.partitionColumn() != null) {
                sb.append(" (partitioned by `").append(t.partitionColumn()).append("`)");
            }
            sb.append("\n\n| column | type | meaning |\n|---|---|---|\n");
            for (StructField f : t.schema().fields()) {
                sb.append("| `")
                        .append(f.name())
                        .append("` | `")
                        .append(f.dataType().simpleString())
                        .append("` | ")
                        .append(f.getComment().getOrElse(() -> "").replace("|", "\\|"))
                        .append(" |\n");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A table schema from its columns; for the table definitions of every stage. */
    public static StructType schema(StructField... fields) {
        return new StructType(fields);
    }

    /** A column whose meaning is stored as its comment (README and Parquet footer show it). */
    public static StructField col(String name, DataType type, boolean nullable, String meaning) {
        return new StructField(name, type, nullable, org.apache.spark.sql.types.Metadata.empty()).withComment(meaning);
    }
}
