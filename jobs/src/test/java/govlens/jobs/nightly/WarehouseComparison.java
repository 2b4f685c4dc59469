package govlens.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import govlens.jobs.DataFrameAssertions;
import govlens.jobs.WarehouseCatalog;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Warehouse;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Compares two warehouses table by table, the internal state tables included, ignoring the columns that name
 * the run (run_id, ingested_at).
 */
final class WarehouseComparison {
    private WarehouseComparison() {}

    static void assertSameTables(SparkSession spark, String expected, String actual) {
        for (TableDef t : WarehouseCatalog.WITH_STATE) {
            assertEquals(Warehouse.exists(spark, expected, t), Warehouse.exists(spark, actual, t), t.name());
            Dataset<Row> a = withoutRunColumns(Warehouse.read(spark, expected, t));
            Dataset<Row> b = withoutRunColumns(Warehouse.read(spark, actual, t));
            assertEquals(a.count(), b.count(), "row count of " + t.name());
            DataFrameAssertions.assertSameRows(a, b);
        }
    }

    static Dataset<Row> withoutRunColumns(Dataset<Row> d) {
        String[] keep = Arrays.stream(d.columns())
                .filter(c -> !c.equals("run_id") && !c.equals("ingested_at"))
                .toArray(String[]::new);
        return d.selectExpr(keep);
    }
}
