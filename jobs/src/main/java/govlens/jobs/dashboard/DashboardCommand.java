package govlens.jobs.dashboard;

import govlens.jobs.ExitCodes;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.query.QuerySession;
import govlens.jobs.query.WarehouseTables;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code govlens dashboard [--warehouse DIR] [--serve [--port N] [--rebuild]]}: rewrites {@code
 * <warehouse>/dashboard/index.html} (and its region files) from the tables already there, without rerunning the
 * pipeline (after a manual table fix, or for a warehouse written before the dashboard stage existed). With
 * {@code --serve} it serves the dashboard folder on 127.0.0.1 until interrupted (building the page first only
 * when there is none, or with {@code --rebuild}) and prints the URL: the region files of a large warehouse
 * load only over HTTP. Exit 3 when the warehouse holds no table. Also runnable on its own through {@link #main}.
 */
@Command(
        name = "dashboard",
        mixinStandardHelpOptions = true,
        description = "Rewrite <warehouse>/dashboard from the warehouse tables, or serve it (--serve).")
public final class DashboardCommand implements Callable<Integer> {
    @Option(names = "--warehouse", paramLabel = "DIR", description = "warehouse to read (default ./warehouse)")
    String warehouse = "warehouse";

    @Option(names = "--conf", paramLabel = "FILE", description = "HOCON file overriding conf/govlens.conf")
    File conf;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "override a configuration key, e.g. --set govlens.dashboard.embed-max-documents=500")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(
            names = "--serve",
            description = "serve <warehouse>/dashboard on http://127.0.0.1 (needed for the region files of a "
                    + "warehouse above govlens.dashboard.embed-max-documents); Ctrl-C stops it")
    boolean serve;

    @Option(names = "--port", defaultValue = "0", description = "port for --serve; 0 (default): any free port")
    int port;

    @Option(names = "--rebuild", description = "with --serve: rebuild the page first even if one exists")
    boolean rebuild;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DashboardCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        String root = warehouse.replaceAll("/+$", "");
        Path page = Path.of(root, "dashboard", "index.html");
        PrintWriter out = spec.commandLine().getOut();
        if (!serve || rebuild || !Files.isRegularFile(page)) {
            Integer rc = build(root);
            if (rc != ExitCodes.OK) {
                return rc;
            }
        }
        if (!serve) {
            out.println(page);
            out.flush();
            return ExitCodes.OK;
        }
        try (DashboardServer server = DashboardServer.start(page.getParent(), port)) {
            out.println("govlens dashboard: serving " + server.root() + " at " + server.url() + " (Ctrl-C stops)");
            out.println(server.url());
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return ExitCodes.OK;
    }

    private Integer build(String root) {
        Map<String, Object> o = new LinkedHashMap<>();
        sets.forEach((k, v) -> o.put(k.startsWith("govlens.") ? k : "govlens." + k, v));
        GovLensConfig config = GovLensConfig.load(conf, o);
        try (QuerySession session = QuerySession.open("GovLens dashboard", "local[2]", 8, false)) {
            SparkSession spark = session.spark();
            if (WarehouseTables.discover(spark, root).isEmpty()) {
                spec.commandLine().getErr().println("govlens dashboard: no tables in warehouse " + root);
                return ExitCodes.INPUT_MISSING;
            }
            DashboardJob.Result r = DashboardJob.run(spark, root, config.dashboardEmbedMaxDocuments());
            spec.commandLine()
                    .getErr()
                    .printf(
                            "govlens dashboard: %,d documents, page %.1f MB, region detail %s%n",
                            r.documents(),
                            r.bytes() / 1e6,
                            r.embedded()
                                    ? "embedded"
                                    : r.regionFiles() + " files in dashboard/" + DashboardJob.REGIONS
                                            + " (open the page with --serve to load them)");
            return ExitCodes.OK;
        }
    }
}
