package govlens.jobs.warehouse;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a table as snappy Parquet under {@code <warehouse>/<table>}, Hive-style partition folders when the
 * table has a partition column. The rows are checked against the table's schema first: a job that drifts
 * from the documented schema fails here, naming the column, instead of writing a table analysts cannot union
 * with yesterday's.
 */
public final class WarehouseWriter {
  private WarehouseWriter() {}

  public static void write(Dataset<Row> rows, TableDef table, String warehouse) {
    Dataset<Row> conformed = conform(rows, table);
    Column[] sort = table.sortColumns().stream().map(functions::col).toArray(Column[]::new);
    Dataset<Row> ordered;
    if (table.partitionColumn() != null) {
      // One task per partition value: one file per report_year folder, sorted, so reruns give the same files.
      ordered = conformed.repartition(functions.col(table.partitionColumn())).sortWithinPartitions(sort);
    } else {
      ordered = conformed.repartition(1).sortWithinPartitions(sort);
    }
    var writer = ordered.write().mode(SaveMode.Overwrite).option("compression", "snappy");
    if (table.partitionColumn() != null) {
      writer = writer.partitionBy(table.partitionColumn());
    }
    writer.parquet(path(warehouse, table));
  }

  public static String path(String warehouse, TableDef table) {
    return warehouse.replaceAll("/+$", "") + "/" + table.name();
  }

  /** Selects the table's columns in schema order, failing with the names of missing or mistyped columns. */
  static Dataset<Row> conform(Dataset<Row> rows, TableDef table) {
    StructType have = rows.schema();
    for (StructField want : table.schema().fields()) {
      StructField got = Arrays.stream(have.fields())
          .filter(f -> f.name().equals(want.name())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("table " + table.name() + ": column "
              + want.name() + " missing; the job produced " + Arrays.toString(have.fieldNames())));
      if (!got.dataType().sameType(want.dataType())) {
        throw new IllegalArgumentException("table " + table.name() + ": column " + want.name()
            + " has type " + got.dataType().simpleString() + ", schema says "
            + want.dataType().simpleString());
      }
    }
    Column[] cols = Arrays.stream(table.schema().fields())
        .map(f -> functions.col(f.name()).as(f.name(), f.metadata()))
        .toArray(Column[]::new);
    return rows.select(cols);
  }
}
