package govlens.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import govlens.jobs.analytics.AnalyticsJob;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.dashboard.DashboardJob;
import govlens.jobs.indicators.IndicatorJob;
import govlens.jobs.ingest.IngestJob;
import govlens.jobs.quality.QualityGate;
import govlens.jobs.state.PriorState;
import govlens.jobs.state.RunState;
import govlens.jobs.state.StageFingerprints;
import govlens.jobs.warehouse.RunTransaction;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main job: every stage in order on one SparkSession, inside one {@link RunTransaction}. Each stage is
 * its own job class with a {@code run(SparkSession, …)}; this class sequences them, times them, logs one
 * line per stage, commits, writes the run manifest and runs the data-quality gate.
 *
 * <p>Order of a run: recover an interrupted earlier run; compute the stage fingerprints and load the
 * warehouse's state (what each document was made with); ingest (new, changed and stale files only, unless
 * full-rebuild); indicators and analytics (for the documents ingest wrote and those whose stage fingerprint
 * is stale); errors and state tables; commit (the warehouse changes only here); quality gate; dashboard page;
 * manifest (with the fingerprints and what each stage reprocessed and why).
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private Pipeline() {}

    /** How a run ended: its context and the quality gate's outcomes (empty when the gate is off). */
    public record Outcome(RunContext run, List<QualityGate.Outcome> quality) {
        public boolean qualityPassed() {
            return quality.stream().allMatch(QualityGate.Outcome::passed);
        }
    }

    public static Outcome run(SparkSession spark, GovLensConfig config) {
        RunContext run = RunContext.start();
        LOG.info(
                "run {} (GovLens {}, {}): input {} → warehouse {}",
                run.runId(),
                run.pipelineVersion(),
                config.fullRebuild() ? "full rebuild" : "incremental",
                config.input(),
                config.warehouse());
        stage(run, "recover", () -> {
            RunTransaction.recover(spark, config.warehouse());
            return null;
        });
        StageFingerprints fps =
                StageFingerprints.compute(config, spark.sparkContext().hadoopConfiguration());
        for (StageFingerprints.Stage s : StageFingerprints.Stage.values()) {
            LOG.info("fingerprint {} = {}", s.key(), fps.get(s));
        }
        PriorState prior = stage(run, "plan", () -> PriorState.load(spark, config, WarehouseCatalog.WITH_STATE));
        RunTransaction tx = new RunTransaction(spark, config.warehouse(), run.runId());
        IngestJob.Result ingest = null;
        try {
            IngestJob.Result in = stage(run, "ingest", () -> IngestJob.run(spark, config, run, tx, fps, prior));
            ingest = in;
            IndicatorJob.Result indicators =
                    stage(run, "indicators", () -> IndicatorJob.run(spark, config, run, tx, fps, prior, in));
            AnalyticsJob.Result analytics =
                    stage(run, "analytics", () -> AnalyticsJob.run(spark, config, run, tx, fps, prior, in));
            stage(run, "state", () -> {
                RunState.stage(spark, config, run, tx, fps, prior, in, indicators, analytics);
                return null;
            });
            CrashPoints.reached("before-commit");
            stage(run, "commit", () -> {
                tx.commit();
                return null;
            });
        } catch (RuntimeException | Error e) {
            tx.abort();
            RunManifest.write(
                    config.warehouse(),
                    run.runId(),
                    manifest(spark, config, run, fps, "failed", null, String.valueOf(e)));
            throw e;
        } finally {
            if (ingest != null) {
                ingest.unpersist();
            }
        }
        List<QualityGate.Outcome> quality = stage(run, "quality", () -> QualityGate.run(spark, config));
        stage(run, "dashboard", () -> {
            DashboardJob.run(spark, config.warehouse(), config.dashboardEmbedMaxDocuments());
            return null;
        });
        Outcome outcome = new Outcome(run, quality);
        RunManifest.write(
                config.warehouse(),
                run.runId(),
                manifest(spark, config, run, fps, outcome.qualityPassed() ? "ok" : "quality_failed", quality, null));
        LOG.info(
                "run {} done in {} ms: {}",
                run.runId(),
                run.stageMillis().values().stream().mapToLong(Long::longValue).sum(),
                run.counts());
        for (QualityGate.Outcome q : quality) {
            if (!q.passed()) {
                LOG.error("data-quality check failed: {}: {}", q.check(), q.message());
            }
        }
        return outcome;
    }

    static ObjectNode manifest(
            SparkSession spark,
            GovLensConfig config,
            RunContext run,
            StageFingerprints fps,
            String status,
            List<QualityGate.Outcome> quality,
            String error) {
        List<Map<String, String>> quarantined = new ArrayList<>();
        long total = 0;
        if (error == null) {
            var rows = Warehouse.read(spark, config.warehouse(), Tables.QUARANTINE)
                    .filter(org.apache.spark.sql.functions.col("run_id").equalTo(run.runId()));
            total = rows.count();
            for (Row r : rows.select("source_path", "reason", "detail")
                    .limit(RunManifest.MAX_LISTED)
                    .collectAsList()) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("source_path", r.getString(0));
                m.put("reason", r.getString(1));
                m.put("detail", r.getString(2));
                quarantined.add(m);
            }
        }
        ArrayNode q = null;
        if (quality != null) {
            q = RunManifest.JSON.createArrayNode();
            for (QualityGate.Outcome o : quality) {
                ObjectNode n = q.addObject();
                n.put("check", o.check());
                n.put("passed", o.passed());
                if (o.message() != null) {
                    n.put("message", o.message());
                }
            }
        }
        ObjectNode m = RunManifest.of(
                run, status, config.fullRebuild(), config.input(), config.render(), quarantined, total, q, error);
        ObjectNode f = m.putObject("fingerprints");
        for (StageFingerprints.Stage s : StageFingerprints.Stage.values()) {
            ObjectNode stage = f.putObject(s.key());
            stage.put("digest", fps.get(s));
            ObjectNode parts = stage.putObject("parts");
            fps.fingerprint(s).parts().forEach(parts::put);
        }
        m.set("reprocessed", RunManifest.JSON.valueToTree(run.reprocessed()));
        return m;
    }

    static <T> T stage(RunContext run, String name, Supplier<T> body) {
        long t0 = System.nanoTime();
        LOG.info("stage {} started", name);
        T result = body.get();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        run.stage(name, ms);
        LOG.info("stage {} finished in {} ms", name, ms);
        return result;
    }
}
