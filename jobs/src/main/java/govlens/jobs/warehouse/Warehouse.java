package govlens.jobs.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reading the committed state of the warehouse, for incremental runs that merge into it. */
public final class Warehouse {
    private Warehouse() {}

    /** Whether a committed table can be used as the base of an incremental run. */
    public enum Health {
        /** Its folder does not exist. */
        ABSENT,
        /** Every data file's Parquet footer reads. */
        OK,
        /** A data file is not Parquet (truncated, overwritten, …), or the folder cannot be listed. */
        UNREADABLE
    }

    /**
     * Checks a table without reading its rows: the folder exists and every data file's Parquet footer parses.
     * A table that fails is rebuilt from all committed documents by the next run, never merged into.
     */
    public static Health health(SparkSession spark, String warehouse, TableDef table) {
        String path = WarehouseWriter.path(warehouse, table);
        try {
            FileSystem fs = fileSystem(spark, path);
            Path root = new Path(path);
            if (!fs.exists(root)) {
                return Health.ABSENT;
            }
            for (org.apache.hadoop.fs.FileStatus f : FileListing.files(fs, root)) {
                String rel = f.getPath()
                        .toString()
                        .substring(fs.makeQualified(root).toString().length());
                if (rel.contains("/_") || rel.contains("/.")) {
                    continue;
                }
                try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
                        org.apache.parquet.hadoop.util.HadoopInputFile.fromStatus(f, fs.getConf()))) {
                    r.getFooter();
                } catch (IOException | RuntimeException e) {
                    return Health.UNREADABLE;
                }
            }
            return Health.OK;
        } catch (IOException e) {
            return Health.UNREADABLE;
        }
    }

    /** Whether the table has been committed (its folder exists). */
    public static boolean exists(SparkSession spark, String warehouse, TableDef table) {
        String path = WarehouseWriter.path(warehouse, table);
        try {
            FileSystem fs = fileSystem(spark, path);
            return fs.exists(new Path(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The committed rows of a table, read with its declared schema (so partition columns keep their types even
     * when only the null partition exists), or an empty Dataset of that schema when the table is absent.
     */
    public static Dataset<Row> read(SparkSession spark, String warehouse, TableDef table) {
        if (!exists(spark, warehouse, table)) {
            return empty(spark, table);
        }
        return spark.read()
                .schema(table.schema())
                .parquet(WarehouseWriter.path(warehouse, table))
                .select(columns(table));
    }

    /** An empty Dataset with the table's schema: the committed state a full rebuild starts from. */
    public static Dataset<Row> empty(SparkSession spark, TableDef table) {
        return spark.createDataFrame(java.util.List.of(), table.schema());
    }

    /** The table's columns in schema order. */
    public static Column[] columns(TableDef table) {
        return Arrays.stream(table.schema().fieldNames())
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new);
    }

    /**
     * The logical content of a per-document table after this run: committed rows of documents this run does
     * not rewrite, plus this run's rows. {@code newDocIds} has one column, doc_id.
     */
    public static Dataset<Row> mergeByDoc(
            Dataset<Row> existing, Dataset<Row> fresh, Dataset<Row> newDocIds, TableDef table) {
        Dataset<Row> kept =
                existing.join(newDocIds, existing.col("doc_id").equalTo(newDocIds.col("doc_id")), "left_anti");
        return kept.select(columns(table)).unionByName(WarehouseWriter.conform(fresh, table));
    }

    /** A path with its file system's scheme (file:/…), so paths from listings and from Spark compare equal. */
    public static String qualify(SparkSession spark, String path) {
        Path p = new Path(path);
        try {
            FileSystem f = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            URI u = f.makeQualified(p).toUri();
            return new Path(u).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open file system of " + path + ": " + e.getMessage(), e);
        }
    }

    public static FileSystem fileSystem(SparkSession spark, String path) {
        try {
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            return new Path(path).getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open file system of " + path + ": " + e.getMessage(), e);
        }
    }
}
