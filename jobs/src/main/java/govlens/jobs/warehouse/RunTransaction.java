package govlens.jobs.warehouse;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash-safe writes of one run: every table or partition is first written completely under
 * {@code <warehouse>/_staging/<run_id>/}, and only {@link #commit()} moves it into place, one directory rename
 * per table (unpartitioned) or per partition folder.
 *
 * <p>Guarantees, for file systems whose directory rename is atomic (local, HDFS; not S3A):
 * <ul>
 *   <li>Readers never see a half-written partition: a folder in place is always complete. During the commit
 *       a replaced folder is briefly absent (old one moved to {@code _trash}, new one moved in).</li>
 *   <li>A run killed before its commit log is written leaves the previous state untouched; its staging
 *       folder is garbage that {@link #recover} deletes.</li>
 *   <li>A run killed during the commit leaves a commit log ({@code _runs/<run_id>.commit}) listing every
 *       move; {@link #recover}, called at the start of the next run, redoes the moves that did not happen,
 *       so the half-committed run completes instead of being half-applied.</li>
 * </ul>
 */
public final class RunTransaction {
  private static final Logger LOG = LoggerFactory.getLogger(RunTransaction.class);
  static final String STAGING = "_staging";
  static final String TRASH = "_trash";
  static final String RUNS = "_runs";

  private final SparkSession spark;
  private final String warehouse;
  private final String runId;
  private final FileSystem fs;
  /** Relative folders (table or table/partition) staged by this run, in commit order. */
  private final Set<String> staged = new LinkedHashSet<>();

  public RunTransaction(SparkSession spark, String warehouse, String runId) {
    this.spark = spark;
    this.warehouse = warehouse.replaceAll("/+$", "");
    this.runId = runId;
    this.fs = fileSystem(spark, this.warehouse);
  }

  public String runId() {
    return runId;
  }

  /** Stages a whole table: at commit it replaces the table folder. */
  public void replaceTable(TableDef table, Dataset<Row> rows) {
    WarehouseWriter.writeTo(rows, table, stagingDir() + "/" + table.name());
    staged.add(table.name());
  }

  /**
   * Stages only the partitions of a partitioned table whose values occur in {@code partitionValues} (null
   * for the null partition), taking their content from {@code rows}: the table's full logical content, of
   * which only those partitions are written. Other partitions stay as they are.
   */
  public void replacePartitions(TableDef table, Dataset<Row> rows, List<Object> partitionValues) {
    String p = table.partitionColumn();
    if (p == null) {
      throw new IllegalArgumentException(table.name() + " is not partitioned; use replaceTable");
    }
    if (partitionValues.isEmpty()) {
      return;
    }
    List<Object> nonNull = partitionValues.stream().filter(v -> v != null).toList();
    Column in = nonNull.isEmpty() ? functions.lit(false) : col(p).isin(nonNull.toArray());
    if (partitionValues.contains(null)) {
      in = in.or(col(p).isNull());
    }
    WarehouseWriter.writeTo(rows.filter(in), table, stagingDir() + "/" + table.name());
    for (Object v : partitionValues) {
      String folder = table.name() + "/" + p + "=" + (v == null ? Tables.NULL_PARTITION : v.toString());
      if (exists(stagingDir() + "/" + folder)) {
        staged.add(folder);
      }
    }
  }

  /** Moves every staged folder into place, logging the plan first so a crash mid-way can be completed. */
  public void commit() {
    if (staged.isEmpty()) {
      deleteQuietly(stagingDir());
      try {
        deleteIfEmpty(new Path(warehouse + "/" + STAGING));
      } catch (IOException e) {
        LOG.warn("could not tidy {}: {}", STAGING, e.getMessage());
      }
      return;
    }
    Path log = new Path(warehouse + "/" + RUNS + "/" + runId + ".commit");
    writeString(log, String.join("\n", staged) + "\n");
    applyMoves(runId, new ArrayList<>(staged));
    finish(runId, log);
    LOG.info("committed {} table folders of run {}", staged.size(), runId);
  }

  /** Deletes what this run staged; used when a run fails before commit. */
  public void abort() {
    deleteQuietly(stagingDir());
  }

  /**
   * Completes commits that a killed run left half-done and deletes the staging of runs that never committed.
   * Idempotent; call it before a run reads the warehouse.
   */
  public static void recover(SparkSession spark, String warehouse) {
    String wh = warehouse.replaceAll("/+$", "");
    FileSystem fs = fileSystem(spark, wh);
    RunTransaction tx = new RunTransaction(spark, wh, "recovery");
    try {
      Path runs = new Path(wh + "/" + RUNS);
      if (fs.exists(runs)) {
        for (FileStatus st : fs.listStatus(runs)) {
          String name = st.getPath().getName();
          if (name.endsWith(".commit")) {
            String id = name.substring(0, name.length() - ".commit".length());
            List<String> folders = Arrays.stream(tx.readString(st.getPath()).split("\n"))
                .filter(s -> !s.isBlank()).toList();
            LOG.warn("run {} was interrupted during its commit: completing {} moves", id, folders.size());
            tx.applyMoves(id, folders);
            tx.finish(id, st.getPath());
          }
        }
      }
      Path staging = new Path(wh + "/" + STAGING);
      if (fs.exists(staging)) {
        for (FileStatus st : fs.listStatus(staging)) {
          LOG.warn("discarding uncommitted output of interrupted run {}", st.getPath().getName());
          fs.delete(st.getPath(), true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot recover warehouse " + wh + ": " + e.getMessage(), e);
    }
  }

  /** Per folder: old → _trash, staged → place. Each step is skipped when already done, so redo is safe. */
  private void applyMoves(String id, List<String> folders) {
    String stagingOf = warehouse + "/" + STAGING + "/" + id;
    String trashOf = warehouse + "/" + TRASH + "/" + id;
    try {
      for (String folder : folders) {
        Path src = new Path(stagingOf + "/" + folder);
        Path dst = new Path(warehouse + "/" + folder);
        Path old = new Path(trashOf + "/" + folder);
        if (!fs.exists(src)) {
          continue; // moved in by an earlier attempt
        }
        if (fs.exists(dst)) {
          fs.mkdirs(old.getParent());
          if (fs.exists(old)) {
            fs.delete(old, true);
          }
          rename(dst, old);
        }
        govlens.jobs.CrashPoints.reached("mid-commit");
        fs.mkdirs(dst.getParent());
        rename(src, dst);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("commit of run " + id + " failed: " + e.getMessage()
          + " (rerun GovLens: it completes the commit)", e);
    }
  }

  private void finish(String id, Path log) {
    try {
      fs.delete(new Path(warehouse + "/" + TRASH + "/" + id), true);
      fs.delete(new Path(warehouse + "/" + STAGING + "/" + id), true);
      fs.delete(log, false);
      deleteIfEmpty(new Path(warehouse + "/" + STAGING));
      deleteIfEmpty(new Path(warehouse + "/" + TRASH));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void deleteIfEmpty(Path dir) throws IOException {
    if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
      fs.delete(dir, false);
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename " + from + " → " + to + " failed");
    }
  }

  private String stagingDir() {
    return warehouse + "/" + STAGING + "/" + runId;
  }

  private boolean exists(String path) {
    try {
      return fs.exists(new Path(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void deleteQuietly(String path) {
    try {
      fs.delete(new Path(path), true);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", path, e.getMessage());
    }
  }

  void writeString(Path p, String s) {
    try (OutputStream out = fs.create(p, true)) {
      out.write(s.getBytes(StandardCharsets.UTF_8));
      if (out instanceof org.apache.hadoop.fs.Syncable sync) {
        sync.hsync(); // the log must be on disk before the first move it describes
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
    }
  }

  String readString(Path p) {
    try (InputStream in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FileSystem fileSystem(SparkSession spark, String path) {
    try {
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      return new Path(path).getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open file system of " + path + ": " + e.getMessage(), e);
    }
  }
}
