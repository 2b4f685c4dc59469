package govlens.jobs.warehouse;

import java.util.Arrays;
import java.util.List;
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

    /**
     * Parquet row-group size. Each open Parquet file buffers a whole row group on the heap, outside Spark's
     * memory accounting; with the default 128 MB, two writer tasks plus a run's caches broke a 2 GB heap on
     * 10,000 reports. 32 MB row groups still read well (a token table year is several row groups).
     */
    public static final long ROW_GROUP_BYTES = 32L << 20;

    /** How rows are laid out in files. */
    public enum Layout {
        /**
         * One task per partition value (one file per report_year folder), rows sorted by the table's sort
         * columns: the same rows always give the same files. For small tables; on large ones the shuffle and the
         * single task per year are what made a 30,000-report run slow.
         */
        SORTED,
        /**
         * Each task writes the rows it has, in the order it has them, into its own files (one per partition
         * value it holds): no shuffle. For large per-document outputs, which arrive clustered by document.
         */
        AS_IS
    }

    /**
     * Rows built on the driver (state, errors, quarantine, duplicates) as one sorted partition: written without a
     * shuffle, by one task, into one file per partition folder.
     */
    public static Dataset<Row> local(org.apache.spark.sql.SparkSession spark, TableDef table, List<Row> rows) {
        List<Row> sorted = new java.util.ArrayList<>(rows);
        List<Integer> keys = table.sortColumns().stream()
                .map(c -> table.schema().fieldIndex(c))
                .toList();
        sorted.sort((a, b) -> {
            for (int k : keys) {
                int c = compareNullsFirst(a.get(k), b.get(k));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        return spark.createDataFrame(sorted, table.schema()).coalesce(1);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareNullsFirst(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return ((Comparable) a).compareTo(b);
    }

    /** Documents per write task of an append: few files for a nightly batch, every core for a backfill. */
    static final int DOCS_PER_WRITE_TASK = 1000;

    /** Output tasks for an append of the rows of {@code docs} documents: about one per thousand, at least one. */
    public static int tasksFor(long docs, int maxTasks) {
        return (int) Math.max(1, Math.min(maxTasks, (docs + DOCS_PER_WRITE_TASK - 1) / DOCS_PER_WRITE_TASK));
    }

    public static void write(Dataset<Row> rows, TableDef table, String warehouse) {
        writeTo(rows, table, path(warehouse, table), Layout.SORTED);
    }

    /**
     * The one place table files are written (the warehouse and a run's staging folder alike): rows conformed
     * and laid out as asked, snappy Parquet with {@link #ROW_GROUP_BYTES} row groups, partition folders when
     * the table has a partition column; whatever {@code dir} held is replaced.
     */
    public static void writeTo(Dataset<Row> rows, TableDef table, String dir, Layout layout) {
        Dataset<Row> laid = layout == Layout.SORTED ? ordered(rows, table) : conform(rows, table);
        var writer = laid.write()
                .mode(SaveMode.Overwrite)
                .option("compression", "snappy")
                .option("parquet.block.size", ROW_GROUP_BYTES);
        if (table.partitionColumn() != null) {
            writer = writer.partitionBy(table.partitionColumn());
        }
        writer.parquet(dir);
    }

    /**
     * The rows conformed to the table's schema, one task per partition value (one file per report_year folder)
     * and sorted, so that the same rows always give the same files.
     */
    static Dataset<Row> ordered(Dataset<Row> rows, TableDef table) {
        Dataset<Row> conformed = conform(rows, table);
        Column[] sort = table.sortColumns().stream().map(functions::col).toArray(Column[]::new);
        if (table.partitionColumn() != null) {
            return conformed.repartition(functions.col(table.partitionColumn())).sortWithinPartitions(sort);
        }
        return conformed.repartition(1).sortWithinPartitions(sort);
    }

    public static String path(String warehouse, TableDef table) {
        return warehouse.replaceAll("/+$", "") + "/" + table.name();
    }

    /** Selects the table's columns in schema order, failing with the names of missing or mistyped columns. */
    public static Dataset<Row> conform(Dataset<Row> rows, TableDef table) {
        StructType have = rows.schema();
        for (StructField want : table.schema().fields()) {
            StructField got = Arrays.stream(have.fields())
                    .filter(f -> f.name().equals(want.name()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("table " + table.name() + ": column " + want.name()
                            + " missing; the job produced " + Arrays.toString(have.fieldNames())));
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
