package govlens.jobs.query;

import govlens.jobs.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code govlens query [--warehouse DIR] [--format table|csv|json] "SQL"}: runs one Spark SQL statement
 * against the warehouse, every table present registered as a temporary view named like its folder
 * (documents, indicators, …), and prints the result to stdout (formats: {@link ResultWriter}).
 *
 * <p>Exit codes: 0 done; 2 the SQL is wrong (parse or analysis error, or a query-caused runtime error with
 * a Spark error class) — the engine's first message line goes to stderr, no stack trace; 3 the warehouse
 * folder does not exist or holds no table.
 */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = "Run Spark SQL over the warehouse tables (each table is a view named like its folder).")
public final class QueryCommand implements Callable<Integer> {
    @Option(names = "--warehouse", paramLabel = "DIR", description = "warehouse to read (default ./warehouse)")
    String warehouse = "warehouse";

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "table (aligned text, default), csv (RFC 4180 with header) or json (JSON Lines)")
    ResultWriter.Format format = ResultWriter.Format.table;

    @Parameters(index = "0", paramLabel = "SQL", description = "one SQL statement, e.g. \"SELECT * FROM documents\"")
    String sql;

    @Spec
    CommandSpec spec;

    /** Standalone entry (bin/govlens wires the command as a subcommand). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new QueryCommand()).execute(args));
    }

    @Override
    public Integer call() {
        try (QuerySession s = QuerySession.open()) {
            return run(
                    s.spark(),
                    warehouse,
                    sql,
                    format,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
    }

    /** The command on a given session: registers the views, runs the SQL, prints; returns the exit code. */
    public static int run(
            SparkSession spark,
            String warehouse,
            String sql,
            ResultWriter.Format format,
            PrintWriter out,
            PrintWriter err) {
        List<String> views = WarehouseTables.registerViews(spark, warehouse);
        if (views.isEmpty()) {
            err.println("govlens query: no tables in warehouse " + warehouse
                    + " (run 'govlens run' first, or pass --warehouse)");
            err.flush();
            return ExitCodes.INPUT_MISSING;
        }
        try {
            Dataset<Row> result = spark.sql(sql);
            ResultWriter.write(format, result.schema(), result.toLocalIterator(), out);
            return ExitCodes.OK;
        } catch (Exception e) {
            if (!isQueryError(e)) {
                throw e;
            }
            err.println("govlens query: " + firstLine(e.getMessage()));
            err.flush();
            return ExitCodes.BAD_CONFIG;
        }
    }

    // The user's SQL is at fault for analysis and parse errors and for runtime errors Spark classifies
    // (division by zero under ANSI, failed casts, assert_true); unclassified ones are crashes.
    static boolean isQueryError(Throwable e) {
        if (e instanceof AnalysisException) {
            return true;
        }
        return e instanceof SparkThrowable st
                && st.getErrorClass() != null
                && !st.getErrorClass().startsWith("INTERNAL_ERROR");
    }

    /** First non-blank line: ParseException messages start with a line break. */
    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        for (String line : s.split("\n")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "";
    }
}
