package govlens.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import govlens.jobs.DataFrameAssertions;
import govlens.jobs.WarehouseCatalog;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Warehouse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Compares two warehouses table by table, the internal state tables included, ignoring the columns that name
 * the run (run_id, ingested_at).
 */
public final class WarehouseComparison {
    private WarehouseComparison() {}

    public static void assertSameTables(SparkSession spark, String expected, String actual) {
        for (TableDef t : WarehouseCatalog.WITH_STATE) {
            assertEquals(Warehouse.exists(spark, expected, t), Warehouse.exists(spark, actual, t), t.name());
            Dataset<Row> a = withoutRunColumns(Warehouse.read(spark, expected, t));
            Dataset<Row> b = withoutRunColumns(Warehouse.read(spark, actual, t));
            assertEquals(a.count(), b.count(), "row count of " + t.name());
            DataFrameAssertions.assertSameRows(a, b);
        }
    }

    /**
     * Rows of {@code expected} missing from {@code actual} (lost) and rows of {@code actual} beyond {@code expected}
     * (duplicated or stray), counted as multisets per table; only tables with a difference are listed.
     */
    public record Diff(long lost, long duplicated, Map<String, long[]> byTable) {
        public boolean same() {
            return lost == 0 && duplicated == 0;
        }
    }

    /** The {@link Diff} of the given tables (every table and state table when {@code tables} is null). */
    public static Diff diff(SparkSession spark, String expected, String actual, List<TableDef> tables) {
        long lost = 0;
        long dup = 0;
        Map<String, long[]> by = new LinkedHashMap<>();
        for (TableDef t : tables == null ? WarehouseCatalog.WITH_STATE : tables) {
            Dataset<Row> e = withoutRunColumns(Warehouse.read(spark, expected, t));
            Dataset<Row> a = withoutRunColumns(Warehouse.read(spark, actual, t));
            long l = e.exceptAll(a).count();
            long d = a.exceptAll(e).count();
            if (l + d > 0) {
                by.put(t.name(), new long[] {l, d});
            }
            lost += l;
            dup += d;
        }
        return new Diff(lost, dup, by);
    }

    static Dataset<Row> withoutRunColumns(Dataset<Row> d) {
        String[] keep = Arrays.stream(d.columns())
                .filter(c -> !c.equals("run_id") && !c.equals("ingested_at"))
                .toArray(String[]::new);
        return d.selectExpr(keep);
    }
}
