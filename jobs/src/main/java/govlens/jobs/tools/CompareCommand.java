package govlens.jobs.tools;

import govlens.jobs.ExitCodes;
import govlens.jobs.Sessions;
import govlens.jobs.WarehouseCatalog;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Warehouse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code govlens compare WAREHOUSE_A WAREHOUSE_B}: whether two warehouses hold the same data, e.g. a cluster
 * run and a local run of the same input.
 *
 * <p>Every table of {@link WarehouseCatalog#ALL} that exists in either warehouse is compared as a multiset of
 * rows (order and file layout do not matter, duplicate rows do), ignoring {@link #IGNORED_COLUMNS}, which
 * name the run rather than describe the data. A table present on one side only compares against an empty
 * table. Values are compared exactly, doubles included. Internal folders (_runs, _state, _models) are not
 * compared.
 *
 * <p>Prints one line per table, {@code table: same (N rows)} or {@code table: DIFFERENT (a-only N, b-only M)}
 * followed by up to {@value #EXAMPLES} example rows of each side. Exit code 0 when every table is the same,
 * 1 when any differs, 2 for a bad command line, 3 when neither warehouse exists.
 *
 * <p>Runs on its own local[2] session (no UI) unless one is handed in, as tests do.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Compare two warehouses table by table, ignoring the columns naming the run (run_id, "
                + "ingested_at, trained_in_run, created_at); exit 0 when equal, "
                + "1 when any table differs.")
public final class CompareCommand implements Callable<Integer> {
    /**
     * Columns that identify the run that wrote a row (or fitted a model), so two runs of the same input always
     * differ in them.
     */
    public static final Set<String> IGNORED_COLUMNS = Set.of("run_id", "ingested_at", "trained_in_run", "created_at");

    /** Example rows printed per side of a differing table. */
    public static final int EXAMPLES = 5;

    /** Longest rendering of one example row; sentences and documents carry whole texts. */
    private static final int MAX_ROW_CHARS = 300;

    @Parameters(index = "0", paramLabel = "WAREHOUSE_A", description = "first warehouse root (any Hadoop path)")
    String warehouseA;

    @Parameters(index = "1", paramLabel = "WAREHOUSE_B", description = "second warehouse root (any Hadoop path)")
    String warehouseB;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** A session handed in by the caller (not stopped here); null: build a local[2] one and stop it after. */
    private final SparkSession injected;

    public CompareCommand() {
        this(null);
    }

    CompareCommand(SparkSession injected) {
        this.injected = injected;
    }

    /** Standalone entry point, for running the class without the govlens CLI. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs {@code compare ARGS} on its own local session and returns the exit code. */
    public static int execute(String... args) {
        return commandLine(new CompareCommand()).execute(args);
    }

    /** Runs {@code compare ARGS} on the given session (left running), printing to out and err. */
    public static int execute(SparkSession spark, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(new CompareCommand(spark));
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    private static CommandLine commandLine(CompareCommand command) {
        CommandLine cl = new CommandLine(command);
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("govlens compare: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return ExitCodes.BAD_CONFIG;
        });
        return cl;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SparkSession spark = injected != null ? injected : Sessions.build(GovLensConfig.defaults(), "local[2]");
        try {
            boolean anyA = false;
            boolean anyB = false;
            boolean allSame = true;
            for (TableDef table : WarehouseCatalog.ALL) {
                boolean inA = Warehouse.exists(spark, warehouseA, table);
                boolean inB = Warehouse.exists(spark, warehouseB, table);
                anyA |= inA;
                anyB |= inB;
                if (!inA && !inB) {
                    continue;
                }
                TableDiff diff = compare(spark, table);
                allSame &= diff.same();
                print(out, diff);
            }
            out.flush();
            if (!anyA || !anyB) {
                err.println("govlens compare: no warehouse table found under " + (!anyA ? warehouseA : warehouseB)
                        + (!anyA && !anyB ? " nor " + warehouseB : ""));
                err.flush();
                return anyA || anyB ? 1 : ExitCodes.INPUT_MISSING;
            }
            return allSame ? ExitCodes.OK : 1;
        } finally {
            if (injected == null) {
                spark.stop();
            }
        }
    }

    /** The outcome for one table: row counts of each side's surplus and a few of those rows. */
    public record TableDiff(
            String table, long rows, long aOnly, long bOnly, List<String> aExamples, List<String> bExamples) {
        public boolean same() {
            return aOnly == 0 && bOnly == 0;
        }
    }

    private TableDiff compare(SparkSession spark, TableDef table) {
        Column[] kept = table.columns().stream()
                .filter(c -> !IGNORED_COLUMNS.contains(c))
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new);
        Dataset<Row> a = Warehouse.read(spark, warehouseA, table).select(kept);
        Dataset<Row> b = Warehouse.read(spark, warehouseB, table).select(kept);
        // exceptAll keeps multiplicity, so a row written twice on one side and once on the other still shows.
        Dataset<Row> aOnly = a.exceptAll(b).cache();
        Dataset<Row> bOnly = b.exceptAll(a).cache();
        try {
            return new TableDiff(
                    table.name(), a.count(), aOnly.count(), bOnly.count(), examples(aOnly), examples(bOnly));
        } finally {
            aOnly.unpersist();
            bOnly.unpersist();
        }
    }

    private static List<String> examples(Dataset<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows.limit(EXAMPLES).collectAsList()) {
            String s = r.toString();
            out.add(s.length() > MAX_ROW_CHARS ? s.substring(0, MAX_ROW_CHARS) + "…" : s);
        }
        return out;
    }

    private static void print(PrintWriter out, TableDiff d) {
        if (d.same()) {
            out.println(d.table() + ": same (" + d.rows() + " rows)");
            return;
        }
        out.println(d.table() + ": DIFFERENT (a-only " + d.aOnly() + ", b-only " + d.bOnly() + ")");
        d.aExamples().forEach(r -> out.println("  a-only: " + r));
        d.bExamples().forEach(r -> out.println("  b-only: " + r));
    }
}
