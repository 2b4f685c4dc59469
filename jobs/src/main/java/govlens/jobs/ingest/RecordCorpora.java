package govlens.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;

import govlens.lib.pipeline.DocumentProcessor;
import govlens.lib.pipeline.ProcessedFile;
import govlens.lib.pipeline.QuarantineReason;
import govlens.lib.pipeline.RecordMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Record corpora: JSONL (.jsonl, .ndjson), CSV with a header (.csv) and Parquet (.parquet) dumps in which each
 * record is one report. Expected columns (names fixed, case-insensitive):
 *
 * <ul>
 *   <li>{@code text} (or {@code content}): the report text, required;
 *   <li>{@code id}: the record's id; without it, the record's row number in its file;
 *   <li>{@code region} (name or 6-digit code), {@code year}, {@code url}, {@code publish_date},
 *       {@code title}: optional; when present they take precedence over what the text says.
 * </ul>
 *
 * <p>Each record becomes a document or a quarantine row whose source_path is {@code <file>#<id>}. A file
 * without a text column, or that cannot be read, is quarantined whole.
 */
final class RecordCorpora {
    private RecordCorpora() {}

    static final Set<String> FORMATS = Set.of("jsonl", "ndjson", "csv", "parquet");

    static boolean isRecordFile(String path) {
        return FORMATS.contains(DocumentProcessor.formatOf(path));
    }

    /** Processes the given record files (paths of one run) into rows of {@link ProcessFiles#PROCESSED}. */
    static Dataset<Row> process(
            SparkSession spark,
            List<String> paths,
            List<String> extensions,
            int minChars,
            Duration parseTimeout,
            long maxChars) {
        Dataset<Row> out = spark.createDataFrame(List.of(), ProcessFiles.PROCESSED);
        for (String path : paths) {
            out = out.unionByName(processFile(spark, path, extensions, minChars, parseTimeout, maxChars));
        }
        return out;
    }

    /**
     * One file at a time: a malformed dump fails alone instead of the whole batch, and the row number of a record
     * is its position in its own file.
     */
    static Dataset<Row> processFile(
            SparkSession spark,
            String path,
            List<String> extensions,
            int minChars,
            Duration parseTimeout,
            long maxChars) {
        String format = DocumentProcessor.formatOf(path);
        Dataset<Row> records;
        try {
            records = switch (format) {
                case "csv" ->
                    spark.read()
                            .option("header", "true")
                            .option("multiLine", "true")
                            .option("escape", "\"")
                            .csv(path);
                case "parquet" -> spark.read().parquet(path);
                default -> spark.read().json(path);
            };
            String[] cols = records.columns();
            Column text = pick(cols, "text", "content");
            if (text == null) {
                return quarantineFile(
                        spark,
                        path,
                        format,
                        QuarantineReason.CORRUPT,
                        "record file has no text column (expected text or content); columns: " + Arrays.toString(cols));
            }
            Column rowNumber = row_number()
                    .over(Window.orderBy(monotonically_increasing_id()))
                    .cast("string");
            Column id = pick(cols, "id");
            Dataset<Row> shaped = records.select(
                    lit(path).as("file"),
                    (id == null ? rowNumber : id.cast("string")).as("id"),
                    text.cast("string").as("text"),
                    orNull(pick(cols, "region", "region_code")).as("region"),
                    orNull(pick(cols, "year", "report_year")).as("year"),
                    orNull(pick(cols, "url")).as("url"),
                    orNull(pick(cols, "publish_date")).as("publish_date"),
                    orNull(pick(cols, "title")).as("title"));
            return shaped.mapPartitions(
                    new ProcessRecords(format, extensions, minChars, parseTimeout, maxChars),
                    Encoders.row(ProcessFiles.PROCESSED));
        } catch (RuntimeException e) {
            return quarantineFile(
                    spark,
                    path,
                    format,
                    QuarantineReason.CORRUPT,
                    "cannot read " + format + ": "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static Column pick(String[] cols, String... names) {
        for (String n : names) {
            for (String c : cols) {
                if (c.toLowerCase(Locale.ROOT).equals(n)) {
                    return col("`" + c + "`");
                }
            }
        }
        return null;
    }

    private static Column orNull(Column c) {
        return c == null ? lit(null).cast("string") : c.cast("string");
    }

    private static Dataset<Row> quarantineFile(
            SparkSession spark, String path, String format, String reason, String detail) {
        Object[] v = new Object[ProcessFiles.PROCESSED.size()];
        v[0] = path;
        v[1] = format;
        v[2] = 0L;
        v[ProcessFiles.PROCESSED.fieldIndex("reason")] = reason;
        v[ProcessFiles.PROCESSED.fieldIndex("detail")] = detail;
        v[ProcessFiles.PROCESSED.fieldIndex("errors")] = new Object[0];
        return spark.createDataFrame(List.of(RowFactory.create(v)), ProcessFiles.PROCESSED);
    }

    /** Executor side: one record (file, id, text, metadata columns) in, one processed row out. */
    static final class ProcessRecords implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final String format;
        private final List<String> extensions;
        private final int minChars;
        private final long parseTimeoutMillis;
        private final long maxChars;

        ProcessRecords(String format, List<String> extensions, int minChars, Duration parseTimeout, long maxChars) {
            this.format = format;
            this.extensions = List.copyOf(extensions);
            this.minChars = minChars;
            this.parseTimeoutMillis = parseTimeout.toMillis();
            this.maxChars = maxChars;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> records) {
            DocumentProcessor processor =
                    new DocumentProcessor(extensions, minChars, Duration.ofMillis(parseTimeoutMillis), maxChars);
            List<Row> out = new ArrayList<>();
            while (records.hasNext()) {
                Row r = records.next();
                String text = r.getString(2);
                RecordMetadata given = new RecordMetadata(
                        r.getString(3), year(r.getString(4)), r.getString(5), r.getString(6), r.getString(7));
                ProcessedFile p = processor.processRecord(r.getString(0) + "#" + r.getString(1), format, text, given);
                out.add(ProcessFiles.toRow(p, text == null ? 0L : text.length()));
            }
            return out.iterator();
        }

        private static Integer year(String s) {
            if (s == null) {
                return null;
            }
            try {
                return (int) Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return -1; // flagged record_year_invalid downstream
            }
        }
    }
}
