package govlens.jobs;

import govlens.jobs.config.GovLensConfig;
import govlens.jobs.indicators.IndicatorJob;
import govlens.jobs.ingest.IngestJob;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main job: every stage in order on one SparkSession. Each stage is its own job class with a
 * {@code run(SparkSession, …)}; this class only sequences them, times them and logs one line per stage.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private Pipeline() {}

  public static RunContext run(SparkSession spark, GovLensConfig config) {
    RunContext run = RunContext.start();
    LOG.info("run {} (GovLens {}): input {} → warehouse {}", run.runId(), run.pipelineVersion(),
        config.input(), config.warehouse());
    IngestJob.Result ingest = stage(run, "ingest", () -> IngestJob.run(spark, config, run));
    stage(run, "indicators",
        () -> IndicatorJob.run(spark, config, run, ingest.documents(), ingest.sentences()));
    ingest.unpersist();
    LOG.info("run {} done in {} ms: {}", run.runId(),
        run.stageMillis().values().stream().mapToLong(Long::longValue).sum(), run.counts());
    return run;
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
