package govlens.jobs.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import govlens.jobs.warehouse.CommitLog.Op;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one run writes, staged with Spark and published by one commit. Nothing a run writes is visible before
 * {@link #commit()}: every table file is first written under {@code <warehouse>/_staging/<run_id>/} (beside an
 * {@code _owner} file naming the run's {@link Holder}), and the commit hands the list of file operations to
 * {@link CommitLog}, which makes them the warehouse's next version, all or nothing.
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
 * <p>Guarantees, for file systems whose rename is atomic (local, HDFS; not S3A), see {@link CommitLog}: a run
 * killed or failing before its commit leaves the previous version untouched (its staging is removed by {@link
 * #abort} or, after a kill, by the next run's {@link #recover}); a commit whose operation fails is undone; a run
 * killed during its commit is completed by the next run; the commit refuses when the warehouse moved past the
 * version this transaction began on, or when the run lost its lease. A staged write that fails for a file-system
 * reason is a {@link WarehouseWriteException} naming the table.
 */
public final class RunTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(RunTransaction.class);
    /** Separates a data file's segment from Spark's own file name. */
    public static final String SEGMENT_SEPARATOR = "__";

    private static final Pattern SEGMENT_NAME = Pattern.compile("[a-z0-9_]+");

    private final SparkSession spark;
    private final String warehouse;
    private final String runId;
    private final FileSystem fs;
    private final Holder holder;
    private final WarehouseLease lease;
    private final long base;
    private final List<Op> ops = new ArrayList<>();
    private int writes;
    private boolean ownerWritten;

    /**
     * A transaction of a run that holds the warehouse's lease: it begins on the warehouse's current version and
     * commits only while the lease is still its own.
     */
    public RunTransaction(SparkSession spark, String warehouse, WarehouseLease lease) {
        this(spark, warehouse, lease.holder(), lease);
    }

    /**
     * A transaction without a lease, for tools and tests that write a warehouse no run shares: it still refuses
     * to commit if another commit came first.
     */
    public RunTransaction(SparkSession spark, String warehouse, String runId) {
        this(spark, warehouse, Holder.current(runId, "run"), null);
    }

    private RunTransaction(SparkSession spark, String warehouse, Holder holder, WarehouseLease lease) {
        this.spark = spark;
        this.warehouse = Warehouse.qualify(spark, warehouse.replaceAll("/+$", ""));
        this.runId = holder.runId();
        this.holder = holder;
        this.lease = lease;
        this.fs = Warehouse.fileSystem(spark, this.warehouse);
        this.base = CommitLog.state(fs, this.warehouse).version();
    }

    /** The run this transaction writes for. */
    public Holder holder() {
        return holder;
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
        written(table.name(), () -> WarehouseWriter.writeTo(rows, table, staged, layout));
        String dst = tablePath(table);
        // Whatever this run staged for the table before is superseded by the whole new folder.
        ops.removeIf(op -> dst.equals(op.to())
                || (op.to() != null && op.to().startsWith(dst + "/"))
                || (op.kind().equals(Op.DELETE) && op.from().startsWith(dst + "/")));
        ops.add(new Op(Op.REPLACE_DIR, staged, dst));
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
            throw new WarehouseWriteException(table.name(), e);
        }
        String dst = tablePath(table);
        ops.removeIf(op -> dst.equals(op.to())
                || (op.to() != null && op.to().startsWith(dst + "/"))
                || (op.kind().equals(Op.DELETE) && op.from().startsWith(dst + "/")));
        ops.add(new Op(Op.REPLACE_DIR, staged, dst));
    }

    /**
     * A folder for this run's intermediate data (never committed; deleted with the staging at commit or
     * abort), e.g. the per-document analysis that several tables are derived from.
     */
    public String scratchDir(String name) {
        checkSegment(name);
        ensureOwner();
        return stagingDir() + "/scratch-" + name;
    }

    /**
     * Writes this run's intermediate data with {@code writer} into {@link #scratchDir}; a file-system failure is a
     * {@link WarehouseWriteException} naming it. Returns the folder.
     */
    public String writeScratch(String name, Consumer<String> writer) {
        String dir = scratchDir(name);
        written("the run's " + name + " scratch data", () -> writer.accept(dir));
        return dir;
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
        written(table.name(), () -> WarehouseWriter.writeTo(rows, table, staged, layout));
        String dst = tablePath(table);
        for (String rel : dataFiles(staged)) {
            int slash = rel.lastIndexOf('/');
            String folder = slash < 0 ? "" : rel.substring(0, slash + 1);
            String name = rel.substring(slash + 1);
            ops.add(new Op(Op.ADD, staged + "/" + rel, dst + "/" + folder + segment + SEGMENT_SEPARATOR + name));
        }
    }

    /** Deletes every committed file of the segment and appends {@code rows} under it. */
    public void replaceSegment(TableDef table, String segment, Dataset<Row> rows, WarehouseWriter.Layout layout) {
        checkSegment(segment);
        for (String f : committedFiles(table, null)) {
            if (segmentOf(f).equals(segment)) {
                ops.add(new Op(Op.DELETE, f, null));
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
                .map(f -> Warehouse.qualify(spark, f))
                .sorted()
                .toList();
        Map<String, List<String>> bySegment = new LinkedHashMap<>();
        for (String f : affected) {
            bySegment.computeIfAbsent(segmentOf(f), s -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<String, List<String>> e : bySegment.entrySet()) {
            Dataset<Row> kept = readFiles(table, e.getValue()).join(ids, "doc_id", "left_anti");
            for (String f : e.getValue()) {
                ops.add(new Op(Op.DELETE, f, null));
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
        written(target, () -> writer.accept(staged));
        ops.add(new Op(Op.REPLACE_DIR, staged, Warehouse.qualify(spark, target)));
    }

    /** Stages a small file (a pointer such as a model's CURRENT) that replaces {@code target} at commit. */
    public void stageFile(String target, String content) {
        String staged = nextStagingDir(null) + "/file";
        written(target, () -> writeString(new Path(staged), content));
        ops.add(new Op(Op.REPLACE_FILE, staged, Warehouse.qualify(spark, target)));
    }

    /**
     * Makes everything staged the warehouse's next version (see {@link CommitLog#commit}); with nothing staged,
     * only removes the staging folder.
     *
     * @throws WarehouseLease.LostException when the run's lease was taken by another run
     * @throws CommitLog.ConflictException when another run committed after this transaction began
     * @throws WarehouseWriteException when the file system failed; the warehouse is as it was
     */
    public void commit() {
        if (ops.isEmpty()) {
            CommitLog.deleteQuietly(fs, new Path(stagingDir()));
            CommitLog.tidy(fs, warehouse);
            return;
        }
        if (lease != null) {
            lease.checkHeld();
        }
        long version = CommitLog.commit(fs, warehouse, holder, base, ordered(ops), stagingDir());
        LOG.info("committed run {} as version {}: {}", runId, version, summary(ops));
    }

    /** Writes the commit log (and applies nothing): the first half of {@link #commit}, and a crash's result. */
    void writeLogOnly() {
        CommitLog.claim(fs, warehouse, holder, base, ordered(ops));
    }

    /** Deletes what this run staged; used when a run fails before commit. */
    public void abort() {
        CommitLog.deleteQuietly(fs, new Path(stagingDir()));
        CommitLog.tidy(fs, warehouse);
    }

    /**
     * Completes a commit that a killed run left half-done and deletes the staging of runs that are gone (see
     * {@link CommitLog#recover}); the transactions of live runs are left alone. Call it under the lease, before a
     * run reads the warehouse.
     */
    public static void recover(SparkSession spark, String warehouse, Holder me, java.time.Duration staleAfter) {
        String wh = Warehouse.qualify(spark, warehouse.replaceAll("/+$", ""));
        Recovery.recover(Warehouse.fileSystem(spark, wh), wh, me, staleAfter);
    }

    /** The segment of a committed data file: the part of its name before {@link #SEGMENT_SEPARATOR}. */
    static String segmentOf(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int i = name.indexOf(SEGMENT_SEPARATOR);
        return i < 0 ? "" : name.substring(0, i);
    }

    /** Folder replacements first, then deletions, then additions: a file is never added into a folder that a
     * later step would move away. */
    private static List<Op> ordered(List<Op> ops) {
        List<Op> out = new ArrayList<>();
        for (String kind : List.of(Op.REPLACE_DIR, Op.REPLACE_FILE, Op.DELETE, Op.ADD)) {
            Set<String> seen = new LinkedHashSet<>();
            for (Op op : ops) {
                if (op.kind().equals(kind) && seen.add(op.line())) {
                    out.add(op);
                }
            }
        }
        return out;
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
        ensureOwner();
        return stagingDir() + "/w" + String.format("%04d", writes++)
                + (table == null ? "" : "-" + table.name().replace('/', '_'));
    }

    /**
     * The run's staging folder starts with its owner file, so that another run's recovery can tell a live
     * transaction from a dead one; the lease's heartbeat keeps its modification time fresh.
     */
    private void ensureOwner() {
        if (ownerWritten) {
            return;
        }
        Path owner = new Path(stagingDir(), CommitLog.OWNER);
        try {
            fs.mkdirs(owner.getParent());
            try (OutputStream out = fs.create(owner, true)) {
                out.write(holder.toJson());
            }
        } catch (IOException e) {
            throw new WarehouseWriteException("the staging folder " + stagingDir(), e);
        }
        if (lease != null) {
            lease.touchAlso(owner);
        }
        ownerWritten = true;
    }

    private String stagingDir() {
        return warehouse + "/" + CommitLog.STAGING + "/" + runId;
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

    /**
     * Runs one staged write; a failure of the file system (no space, permission, I/O) becomes a {@link
     * WarehouseWriteException} naming what was written, any other failure is passed on as it is.
     */
    private void written(String what, Runnable write) {
        try {
            write.run();
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            if (e instanceof WarehouseWriteException || !WarehouseWriteException.isWriteFailure(e)) {
                throw e;
            }
            throw new WarehouseWriteException(what, e);
        }
        CrashPoints.reached("staged");
    }

    private void writeString(Path p, String s) {
        try (OutputStream out = fs.create(p, true)) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
        }
    }
}
