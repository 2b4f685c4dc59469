package govlens.jobs.query;

import govlens.jobs.ExitCodes;
import govlens.jobs.warehouse.VersionedRead;
import govlens.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /**
     * The command on a given session: registers the views, runs the SQL, prints; returns the exit code. The result
     * is read from one committed version of the warehouse ({@link VersionedRead#read}): it is spooled to a
     * temporary file and printed only once the read is known to be whole, and read again if a commit landed
     * meanwhile.
     */
    public static int run(
            SparkSession spark,
            String warehouse,
            String sql,
            ResultWriter.Format format,
            PrintWriter out,
            PrintWriter err) {
        String wh = Warehouse.qualify(spark, warehouse);
        java.nio.file.Path spool;
        try {
            spool = Files.createTempFile("govlens-query", ".out");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the query result", e);
        }
        try {
            boolean found = VersionedRead.read(Warehouse.fileSystem(spark, wh), wh, () -> {
                if (WarehouseTables.registerViews(spark, warehouse).isEmpty()) {
                    return false;
                }
                Dataset<Row> result = spark.sql(sql);
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(spool, StandardCharsets.UTF_8))) {
                    ResultWriter.write(format, result.schema(), result.toLocalIterator(), w);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the query result to " + spool, e);
                }
                return true;
            });
            if (!found) {
                err.println("govlens query: no tables in warehouse " + warehouse
                        + " (run 'govlens run' first, or pass --warehouse)");
                err.flush();
                return ExitCodes.INPUT_MISSING;
            }
            copy(spool, out);
            return ExitCodes.OK;
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            if (!isQueryError(e)) {
                throw e;
            }
            err.println("govlens query: " + firstLine(e.getMessage()));
            err.flush();
            return ExitCodes.BAD_CONFIG;
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                // a temporary file: the OS cleans it
            }
        }
    }

    private static void copy(java.nio.file.Path spool, PrintWriter out) {
        try (var in = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the query result back from " + spool, e);
        }
        out.flush();
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
