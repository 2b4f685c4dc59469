package govlens.jobs.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Lists every file under the inputs through the Hadoop FileSystem API, on the driver.
 *
 * <p>Spark's file sources cannot be the inventory: they silently skip empty files and files or folders whose
 * names start with "." or "_". This listing sees all of them, so ingest can account for each (an empty file
 * becomes a quarantine row instead of vanishing). Listing is metadata only; thirty thousand files list in
 * seconds even on object stores.
 */
public final class InputInventory {
    private InputInventory() {}

    public static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("length", DataTypes.LongType, false)
            .add("modification_time", DataTypes.LongType, false)
            .add("hidden", DataTypes.BooleanType, false);

    /** An input path that does not exist: the run cannot start (exit code 3). */
    public static final class InputMissingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InputMissingException(String message) {
            super(message);
        }
    }

    public static Dataset<Row> list(SparkSession spark, List<String> inputs) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<Row> rows = new ArrayList<>();
        for (String input : inputs) {
            Path root = new Path(input);
            try {
                FileSystem fs = root.getFileSystem(hadoop);
                FileStatus status;
                try {
                    status = fs.getFileStatus(root);
                } catch (FileNotFoundException e) {
                    throw new InputMissingException("input path does not exist: " + input);
                }
                Path qualifiedRoot = fs.makeQualified(root);
                if (status.isFile()) {
                    rows.add(RowFactory.create(
                            qualifiedRoot.toString(), status.getLen(), status.getModificationTime(), false));
                    continue;
                }
                for (FileStatus f : govlens.jobs.warehouse.FileListing.files(fs, qualifiedRoot)) {
                    rows.add(RowFactory.create(
                            f.getPath().toString(),
                            f.getLen(),
                            f.getModificationTime(),
                            isHidden(qualifiedRoot.toString(), f.getPath().toString())));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list input " + input + ": " + e.getMessage(), e);
            }
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** Hadoop's convention, which Spark's readers follow: a name below the root starting with "." or "_". */
    static boolean isHidden(String root, String path) {
        String rel = path.startsWith(root) ? path.substring(root.length()) : path;
        for (String part : rel.split("/")) {
            if (part.startsWith(".") || part.startsWith("_")) {
                return true;
            }
        }
        return false;
    }
}
