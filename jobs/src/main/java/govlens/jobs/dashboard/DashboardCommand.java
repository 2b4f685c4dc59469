package govlens.jobs.dashboard;

import govlens.jobs.ExitCodes;
import govlens.jobs.query.WarehouseTables;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code govlens dashboard [--warehouse DIR]}: rewrites {@code <warehouse>/dashboard/index.html} from the
 * tables already there, without rerunning the pipeline (after a manual table fix, or for a warehouse
 * written before the dashboard stage existed). Exit 3 when the warehouse holds no table. Also runnable on its
 * own through {@link #main}.
 */
@Command(
        name = "dashboard",
        mixinStandardHelpOptions = true,
        description = "Rewrite <warehouse>/dashboard/index.html from the warehouse tables.")
public final class DashboardCommand implements Callable<Integer> {
    @Option(names = "--warehouse", paramLabel = "DIR", description = "warehouse to read (default ./warehouse)")
    String warehouse = "warehouse";

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DashboardCommand()).execute(args));
    }

    @Override
    public Integer call() {
        boolean owned = SparkSession.getActiveSession().isEmpty();
        if (owned) {
            govlens.jobs.query.QuerySession.quietLogging();
        }
        SparkSession spark = owned
                ? SparkSession.builder()
                        .appName("GovLens dashboard")
                        .master("local[2]")
                        .config("spark.ui.enabled", "false")
                        .config("spark.driver.host", "127.0.0.1")
                        .config("spark.driver.bindAddress", "127.0.0.1")
                        .config("spark.sql.shuffle.partitions", "4")
                        .config("spark.sql.session.timeZone", "UTC")
                        .getOrCreate()
                : SparkSession.getActiveSession().get();
        try {
            if (WarehouseTables.discover(spark, warehouse).isEmpty()) {
                spec.commandLine().getErr().println("govlens dashboard: no tables in warehouse " + warehouse);
                return ExitCodes.INPUT_MISSING;
            }
            DashboardJob.run(spark, warehouse);
            spec.commandLine().getOut().println(warehouse.replaceAll("/+$", "") + "/dashboard/index.html");
            return ExitCodes.OK;
        } finally {
            if (owned) {
                spark.stop();
            }
        }
    }
}
