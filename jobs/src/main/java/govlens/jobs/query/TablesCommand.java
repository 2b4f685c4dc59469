package govlens.jobs.query;

import govlens.jobs.ExitCodes;
import govlens.jobs.warehouse.VersionedRead;
import govlens.jobs.warehouse.Warehouse;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code govlens tables [--warehouse DIR]}: for each table of the warehouse (as {@link WarehouseTables}
 * finds them), its row count, its partition folders with the rows of each (a null report_year is the
 * folder report_year=__HIVE_DEFAULT_PARTITION__, shown as such), and its columns with type and meaning
 * (the comment stored in the Parquet schema, when there is one). Exit 3 when the warehouse holds no table.
 *
 * <pre>
 * documents  23 rows  partitions: report_year=2023 (4), report_year=2024 (19)
 *   doc_id          string   first 16 hex digits of …
 * </pre>
 */
@Command(
        name = "tables",
        mixinStandardHelpOptions = true,
        description = "List the warehouse tables with row counts, partitions and columns.")
public final class TablesCommand implements Callable<Integer> {
    @Option(names = "--warehouse", paramLabel = "DIR", description = "warehouse to read (default ./warehouse)")
    String warehouse = "warehouse";

    @Spec
    CommandSpec spec;

    /** Standalone entry (bin/govlens wires the command as a subcommand). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new TablesCommand()).execute(args));
    }

    @Override
    public Integer call() {
        try (QuerySession s = QuerySession.open()) {
            return run(
                    s.spark(),
                    warehouse,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
    }

    /** The listing on a given session, of one committed version; returns the exit code. */
    public static int run(SparkSession spark, String warehouse, PrintWriter out, PrintWriter err) {
        String wh = Warehouse.qualify(spark, warehouse);
        String listing = VersionedRead.read(Warehouse.fileSystem(spark, wh), wh, () -> {
            java.io.StringWriter buffer = new java.io.StringWriter();
            try (PrintWriter w = new PrintWriter(buffer)) {
                return list(spark, warehouse, w) ? buffer.toString() : null;
            }
        });
        if (listing == null) {
            err.println("govlens tables: no tables in warehouse " + warehouse);
            err.flush();
            return ExitCodes.INPUT_MISSING;
        }
        out.print(listing);
        out.flush();
        return ExitCodes.OK;
    }

    /** Prints the listing; false when the warehouse holds no table. */
    private static boolean list(SparkSession spark, String warehouse, PrintWriter out) {
        List<WarehouseTables.Found> tables = WarehouseTables.discover(spark, warehouse);
        if (tables.isEmpty()) {
            return false;
        }
        for (WarehouseTables.Found t : tables) {
            Dataset<Row> df = spark.read().parquet(t.path());
            List<String> folders = WarehouseTables.partitionFolders(spark, t.path());
            StringBuilder head =
                    new StringBuilder(t.name()).append("  ").append(df.count()).append(" rows");
            if (!folders.isEmpty()) {
                head.append("  partitions: ");
                for (int i = 0; i < folders.size(); i++) {
                    String f = folders.get(i);
                    long n = spark.read().parquet(t.path() + "/" + f).count();
                    head.append(i > 0 ? ", " : "")
                            .append(f)
                            .append(" (")
                            .append(n)
                            .append(')');
                }
            }
            out.println(head);
            int w = 0;
            for (StructField f : df.schema().fields()) {
                w = Math.max(w, f.name().length());
            }
            for (StructField f : df.schema().fields()) {
                String type = f.dataType().simpleString();
                String comment = f.getComment().isDefined() ? f.getComment().get() : "";
                out.println(("  " + pad(f.name(), w) + "  " + pad(type, 14) + "  " + comment).stripTrailing());
            }
            out.println();
        }
        return true;
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
