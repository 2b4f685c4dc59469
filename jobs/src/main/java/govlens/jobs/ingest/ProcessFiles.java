package govlens.jobs.ingest;

import govlens.lib.meta.DocumentMetadata;
import govlens.lib.pipeline.DocumentProcessor;
import govlens.lib.pipeline.ProcessedFile;
import govlens.lib.pipeline.StepError;
import govlens.lib.text.Section;
import govlens.lib.text.Sentence;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Executor side of ingest: one output row per input file, either a document (with its sections and sentences
 * as nested arrays) or a quarantine reason. The processor is created once per partition; the gazetteer and
 * other heavy resources behind it are JVM-wide lazy singletons, so nothing heavy is built per row.
 */
final class ProcessFiles implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    static final StructType SECTION = new StructType()
            .add("section_id", DataTypes.StringType)
            .add("parent_id", DataTypes.StringType)
            .add("level", DataTypes.IntegerType)
            .add("path", DataTypes.StringType)
            .add("heading", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("text", DataTypes.StringType)
            .add("char_start", DataTypes.IntegerType)
            .add("char_end", DataTypes.IntegerType);

    public static final StructType SENTENCE = new StructType()
            .add("section_id", DataTypes.StringType)
            .add("idx", DataTypes.IntegerType)
            .add("text", DataTypes.StringType)
            .add("char_start", DataTypes.IntegerType)
            .add("char_end", DataTypes.IntegerType);

    /** Intermediate, not a warehouse table: the union of what a file can become. */
    static final StructType PROCESSED = new StructType()
            .add("source_path", DataTypes.StringType, false)
            .add("source_format", DataTypes.StringType, false)
            .add("length", DataTypes.LongType, false)
            .add("doc_id", DataTypes.StringType)
            .add("encoding", DataTypes.StringType)
            .add("title", DataTypes.StringType)
            .add("region_name", DataTypes.StringType)
            .add("region_code", DataTypes.StringType)
            .add("admin_level", DataTypes.StringType)
            .add("province", DataTypes.StringType)
            .add("report_year", DataTypes.IntegerType)
            .add("doc_number", DataTypes.StringType)
            .add("issuer", DataTypes.StringType)
            .add("signer", DataTypes.StringType)
            .add("publish_date", DataTypes.DateType)
            .add("text", DataTypes.StringType)
            .add("char_count", DataTypes.IntegerType)
            .add("quality_flags", DataTypes.createArrayType(DataTypes.StringType, false))
            .add("sections", DataTypes.createArrayType(SECTION, false))
            .add("sentences", DataTypes.createArrayType(SENTENCE, false))
            .add("source_url", DataTypes.StringType)
            .add("reason", DataTypes.StringType)
            .add("detail", DataTypes.StringType)
            .add("errors", DataTypes.createArrayType(IngestJob.STEP_ERROR, false));

    private final List<String> extensions;
    private final int minChars;
    private final long parseTimeoutMillis;
    private final long maxChars;

    ProcessFiles(List<String> extensions, int minChars, java.time.Duration parseTimeout, long maxChars) {
        this.extensions = List.copyOf(extensions);
        this.minChars = minChars;
        this.parseTimeoutMillis = parseTimeout.toMillis();
        this.maxChars = maxChars;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> files) {
        DocumentProcessor processor =
                new DocumentProcessor(extensions, minChars, java.time.Duration.ofMillis(parseTimeoutMillis), maxChars);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return files.hasNext();
            }

            @Override
            public Row next() {
                Row f = files.next();
                String path = f.getString(0);
                long length = f.getLong(1);
                byte[] content = (byte[]) f.get(2);
                return toRow(processor.process(path, content), length);
            }
        };
    }

    static Row toRow(ProcessedFile p, long length) {
        ProcessedFile.Document d = p.document();
        Object[] errors = errors(p.errors());
        if (d == null) {
            return RowFactory.create(
                    p.sourcePath(),
                    p.sourceFormat(),
                    length,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    p.quarantine().reason(),
                    p.quarantine().detail(),
                    errors);
        }
        DocumentMetadata m = d.metadata();
        List<Row> sections = new ArrayList<>(d.sections().size());
        for (Section s : d.sections()) {
            sections.add(RowFactory.create(
                    s.sectionId(),
                    s.parentId(),
                    s.level(),
                    s.path(),
                    s.heading(),
                    s.kind(),
                    s.text(),
                    s.charStart(),
                    s.charEnd()));
        }
        List<Row> sentences = new ArrayList<>(d.sentences().size());
        for (Sentence s : d.sentences()) {
            sentences.add(RowFactory.create(s.sectionId(), s.idx(), s.text(), s.charStart(), s.charEnd()));
        }
        Date published = m.publishDate() == null ? null : Date.valueOf(LocalDate.parse(m.publishDate()));
        return RowFactory.create(
                p.sourcePath(),
                p.sourceFormat(),
                length,
                d.docId(),
                d.encoding(),
                m.title(),
                m.regionName(),
                m.regionCode(),
                m.adminLevel(),
                m.province(),
                m.reportYear(),
                m.docNumber(),
                m.issuer(),
                m.signer(),
                published,
                d.text(),
                d.text().codePointCount(0, d.text().length()),
                d.qualityFlags().toArray(new String[0]),
                sections.toArray(),
                sentences.toArray(),
                d.sourceUrl(),
                null,
                null,
                errors);
    }

    static Object[] errors(List<StepError> errors) {
        Object[] out = new Object[errors.size()];
        for (int i = 0; i < out.length; i++) {
            StepError e = errors.get(i);
            out[i] = RowFactory.create(e.step(), e.exceptionClass(), e.message());
        }
        return out;
    }
}
