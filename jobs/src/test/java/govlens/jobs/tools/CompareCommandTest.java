package govlens.jobs.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import govlens.jobs.SharedSparkSession;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.WarehouseWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** govlens compare: which tables differ, ignoring the columns that name the run, and the exit code. */
class CompareCommandTest extends SharedSparkSession {
    @TempDir
    Path tmp;

    private static Row quarantined(String path, long length, String runId) {
        return RowFactory.create(path, "txt", length, "empty", null, runId);
    }

    private static Row duplicate(String path, String runId) {
        return RowFactory.create("d1", path, "/in/a.txt", "UTF-8", runId);
    }

    private String warehouse(String name, List<Row> quarantine, List<Row> duplicates) {
        String dir = tmp.resolve(name).toString();
        write(dir, Tables.QUARANTINE, quarantine);
        write(dir, Tables.DUPLICATES, duplicates);
        return dir;
    }

    private static void write(String dir, TableDef table, List<Row> rows) {
        spark.createDataFrame(rows, table.schema()).write().parquet(WarehouseWriter.path(dir, table));
    }

    private record Result(int code, String out) {}

    private static Result compare(String a, String b) {
        StringWriter out = new StringWriter();
        int code = CompareCommand.execute(spark, new PrintWriter(out), new PrintWriter(new StringWriter()), a, b);
        return new Result(code, out.toString());
    }

    // Same rows written by two different runs (other run_id, other row order): every table same, exit 0.
    @Test
    void sameRowsOfDifferentRunsAreEqual() {
        String a = warehouse(
                "a",
                List.of(quarantined("/in/x.txt", 0, "run-1"), quarantined("/in/y.txt", 3, "run-1")),
                List.of(duplicate("/in/b.txt", "run-1")));
        String b = warehouse(
                "b",
                List.of(quarantined("/in/y.txt", 3, "run-2"), quarantined("/in/x.txt", 0, "run-2")),
                List.of(duplicate("/in/b.txt", "run-2")));
        Result r = compare(a, b);
        assertEquals(0, r.code(), r.out());
        assertEquals(
                "duplicates: same (1 rows)\nquarantine: same (2 rows)\n",
                r.out().replace("\r", ""));
    }

    // One row differing in one table: exit 1, that table DIFFERENT with the row of each side, the other same.
    @Test
    void oneDifferingRowNamesItsTable() {
        String a = warehouse(
                "a",
                List.of(quarantined("/in/x.txt", 0, "run-1"), quarantined("/in/y.txt", 3, "run-1")),
                List.of(duplicate("/in/b.txt", "run-1")));
        String b = warehouse(
                "b",
                List.of(quarantined("/in/x.txt", 0, "run-2"), quarantined("/in/y.txt", 4, "run-2")),
                List.of(duplicate("/in/b.txt", "run-2")));
        Result r = compare(a, b);
        assertEquals(1, r.code(), r.out());
        assertEquals(
                "duplicates: same (1 rows)\n"
                        + "quarantine: DIFFERENT (a-only 1, b-only 1)\n"
                        + "  a-only: [/in/y.txt,txt,3,empty,null]\n"
                        + "  b-only: [/in/y.txt,txt,4,empty,null]\n",
                r.out().replace("\r", ""));
    }

    // A row present twice on one side and once on the other is a difference: rows compare as multisets.
    @Test
    void duplicateRowCountsAsDifference() {
        String a = warehouse(
                "a", List.of(quarantined("/in/x.txt", 0, "run-1"), quarantined("/in/x.txt", 0, "run-1")), List.of());
        String b = warehouse("b", List.of(quarantined("/in/x.txt", 0, "run-2")), List.of());
        Result r = compare(a, b);
        assertEquals(1, r.code(), r.out());
        assertEquals(
                "duplicates: same (0 rows)\n"
                        + "quarantine: DIFFERENT (a-only 1, b-only 0)\n"
                        + "  a-only: [/in/x.txt,txt,0,empty,null]\n",
                r.out().replace("\r", ""));
    }

    // Two folders without any warehouse table: nothing to compare is an input error, exit 3.
    @Test
    void missingWarehousesExitThree() {
        assertEquals(
                3,
                compare(tmp.resolve("none-a").toString(), tmp.resolve("none-b").toString())
                        .code());
    }
}
