package govlens.jobs.query;

import govlens.jobs.WarehouseCatalog;
import govlens.jobs.warehouse.TableDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The tables a warehouse actually holds, found on disk rather than taken from the catalog: a table is a
 * top-level folder with at least one Parquet file below it (Hive partition folders included). Reading
 * from disk is what lets the query tools and the dashboard work on an older or partial warehouse, and on
 * tables added by stages they do not know about. Folders whose name starts with '_' or '.' (Spark's
 * _temporary, checkpoints) and the dashboard folder are not tables. Works on any Hadoop path (file:, hdfs:,
 * s3a:) through the session's Hadoop configuration.
 */
public final class WarehouseTables {
    private WarehouseTables() {}

    /** A table folder: its name (the view name) and its full path. */
    public record Found(String name, String path) {}

    /**
     * Tables of the warehouse, catalog tables first in catalog order, then any others by name. Empty when the
     * warehouse folder does not exist.
     */
    public static List<Found> discover(SparkSession spark, String warehouse) {
        try {
            Path root = new Path(warehouse);
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root)) {
                return List.of();
            }
            List<Found> found = new ArrayList<>();
            for (FileStatus st : fs.listStatus(root)) {
                String name = st.getPath().getName();
                if (!st.isDirectory() || name.startsWith("_") || name.startsWith(".") || name.equals("dashboard")) {
                    continue;
                }
                if (hasParquet(fs, st.getPath())) {
                    found.add(new Found(name, st.getPath().toString()));
                }
            }
            List<String> order =
                    WarehouseCatalog.ALL.stream().map(TableDef::name).toList();
            found.sort(Comparator.comparingInt(
                            (Found f) -> order.contains(f.name()) ? order.indexOf(f.name()) : order.size())
                    .thenComparing(Found::name));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list warehouse " + warehouse + ": " + e.getMessage(), e);
        }
    }

    /** Registers every table as a temporary view named like its folder; returns the names. */
    public static List<String> registerViews(SparkSession spark, String warehouse) {
        List<String> names = new ArrayList<>();
        for (Found t : discover(spark, warehouse)) {
            spark.read().parquet(t.path()).createOrReplaceTempView(quoteIfNeeded(t.name()));
            names.add(t.name());
        }
        return names;
    }

    /** The table, or empty when the warehouse does not hold it. */
    public static Optional<Dataset<Row>> read(SparkSession spark, String warehouse, String table) {
        return discover(spark, warehouse).stream()
                .filter(f -> f.name().equals(table))
                .findFirst()
                .map(f -> spark.read().parquet(f.path()));
    }

    /** Partition values of the table as folder names below it ("report_year=2024"), sorted; empty if none. */
    public static List<String> partitionFolders(SparkSession spark, String tablePath) {
        try {
            Path p = new Path(tablePath);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            List<String> out = new ArrayList<>();
            for (FileStatus st : fs.listStatus(p)) {
                if (st.isDirectory() && st.getPath().getName().contains("=")) {
                    out.add(st.getPath().getName());
                }
            }
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasParquet(FileSystem fs, Path dir) throws IOException {
        for (FileStatus st : govlens.jobs.warehouse.FileListing.files(fs, dir)) {
            Path f = st.getPath();
            if (f.getName().endsWith(".parquet") && !f.toString().contains("/_temporary/")) {
                return true;
            }
        }
        return false;
    }

    // Temp view names are identifiers: a folder such as "region-year" would otherwise not register.
    private static String quoteIfNeeded(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "`" + name.replace("`", "``") + "`";
    }
}
