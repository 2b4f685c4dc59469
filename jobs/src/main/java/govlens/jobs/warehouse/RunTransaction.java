package govlens.jobs.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import govlens.jobs.CrashPoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash-safe writes of one run. Nothing a run writes is visible before {@link #commit()}: every table file is
 * first written under {@code <warehouse>/_staging/<run_id>/}, and the commit applies a logged list of file
 * operations.
 *
 * <p>Operations, from cheapest to most expensive:
 *
 * <ul>
 *   <li>{@link #append}: new files added to a table (into its report_year folders), e.g. the rows of this
 *       night's new documents. Nothing committed is read or rewritten.
 *   <li>{@link #replaceSegment}: a table's files carry the name of the <em>segment</em> that wrote them
 *       ({@code <segment>__part-….parquet}); replacing a segment deletes that segment's files and adds the new
 *       ones, so a table can hold per-document rows that are appended night after night beside corpus-wide
 *       rows that are recomputed (term_stats' doc scope beside its corpus scope).
 *   <li>{@link #deleteDocs}: copy-on-write removal of some documents' rows: only files that hold one of them
 *       (found by reading the doc_id column of the report_year folders concerned) are rewritten without them.
 *   <li>{@link #replaceTable}: the whole table folder swapped for a new one (a full rebuild, small tables).
 *   <li>{@link #stageDirectory} / {@link #stageFile}: any other folder or file the run must publish with its
 *       tables, e.g. a fitted topic model and the pointer naming the current one.
 * </ul>
 *
 * <p>Guarantees, for file systems whose rename is atomic (local, HDFS; not S3A):
 *
 * <ul>
 *   <li>A run killed before its commit log is written leaves the previous state untouched; its staging
 *       folder is garbage that {@link #recover} deletes.
 *   <li>A run killed during the commit leaves a commit log ({@code _runs/<run_id>.commit}) listing every
 *       operation; {@link #recover}, called at the start of the next run, redoes those not yet done (each is
 *       skipped when already applied), so a half-committed run completes instead of staying half-applied.
 *   <li>Readers never see a half-written file. During the few milliseconds of a commit they may see a table
 *       with a replaced document's old rows already gone and its new rows not yet added.
 * </ul>
 */
public final class RunTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(RunTransaction.class);
    static final String STAGING = "_staging";
    static final String TRASH = "_trash";
    static final String RUNS = "_runs";
    /** Separates a data file's segment from Spark's own file name. */
    public static final String SEGMENT_SEPARATOR = "__";

    private static final Pattern SEGMENT_NAME = Pattern.compile("[a-z0-9_]+");
    private static final String LOG_HEADER = "govlens-commit-v2";

    private final SparkSession spark;
    private final String warehouse;
    private final String runId;
    private final FileSystem fs;
    private final List<Op> ops = new ArrayList<>();
    private int writes;

    /** One logged commit step; paths are absolute (a model folder may live outside the warehouse). */
    private record Op(String kind, String from, String to) {
        String line() {
            return kind + "\t" + from + "\t" + (to == null ? "" : to);
        }

        static Op parse(String line) {
            String[] f = line.split("\t", -1);
            return new Op(f[0], f[1], f.length > 2 && !f[2].isEmpty() ? f[2] : null);
        }
    }

    public RunTransaction(SparkSession spark, String warehouse, String runId) {
        this.spark = spark;
        this.warehouse = qualify(spark, warehouse.replaceAll("/+$", ""));
        this.runId = runId;
        this.fs = fileSystem(spark, this.warehouse);
    }

    public String runId() {
        return runId;
    }

    /** Whether anything has been staged. */
    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /**
     * Stages a whole table, rows sorted into one file per partition folder: at commit it replaces the table
     * folder (its old folder goes to the trash). For tables computed in Spark and small enough to sort.
     */
    public void replaceTable(TableDef table, Dataset<Row> rows) {
        replaceTable(table, rows, WarehouseWriter.Layout.SORTED);
    }

    /** A whole table of rows built on the driver: sorted there, written by one task without a shuffle. */
    public void replaceTable(TableDef table, List<Row> rows) {
        replaceTable(table, WarehouseWriter.local(spark, table, rows), WarehouseWriter.Layout.AS_IS);
    }

    /** Stages a whole table with the given layout (see {@link WarehouseWriter.Layout}). */
    public void replaceTable(TableDef table, Dataset<Row> rows, WarehouseWriter.Layout layout) {
        String staged = nextStagingDir(table);
        WarehouseWriter.writeTo(rows, table, staged, layout);
        String dst = tablePath(table);
        // Whatever this run staged for the table before is superseded by the whole new folder.
        ops.removeIf(op -> dst.equals(op.to())
                || (op.to() != null && op.to().startsWith(dst + "/"))
                || (op.kind().equals("DELETE") && op.from().startsWith(dst + "/")));
        ops.add(new Op("REPLACE_DIR", staged, dst));
    }

    /**
     * Empties the table at commit (its folder is replaced by an empty one); appends staged after this call
     * fill it. For a per-document table rewritten for every document.
     */
    public void truncate(TableDef table) {
        String staged = nextStagingDir(table);
        try {
            fs.mkdirs(new Path(staged));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + staged, e);
        }
        String dst = tablePath(table);
        ops.removeIf(op -> dst.equals(op.to())
                || (op.to() != null && op.to().startsWith(dst + "/"))
                || (op.kind().equals("DELETE") && op.from().startsWith(dst + "/")));
        ops.add(new Op("REPLACE_DIR", staged, dst));
    }

    /**
     * A folder for this run's intermediate data (never committed; deleted with the staging at commit or
     * abort), e.g. the per-document analysis that several tables are derived from.
     */
    public String scratchDir(String name) {
        checkSegment(name);
        return stagingDir() + "/scratch-" + name;
    }

    /**
     * Stages new files for the table under the given segment: at commit they are moved into the table folder
     * (and its partition folders) beside what is there.
     *
     * @param layout {@link WarehouseWriter.Layout#AS_IS} for large per-document outputs (no shuffle: each task
     *     writes its own files), {@link WarehouseWriter.Layout#SORTED} for small tables
     */
    public void append(TableDef table, String segment, Dataset<Row> rows, WarehouseWriter.Layout layout) {
        checkSegment(segment);
        String staged = nextStagingDir(table);
        WarehouseWriter.writeTo(rows, table, staged, layout);
        String dst = tablePath(table);
        for (String rel : dataFiles(staged)) {
            int slash = rel.lastIndexOf('/');
            String folder = slash < 0 ? "" : rel.substring(0, slash + 1);
            String name = rel.substring(slash + 1);
            ops.add(new Op("ADD", staged + "/" + rel, dst + "/" + folder + segment + SEGMENT_SEPARATOR + name));
        }
    }

    /** Deletes every committed file of the segment and appends {@code rows} under it. */
    public void replaceSegment(TableDef table, String segment, Dataset<Row> rows, WarehouseWriter.Layout layout) {
        checkSegment(segment);
        for (String f : committedFiles(table, null)) {
            if (segmentOf(f).equals(segment)) {
                ops.add(new Op("DELETE", f, null));
            }
        }
        append(table, segment, rows, layout);
    }

    /**
     * Removes the rows of the given documents: committed files that hold any of them are deleted and their other
     * rows written anew (under the same segment). {@code docs} has the columns doc_id and, for a partitioned
     * table, the partition column with the documents' committed values, so that only those folders are read.
     *
     * @return the number of committed files rewritten or deleted
     */
    public int deleteDocs(TableDef table, Dataset<Row> docs) {
        if (!Warehouse.exists(spark, warehouse, table)) {
            return 0;
        }
        Set<String> folders = null;
        String p = table.partitionColumn();
        if (p != null) {
            folders = new TreeSet<>();
            for (Row r : docs.select(p).distinct().collectAsList()) {
                folders.add(p + "="
                        + (r.isNullAt(0) ? Tables.NULL_PARTITION : r.get(0).toString()));
            }
        }
        List<String> candidates = committedFiles(table, folders);
        if (candidates.isEmpty()) {
            return 0;
        }
        Dataset<Row> ids = docs.select("doc_id").distinct();
        List<String> affected = readFiles(table, candidates)
                .select(col("doc_id"), input_file_name().as("file"))
                .join(ids, "doc_id")
                .select("file")
                .distinct()
                .as(Encoders.STRING())
                .collectAsList()
                .stream()
                .map(f -> qualify(spark, f))
                .sorted()
                .toList();
        Map<String, List<String>> bySegment = new LinkedHashMap<>();
        for (String f : affected) {
            bySegment.computeIfAbsent(segmentOf(f), s -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<String, List<String>> e : bySegment.entrySet()) {
            Dataset<Row> kept = readFiles(table, e.getValue()).join(ids, "doc_id", "left_anti");
            for (String f : e.getValue()) {
                ops.add(new Op("DELETE", f, null));
            }
            append(table, e.getKey().isEmpty() ? "legacy" : e.getKey(), kept, WarehouseWriter.Layout.AS_IS);
        }
        return affected.size();
    }

    /**
     * Stages a folder (written by {@code writer} into the path it is given) that replaces {@code target} at
     * commit; for a fitted topic model. {@code target} may be outside the warehouse on the same file system.
     */
    public void stageDirectory(String target, Consumer<String> writer) {
        String staged = nextStagingDir(null);
        writer.accept(staged);
        ops.add(new Op("REPLACE_DIR", staged, qualify(spark, target)));
    }

    /** Stages a small file (a pointer such as a model's CURRENT) that replaces {@code target} at commit. */
    public void stageFile(String target, String content) {
        String staged = nextStagingDir(null) + "/file";
        writeString(new Path(staged), content);
        ops.add(new Op("REPLACE_FILE", staged, qualify(spark, target)));
    }

    /** Applies every staged operation, logging the list first so a crash mid-way can be completed. */
    public void commit() {
        if (ops.isEmpty()) {
            deleteQuietly(stagingDir());
            tidy(warehouse, fs);
            return;
        }
        Path log = writeLogOnly();
        apply(fs, warehouse, runId, ordered(ops));
        finish(fs, warehouse, runId, log);
        LOG.info("committed run {}: {}", runId, summary(ops));
    }

    /** Writes the commit log (and applies nothing): the first half of {@link #commit}, and a crash's result. */
    Path writeLogOnly() {
        Path log = new Path(warehouse + "/" + RUNS + "/" + runId + ".commit");
        StringBuilder sb = new StringBuilder(LOG_HEADER).append('\n');
        for (Op op : ordered(ops)) {
            sb.append(op.line()).append('\n');
        }
        writeString(log, sb.toString());
        return log;
    }

    /** Deletes what this run staged; used when a run fails before commit. */
    public void abort() {
        deleteQuietly(stagingDir());
        tidy(warehouse, fs);
    }

    /**
     * Completes commits that a killed run left half-done and deletes the staging of runs that never committed.
     * Idempotent; call it before a run reads the warehouse.
     */
    public static void recover(SparkSession spark, String warehouse) {
        String wh = qualify(spark, warehouse.replaceAll("/+$", ""));
        FileSystem fs = fileSystem(spark, wh);
        try {
            Path runs = new Path(wh + "/" + RUNS);
            if (fs.exists(runs)) {
                for (FileStatus st : fs.listStatus(runs)) {
                    String name = st.getPath().getName();
                    if (name.endsWith(".commit")) {
                        String id = name.substring(0, name.length() - ".commit".length());
                        List<Op> logged = parseLog(fs, st.getPath(), wh, id);
                        LOG.warn(
                                "run {} was interrupted during its commit: completing {} operations",
                                id,
                                logged.size());
                        apply(fs, wh, id, logged);
                        finish(fs, wh, id, st.getPath());
                    }
                }
            }
            Path staging = new Path(wh + "/" + STAGING);
            if (fs.exists(staging)) {
                for (FileStatus st : fs.listStatus(staging)) {
                    LOG.warn(
                            "discarding uncommitted output of interrupted run {}",
                            st.getPath().getName());
                    fs.delete(st.getPath(), true);
                }
            }
            tidy(wh, fs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover warehouse " + wh + ": " + e.getMessage(), e);
        }
    }

    /** The segment of a committed data file: the part of its name before {@link #SEGMENT_SEPARATOR}. */
    static String segmentOf(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int i = name.indexOf(SEGMENT_SEPARATOR);
        return i < 0 ? "" : name.substring(0, i);
    }

    // ---- commit mechanics -------------------------------------------------------------------------------

    /** Folder replacements first, then deletions, then additions: a file is never added into a folder that a
     * later step would move away. */
    private static List<Op> ordered(List<Op> ops) {
        List<Op> out = new ArrayList<>();
        for (String kind : List.of("REPLACE_DIR", "REPLACE_FILE", "DELETE", "ADD")) {
            Set<String> seen = new LinkedHashSet<>();
            for (Op op : ops) {
                if (op.kind().equals(kind) && seen.add(op.line())) {
                    out.add(op);
                }
            }
        }
        return out;
    }

    /**
     * Applies the operations; each step is skipped when already done, so a redo after a crash is safe. Trash
     * names derive from the operation's position in the log, so a redo moves to the same names.
     */
    private static void apply(FileSystem fs, String warehouse, String id, List<Op> ops) {
        String trash = warehouse + "/" + TRASH + "/" + id;
        try {
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                Path from = new Path(op.from());
                switch (op.kind()) {
                    case "REPLACE_DIR", "REPLACE_FILE" -> {
                        if (!fs.exists(from)) {
                            continue; // moved into place by an earlier attempt
                        }
                        Path to = new Path(op.to());
                        if (fs.exists(to)) {
                            Path old = new Path(trash + "/" + i + "-" + to.getName());
                            fs.mkdirs(old.getParent());
                            rename(fs, to, old);
                        }
                        fs.mkdirs(to.getParent());
                        rename(fs, from, to);
                    }
                    case "DELETE" -> {
                        if (fs.exists(from)) {
                            Path old = new Path(trash + "/" + i + "-" + from.getName());
                            fs.mkdirs(old.getParent());
                            rename(fs, from, old);
                        }
                    }
                    case "ADD" -> {
                        if (!fs.exists(from)) {
                            continue;
                        }
                        Path to = new Path(op.to());
                        fs.mkdirs(to.getParent());
                        rename(fs, from, to);
                    }
                    default -> throw new IllegalStateException("unknown commit operation " + op.kind());
                }
                CrashPoints.reached("mid-commit");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "commit of run " + id + " failed: " + e.getMessage() + " (rerun GovLens: it completes the commit)",
                    e);
        }
    }

    private static List<Op> parseLog(FileSystem fs, Path log, String warehouse, String id) throws IOException {
        String text;
        try (InputStream in = fs.open(log)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines =
                Arrays.stream(text.split("\n")).filter(s -> !s.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).equals(LOG_HEADER)) {
            // A log of the earlier folder-per-line format: each line a table or partition folder to swap in.
            List<Op> out = new ArrayList<>();
            for (String folder : lines) {
                out.add(new Op(
                        "REPLACE_DIR", warehouse + "/" + STAGING + "/" + id + "/" + folder, warehouse + "/" + folder));
            }
            return out;
        }
        return lines.subList(1, lines.size()).stream().map(Op::parse).toList();
    }

    private static void finish(FileSystem fs, String warehouse, String id, Path log) {
        try {
            fs.delete(new Path(warehouse + "/" + TRASH + "/" + id), true);
            fs.delete(new Path(warehouse + "/" + STAGING + "/" + id), true);
            fs.delete(log, false);
            tidy(warehouse, fs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void tidy(String warehouse, FileSystem fs) {
        try {
            deleteIfEmpty(fs, new Path(warehouse + "/" + STAGING));
            deleteIfEmpty(fs, new Path(warehouse + "/" + TRASH));
        } catch (IOException e) {
            LOG.warn("could not tidy {}: {}", warehouse, e.getMessage());
        }
    }

    private static void deleteIfEmpty(FileSystem fs, Path dir) throws IOException {
        if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
            fs.delete(dir, false);
        }
    }

    private static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("rename " + from + " → " + to + " failed");
        }
    }

    private static String summary(List<Op> ops) {
        Map<String, Integer> n = new LinkedHashMap<>();
        for (Op op : ops) {
            n.merge(op.kind().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        }
        return n.toString();
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private String nextStagingDir(TableDef table) {
        return stagingDir() + "/w" + String.format("%04d", writes++)
                + (table == null ? "" : "-" + table.name().replace('/', '_'));
    }

    private String stagingDir() {
        return warehouse + "/" + STAGING + "/" + runId;
    }

    private String tablePath(TableDef table) {
        return warehouse + "/" + table.name();
    }

    private static void checkSegment(String segment) {
        if (!SEGMENT_NAME.matcher(segment).matches()) {
            throw new IllegalArgumentException("segment names are [a-z0-9_]+, found '" + segment + "'");
        }
    }

    /** Data files under a folder, relative to it, sorted; hidden files (_SUCCESS, .crc) excluded. */
    private List<String> dataFiles(String dir) {
        List<String> out = new ArrayList<>();
        try {
            Path root = new Path(dir);
            if (!fs.exists(root)) {
                return out;
            }
            String prefix = fs.makeQualified(root).toString() + "/";
            for (org.apache.hadoop.fs.FileStatus st : FileListing.files(fs, root)) {
                Path f = st.getPath();
                String rel = fs.makeQualified(f).toString().substring(prefix.length());
                if (!hidden(rel)) {
                    out.add(rel);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /** Committed data files of a table (absolute), optionally only under the given partition folders. */
    public List<String> committedFiles(TableDef table, Set<String> partitionFolders) {
        String root = tablePath(table);
        List<String> out = new ArrayList<>();
        for (String rel : dataFiles(root)) {
            int slash = rel.lastIndexOf('/');
            String folder = slash < 0 ? "" : rel.substring(0, slash);
            if (partitionFolders == null || partitionFolders.contains(folder)) {
                out.add(root + "/" + rel);
            }
        }
        return out;
    }

    private static boolean hidden(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith("_") || part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The committed rows of one segment of a table (read from that segment's files only), or an empty
     * Dataset.
     */
    public Dataset<Row> readSegment(TableDef table, String segment) {
        List<String> files = committedFiles(table, null).stream()
                .filter(f -> segmentOf(f).equals(segment))
                .toList();
        return files.isEmpty() ? Warehouse.empty(spark, table) : readFiles(table, files);
    }

    private Dataset<Row> readFiles(TableDef table, List<String> files) {
        return spark.read()
                .schema(table.schema())
                .option("basePath", tablePath(table))
                .parquet(files.toArray(new String[0]))
                .select(Warehouse.columns(table));
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
                sync.hsync(); // the log must be on disk before the first operation it describes
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
        }
    }

    /** A path with its file system's scheme (file:/…), so paths from listings and from Spark compare equal. */
    static String qualify(SparkSession spark, String path) {
        Path p = new Path(path);
        try {
            FileSystem f = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            URI u = f.makeQualified(p).toUri();
            return new Path(u).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open file system of " + path + ": " + e.getMessage(), e);
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
