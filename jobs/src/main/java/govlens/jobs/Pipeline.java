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
import govlens.jobs.warehouse.CrashPoints;
import govlens.jobs.warehouse.Holder;
import govlens.jobs.warehouse.RunTransaction;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.Warehouse;
import govlens.jobs.warehouse.WarehouseLease;
import govlens.jobs.warehouse.WarehouseWriteException;
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
 * The main job: every stage in order on one SparkSession, inside one {@link RunTransaction}, under the
 * warehouse's {@link WarehouseLease}. Each stage is its own job class with a {@code run(SparkSession, …)}; this
 * class sequences them, times them, logs one line per stage, commits, writes the run manifest and runs the
 * data-quality gate.
 *
 * <p>Order of a run: take the warehouse lease (or fail with {@link WarehouseLease.BusyException}, or wait for
 * it); complete or discard what gone runs left (recover); begin the transaction on the current warehouse version;
 * compute the stage fingerprints and load the warehouse's state (what each document was made with); ingest (new,
 * changed and stale files only, unless full-rebuild); indicators and analytics (for the documents ingest wrote and
 * those whose stage fingerprint is stale); errors and state tables; commit (the warehouse changes only here, and
 * only if it is still at the version the run began on); quality gate; dashboard page; manifest (with the
 * fingerprints, what each stage reprocessed and why, and the corpus-wide steps that were skipped and why);
 * release the lease.
 *
 * <p>Corpus-wide steps never cost the night: topics on a corpus too small for them are skipped inside analytics,
 * and the quality gate and the dashboard, which run after the commit, are skipped with their reason when they
 * cannot run on the warehouse (a write failure of the dashboard still fails the run: the disk needs attention).
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

    /**
     * Runs the pipeline under the warehouse's lease.
     *
     * @throws WarehouseLease.BusyException when another live run holds the warehouse (after govlens.lease.wait)
     * @throws govlens.jobs.warehouse.CommitLog.ConflictException when another run committed while this one ran
     * @throws WarehouseWriteException when the warehouse could not be written; it is as it was before the run
     */
    public static Outcome run(SparkSession spark, GovLensConfig config) {
        RunContext run = RunContext.start();
        LOG.info(
                "run {} (GovLens {}, {}): input {} → warehouse {}",
                run.runId(),
                run.pipelineVersion(),
                config.fullRebuild() ? "full rebuild" : "incremental",
                config.input(),
                config.warehouse());
        String wh = Warehouse.qualify(spark, config.warehouse());
        GovLensConfig.Lease l = config.lease();
        WarehouseLease lease = stage(
                run,
                "lease",
                () -> WarehouseLease.acquire(
                        Warehouse.fileSystem(spark, wh),
                        wh,
                        Holder.current(run.runId(), "run"),
                        new WarehouseLease.Settings(l.wait, l.heartbeat, l.staleAfter)));
        try {
            CrashPoints.reached("leased");
            return leased(spark, config, run, lease);
        } finally {
            lease.close();
        }
    }

    private static Outcome leased(SparkSession spark, GovLensConfig config, RunContext run, WarehouseLease lease) {
        stage(run, "recover", () -> {
            RunTransaction.recover(spark, config.warehouse(), lease.holder(), config.lease().staleAfter);
            return null;
        });
        // The transaction begins on the warehouse version the plan below reads: the commit refuses if it moved.
        RunTransaction tx = new RunTransaction(spark, config.warehouse(), lease);
        StageFingerprints fps =
                StageFingerprints.compute(config, spark.sparkContext().hadoopConfiguration());
        for (StageFingerprints.Stage s : StageFingerprints.Stage.values()) {
            LOG.info("fingerprint {} = {}", s.key(), fps.get(s));
        }
        IngestJob.Result ingest = null;
        try {
            PriorState prior = stage(run, "plan", () -> PriorState.load(spark, config, WarehouseCatalog.WITH_STATE));
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
        } catch (Throwable e) { // Spark's checked SparkException arrives undeclared: catch everything
            tx.abort();
            writeFailedManifest(spark, config, run, fps, e);
            throw e;
        } finally {
            if (ingest != null) {
                ingest.unpersist();
            }
        }
        CrashPoints.reached("committed");
        List<QualityGate.Outcome> quality = stage(
                run, "quality", () -> afterCommit(run, "quality", List.of(), () -> QualityGate.run(spark, config)));
        stage(
                run,
                "dashboard",
                () -> afterCommit(
                        run,
                        "dashboard",
                        null,
                        () -> DashboardJob.run(spark, config.warehouse(), config.dashboardEmbedMaxDocuments())));
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
        run.skipped().forEach((step, why) -> LOG.warn("skipped {}: {}", step, why));
        for (QualityGate.Outcome q : quality) {
            if (!q.passed()) {
                LOG.error("data-quality check failed: {}: {}", q.check(), q.message());
            }
        }
        return outcome;
    }

    /**
     * A step after the commit, over the committed warehouse: when it cannot run on it (an odd or tiny corpus, a bug
     * it meets), it is skipped with the reason and the run still succeeds, since its tables are committed. A
     * failure to write (no space left …) is not skipped: the disk needs attention.
     */
    static <T> T afterCommit(RunContext run, String step, T skippedValue, Supplier<T> body) {
        try {
            return body.get();
        } catch (Exception e) { // Spark's checked SparkException arrives undeclared
            if (e instanceof WarehouseWriteException || WarehouseWriteException.isWriteFailure(e)) {
                throw e instanceof WarehouseWriteException w ? w : new WarehouseWriteException(step, e);
            }
            LOG.error("{} could not run on this warehouse and is skipped (the tables are committed)", step, e);
            run.skipped(step, e.getClass().getSimpleName() + ": " + GovLensCli.firstLine(e.getMessage()));
            return skippedValue;
        }
    }

    /** The manifest of a failed run; a failure to write it (the disk that failed the run) must not hide why. */
    private static void writeFailedManifest(
            SparkSession spark, GovLensConfig config, RunContext run, StageFingerprints fps, Throwable cause) {
        try {
            RunManifest.write(
                    config.warehouse(),
                    run.runId(),
                    manifest(spark, config, run, fps, "failed", null, String.valueOf(cause)));
        } catch (RuntimeException e) {
            LOG.warn("could not write the manifest of failed run {}: {}", run.runId(), e.getMessage());
        }
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
        m.set("skipped", RunManifest.JSON.valueToTree(run.skipped()));
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
