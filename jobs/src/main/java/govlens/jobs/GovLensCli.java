package govlens.jobs;

import govlens.jobs.analytics.LdaBench;
import govlens.jobs.bench.PipelineBench;
import govlens.jobs.bench.TokenizeBench;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.dashboard.DashboardCommand;
import govlens.jobs.indicators.EvalIndicatorsCommand;
import govlens.jobs.query.QueryCommand;
import govlens.jobs.query.TablesCommand;
import govlens.jobs.synth.SynthCommand;
import govlens.jobs.tools.CompareCommand;
import govlens.jobs.warehouse.CommitLog;
import govlens.jobs.warehouse.VersionedRead;
import govlens.jobs.warehouse.WarehouseLease;
import govlens.jobs.warehouse.WarehouseWriteException;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of bin/govlens and of the cluster jar under spark-submit. Parses the command line, builds the
 * configuration and the session, calls the job, and turns every failure into a one-line reason and a
 * documented exit code (see {@link ExitCodes}); stack traces go to the log only for real crashes.
 */
@Command(
        name = "govlens",
        mixinStandardHelpOptions = true,
        versionProvider = GovLensCli.VersionProvider.class,
        description = "Batch analytics over Chinese rule-of-law government reports.",
        subcommands = {
            GovLensCli.Run.class,
            GovLensCli.Eval.class,
            StatusCommand.class,
            QueryCommand.class,
            TablesCommand.class,
            DashboardCommand.class,
            GovLensCli.Bench.class,
            CompareCommand.class,
            SynthCommand.class,
            govlens.jobs.synth.SynthWarehouseCommand.class
        })
public final class GovLensCli implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(GovLensCli.class);

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new GovLensCli());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof GovLensConfig.InvalidConfigException) {
                cmd.getErr().println("govlens: configuration error: " + e.getMessage());
                return ExitCodes.BAD_CONFIG;
            }
            if (e instanceof WarehouseLease.BusyException
                    || e instanceof CommitLog.ConflictException
                    || e instanceof WarehouseLease.LostException
                    || e instanceof VersionedRead.InterruptedCommitException) {
                cmd.getErr().println("govlens: " + firstLine(e.getMessage()));
                return ExitCodes.BUSY;
            }
            if (e instanceof WarehouseWriteException) {
                LOG.error("run failed", e);
                cmd.getErr().println("govlens: " + firstLine(e.getMessage()));
                return ExitCodes.CRASH;
            }
            if (isMissingInput(e)) {
                cmd.getErr().println("govlens: input missing: " + firstLine(e.getMessage()));
                return ExitCodes.INPUT_MISSING;
            }
            LOG.error("run failed", e);
            cmd.getErr().println("govlens: failed: " + firstLine(String.valueOf(e)));
            return ExitCodes.CRASH;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("govlens: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return ExitCodes.BAD_CONFIG;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return ExitCodes.OK;
    }

    static boolean isMissingInput(Throwable e) {
        if (e instanceof govlens.jobs.ingest.InputInventory.InputMissingException) {
            return true;
        }
        return e instanceof AnalysisException
                && e.getMessage() != null
                && (e.getMessage().contains("PATH_NOT_FOUND") || e.getMessage().contains("Path does not exist"));
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Options every Spark-running command shares. */
    static class CommonOptions {
        @Option(names = "--conf", paramLabel = "FILE", description = "HOCON file overriding conf/govlens.conf")
        File conf;

        @Option(names = "--warehouse", paramLabel = "DIR", description = "output root (default ./warehouse)")
        String warehouse;

        @Option(
                names = "--master",
                paramLabel = "URL",
                description = "Spark master (default local[*]; under spark-submit, spark-submit's)")
        String master;

        @Option(
                names = "--set",
                paramLabel = "KEY=VALUE",
                description = "override any configuration key, e.g. --set govlens.spark.shuffle-partitions=4")
        Map<String, String> sets = new LinkedHashMap<>();

        Map<String, Object> overrides() {
            Map<String, Object> o = new LinkedHashMap<>();
            sets.forEach((k, v) -> o.put(k.startsWith("govlens.") ? k : "govlens." + k, v));
            if (warehouse != null) {
                o.put("govlens.warehouse", warehouse);
            }
            return o;
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Run the pipeline: ingest the input and write the warehouse tables.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        CommonOptions common = new CommonOptions();

        @Option(names = "--full", description = "rebuild every table from all inputs (default: incremental)")
        boolean full;

        @Option(
                names = "--wait",
                paramLabel = "DURATION",
                description = "when another run holds the warehouse, wait up to DURATION (30s, 10m, 2h) for it "
                        + "instead of exiting at once with code 5 (govlens.lease.wait, default 0s)")
        String wait;

        @Option(
                names = "--prune",
                description = "remove the documents of input files that are no longer listed "
                        + "(default: keep them; corpora are append-only)")
        boolean prune;

        @Option(
                names = "--input",
                arity = "1..*",
                paramLabel = "PATH",
                description = "input files or folders, any Hadoop path (default: the bundled sample, data/sample)")
        List<String> input;

        @Override
        public Integer call() {
            Map<String, Object> o = common.overrides();
            if (input != null) {
                o.put("govlens.input", input);
            }
            if (full) {
                o.put("govlens.full-rebuild", true);
            }
            if (prune) {
                o.put("govlens.prune", true);
            }
            if (wait != null) {
                o.put("govlens.lease.wait", wait);
            }
            GovLensConfig config = GovLensConfig.load(common.conf, o);
            SparkSession spark = Sessions.build(config, common.master);
            try {
                Pipeline.Outcome outcome = Pipeline.run(spark, config);
                if (!outcome.qualityPassed()) {
                    String failed = outcome.quality().stream()
                            .filter(q -> !q.passed())
                            .map(q -> q.check() + " (" + q.message() + ")")
                            .reduce((a, b) -> a + "; " + b)
                            .orElse("");
                    System.err.println("govlens: data-quality gate failed: " + failed);
                    return ExitCodes.QUALITY_FAILED;
                }
                return ExitCodes.OK;
            } finally {
                spark.stop();
            }
        }
    }

    @Command(
            name = "eval",
            mixinStandardHelpOptions = true,
            description = "Score extractions against gold files.",
            subcommands = {EvalIndicatorsCommand.class, govlens.jobs.ingest.EvalDocumentsCommand.class})
    static final class Eval implements Callable<Integer> {
        @Override
        public Integer call() {
            CommandLine.usage(this, System.err);
            return ExitCodes.BAD_CONFIG;
        }
    }

    @Command(
            name = "bench",
            mixinStandardHelpOptions = true,
            description = "Benchmarks against baselines.",
            subcommands = {LdaBench.class, TokenizeBench.class, PipelineBench.class})
    static final class Bench implements Callable<Integer> {
        @Override
        public Integer call() {
            CommandLine.usage(this, System.err);
            return ExitCodes.BAD_CONFIG;
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"GovLens " + Version.FULL};
        }
    }
}
