package govlens.jobs.indicators;

import govlens.jobs.ingest.IngestJob;
import govlens.lib.indicators.ExtractionResult;
import govlens.lib.indicators.IndicatorExtractor;
import govlens.lib.indicators.IndicatorValue;
import govlens.lib.indicators.Mention;
import govlens.lib.indicators.ReportContext;
import govlens.lib.pipeline.FaultInjection;
import govlens.lib.pipeline.StepError;
import govlens.lib.text.Sentence;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Executor side of the indicator stage: one document (text plus its sentences) in, its indicator values and
 * leftover mentions out as two nested arrays. The extractor was built and validated on the driver and
 * arrives serialized with this function, so a broken rules file fails the run before any task starts.
 */
final class ExtractIndicators implements MapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    static final StructType VALUE = new StructType()
            .add("indicator", DataTypes.StringType)
            .add("indicator_name", DataTypes.StringType)
            .add("area", DataTypes.StringType)
            .add("value", DataTypes.DoubleType)
            .add("unit", DataTypes.StringType)
            .add("approx", DataTypes.StringType)
            .add("raw_text", DataTypes.StringType)
            .add("sentence", DataTypes.StringType)
            .add("sentence_idx", DataTypes.IntegerType)
            .add("section_id", DataTypes.StringType)
            .add("char_start", DataTypes.IntegerType)
            .add("char_end", DataTypes.IntegerType)
            .add("rule_id", DataTypes.StringType)
            .add("confidence", DataTypes.DoubleType)
            .add("flags", DataTypes.createArrayType(DataTypes.StringType, false));

    static final StructType MENTION = new StructType()
            .add("raw_text", DataTypes.StringType)
            .add("value", DataTypes.DoubleType)
            .add("unit", DataTypes.StringType)
            .add("approx", DataTypes.StringType)
            .add("context", DataTypes.StringType)
            .add("sentence_idx", DataTypes.IntegerType)
            .add("section_id", DataTypes.StringType)
            .add("char_start", DataTypes.IntegerType)
            .add("char_end", DataTypes.IntegerType)
            .add("status", DataTypes.StringType)
            .add("reason", DataTypes.StringType)
            .add("period", DataTypes.StringType)
            .add("scope", DataTypes.StringType);

    static final StructType OUTPUT = new StructType()
            .add("doc_id", DataTypes.StringType)
            .add("source_path", DataTypes.StringType)
            .add("report_year", DataTypes.IntegerType)
            .add("region_code", DataTypes.StringType)
            .add("region_name", DataTypes.StringType)
            .add("admin_level", DataTypes.StringType)
            .add("values", DataTypes.createArrayType(VALUE, false))
            .add("mentions", DataTypes.createArrayType(MENTION, false))
            .add("errors", DataTypes.createArrayType(govlens.jobs.ingest.IngestJob.STEP_ERROR, false));

    /** Step name of an extraction failure in the errors table. */
    static final String STEP = "indicators";

    private final IndicatorExtractor extractor;

    ExtractIndicators(IndicatorExtractor extractor) {
        this.extractor = extractor;
    }

    /**
     * Input: a row of IngestJob.DOC_TEXT (doc_id, source_path, report_year, region_code, region_name,
     * admin_level, text, sentences in any order). A document whose extraction throws gets no values or mentions
     * and one error.
     */
    @Override
    public Row call(Row doc) {
        List<Sentence> sentences = IngestJob.sentencesOf(doc);
        ExtractionResult r;
        try {
            FaultInjection.check(STEP, doc.getString(6));
            String text = doc.getString(6);
            Integer year = doc.isNullAt(2) ? null : doc.getInt(2);
            r = extractor.extract(text, sentences, ReportContext.of(text, year, doc.getString(4)));
        } catch (RuntimeException | StackOverflowError e) {
            StepError err = StepError.of(STEP, e);
            return RowFactory.create(
                    doc.getString(0),
                    doc.getString(1),
                    doc.get(2),
                    doc.getString(3),
                    doc.getString(4),
                    doc.getString(5),
                    new Object[0],
                    new Object[0],
                    new Object[] {RowFactory.create(err.step(), err.exceptionClass(), err.message())});
        }
        List<Row> values = new ArrayList<>(r.values().size());
        for (IndicatorValue v : r.values()) {
            values.add(RowFactory.create(
                    v.indicator(),
                    v.indicatorName(),
                    v.area(),
                    v.value(),
                    v.unit(),
                    v.approx(),
                    v.rawText(),
                    v.sentence(),
                    v.sentenceIdx(),
                    v.sectionId(),
                    v.charStart(),
                    v.charEnd(),
                    v.ruleId(),
                    v.confidence(),
                    v.flags().toArray(new String[0])));
        }
        List<Row> mentions = new ArrayList<>(r.mentions().size());
        for (Mention m : r.mentions()) {
            mentions.add(RowFactory.create(
                    m.rawText(),
                    m.value(),
                    m.unit(),
                    m.approx(),
                    m.context(),
                    m.sentenceIdx(),
                    m.sectionId(),
                    m.charStart(),
                    m.charEnd(),
                    m.status(),
                    m.reason(),
                    m.period(),
                    m.scope()));
        }
        return RowFactory.create(
                doc.getString(0),
                doc.getString(1),
                doc.get(2),
                doc.getString(3),
                doc.getString(4),
                doc.getString(5),
                values.toArray(),
                mentions.toArray(),
                new Object[0]);
    }
}
