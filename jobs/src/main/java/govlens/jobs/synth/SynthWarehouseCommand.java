package govlens.jobs.synth;

import govlens.jobs.ExitCodes;
import govlens.jobs.query.QuerySession;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code govlens synth-warehouse --docs N --out DIR [--seed S]}: writes a synthetic warehouse of the tables the
 * dashboard reads (see {@link SynthWarehouse}), so the dashboard can be built and checked at 30,000 reports in
 * a minute instead of a 20-minute pipeline run. Then {@code govlens dashboard --warehouse DIR}. For tests and
 * benchmarks only.
 */
@Command(
        name = "synth-warehouse",
        mixinStandardHelpOptions = true,
        description = "Write a synthetic warehouse of the dashboard's tables (tests and benchmarks only).")
public final class SynthWarehouseCommand implements Callable<Integer> {
    @Option(names = "--docs", required = true, description = "number of reports")
    int docs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "warehouse folder (tables replaced)")
    String out;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SynthWarehouseCommand()).execute(args));
    }

    @Override
    public Integer call() {
        try (QuerySession session = QuerySession.open("GovLens synth-warehouse", "local[2]", 8, false)) {
            SparkSession spark = session.spark();
            long t0 = System.nanoTime();
            SynthWarehouse.Summary s = SynthWarehouse.write(spark, out, docs, seed);
            System.out.printf(
                    Locale.ROOT,
                    "synth-warehouse: %d documents, %d indicator figures, %d region × year values, %d keyword rows,"
                            + " %d doc_topics rows → %s in %.1f s%n",
                    s.documents(),
                    s.indicators(),
                    s.regionYearIndicators(),
                    s.keywords(),
                    s.docTopics(),
                    out,
                    (System.nanoTime() - t0) / 1e9);
            return ExitCodes.OK;
        }
    }
}
