package govlens.jobs.state;

import govlens.jobs.RunContext;
import govlens.jobs.analytics.AnalyticsJob;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.indicators.IndicatorJob;
import govlens.jobs.ingest.IngestJob;
import govlens.jobs.warehouse.RunTransaction;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.Warehouse;
import govlens.lib.nlp.DocumentAnalyzer;
import govlens.lib.pipeline.DocumentProcessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The end of a run before its commit: the {@code errors} table and the per-document state
 * ({@code _state/documents}) after what every stage did, staged only when they changed (a rerun that
 * changes nothing writes nothing).
 */
public final class RunState {
    private RunState() {}

    /** Steps of the ingest stage (their errors rows are keyed by input file). */
    static final Set<String> INGEST_STEPS = Set.of(
            DocumentProcessor.STEP_READ,
            DocumentProcessor.STEP_CLEAN,
            DocumentProcessor.STEP_METADATA,
            DocumentProcessor.STEP_SECTIONS,
            DocumentProcessor.STEP_SENTENCES);

    static final Set<String> ANALYTICS_STEPS =
            Set.of(DocumentAnalyzer.STEP_TOKENIZE, DocumentAnalyzer.STEP_TEXTRANK, DocumentAnalyzer.STEP_UNITS);

    private static final java.util.Comparator<Row> ORDER = java.util.Comparator.comparing((Row r) -> r.getString(1))
            .thenComparing(r -> r.getString(3))
            .thenComparing(r -> String.valueOf(r.getString(2)));

    public static void stage(
            SparkSession spark,
            GovLensConfig config,
            RunContext run,
            RunTransaction tx,
            StageFingerprints fps,
            PriorState prior,
            IngestJob.Result ingest,
            IndicatorJob.Result indicators,
            AnalyticsJob.Result analytics) {
        List<Row> errors = errors(spark, config, prior, ingest, indicators, analytics);
        List<Row> committedErrors = prior.usable(Tables.ERRORS)
                ? new ArrayList<>(
                        Warehouse.read(spark, config.warehouse(), Tables.ERRORS).collectAsList())
                : new ArrayList<>();
        committedErrors.sort(ORDER);
        if (!errors.equals(committedErrors) || !prior.usable(Tables.ERRORS)) {
            tx.replaceTable(Tables.ERRORS, errors);
        }
        run.count("errors", errors.size());

        Map<String, DocState> after = new HashMap<>();
        for (DocState d : ingest.docs().values()) {
            DocState s = d;
            if (indicators.processed().contains(d.docId())) {
                s = s.with(
                        StageFingerprints.Stage.INDICATORS, fps.get(StageFingerprints.Stage.INDICATORS), run.runId());
            }
            if (analytics.analyzed().contains(d.docId())) {
                s = s.with(StageFingerprints.Stage.ANALYTICS, fps.get(StageFingerprints.Stage.ANALYTICS), run.runId());
            }
            if (analytics.withTopics().contains(d.docId())) {
                s = s.withTopicModel(analytics.modelId(), run.runId());
            }
            after.put(s.docId(), s);
        }
        if (!after.equals(prior.docs()) || !prior.usable(Tables.DOC_STATE)) {
            tx.replaceTable(Tables.DOC_STATE, DocState.rows(after.values()));
        }
    }

    /**
     * The errors table after the run: committed rows whose step did not run again on their document (or file),
     * plus this run's.
     */
    static List<Row> errors(
            SparkSession spark,
            GovLensConfig config,
            PriorState prior,
            IngestJob.Result ingest,
            IndicatorJob.Result indicators,
            AnalyticsJob.Result analytics) {
        List<Row> out = new ArrayList<>();
        if (prior.usable(Tables.ERRORS) && !config.fullRebuild()) {
            for (Row r :
                    Warehouse.read(spark, config.warehouse(), Tables.ERRORS).collectAsList()) {
                String step = r.getString(1);
                String docId = r.getString(2);
                String path = r.getString(3);
                boolean superseded = INGEST_STEPS.contains(step)
                        ? ingest.all() || ingest.readPaths().contains(IngestJob.fileOf(path))
                        : step.equals("indicators")
                                ? indicators.processed().contains(docId)
                                : ANALYTICS_STEPS.contains(step)
                                        && analytics.analyzed().contains(docId);
                boolean gone = docId != null && !ingest.docs().containsKey(docId);
                if (!superseded && !gone) {
                    out.add(r);
                }
            }
        }
        out.addAll(ingest.errors());
        out.addAll(indicators.errors());
        out.addAll(analytics.errors());
        out.sort(ORDER);
        return out;
    }
}
