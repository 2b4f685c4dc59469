package govlens.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import govlens.jobs.Pipeline;
import govlens.jobs.RunContext;
import govlens.jobs.SharedSparkSession;
import govlens.jobs.WarehouseCatalog;
import govlens.jobs.analytics.AnalyticsJob;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.ingest.IngestJob;
import govlens.jobs.state.PriorState;
import govlens.jobs.state.StageFingerprints;
import govlens.jobs.warehouse.RunTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fitted topic model and its CURRENT pointer are published by the run's commit, never before: a run that
 * fits a new model and dies before committing leaves the previous model current and no trace of the new one.
 */
class ModelCommitTest extends SharedSparkSession {
    @TempDir
    Path tmp;

    static List<String> models(Path wh) throws Exception {
        try (Stream<Path> s = Files.list(wh.resolve("_models"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // A retrain that dies between fitting (and staging) its model and the commit leaves the old model current.
    @Test
    void modelOfAnUncommittedRunIsNeverCurrent() throws Exception {
        Path wh = tmp.resolve("wh");
        GovLensConfig config = GovLensConfig.load(
                null,
                Map.of(
                        "govlens.input",
                        List.of("../data/sample"),
                        "govlens.warehouse",
                        wh.toString(),
                        "govlens.topics.k",
                        2,
                        "govlens.topics.max-iterations",
                        5));
        Pipeline.run(spark, config);
        String current = Files.readString(wh.resolve("_models/CURRENT")).strip();
        List<String> before = models(wh);

        GovLensConfig retrain = config.withOverrides(Map.of("govlens.topics.retrain", true, "govlens.topics.seed", 9));
        RunContext run = RunContext.start();
        RunTransaction tx = new RunTransaction(spark, wh.toString(), run.runId());
        StageFingerprints fps =
                StageFingerprints.compute(retrain, spark.sparkContext().hadoopConfiguration());
        PriorState prior = PriorState.load(spark, retrain, WarehouseCatalog.WITH_STATE);
        IngestJob.Result ingest = IngestJob.run(spark, retrain, run, tx, fps, prior);
        AnalyticsJob.Result fitted = AnalyticsJob.run(spark, retrain, run, tx, fps, prior, ingest);
        ingest.unpersist();
        assertNotEquals(current, fitted.modelId());
        // The process dies here; the next run starts with recovery.
        RunTransaction.recover(
                spark,
                wh.toString(),
                govlens.jobs.warehouse.Holder.current("next", "run"),
                java.time.Duration.ofMinutes(5));
        assertEquals(current, Files.readString(wh.resolve("_models/CURRENT")).strip());
        assertEquals(before, models(wh));
    }
}
