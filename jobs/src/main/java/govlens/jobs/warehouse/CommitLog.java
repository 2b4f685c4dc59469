package govlens.jobs.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse's versions and the commit protocol, on any Hadoop file system and without Spark: what makes a
 * run's staged files the warehouse's next version, all or nothing, and lets readers see one version whole.
 *
 * <p><b>Versions.</b> Every commit is one numbered log, {@code <warehouse>/_log/<version>.commit} (20 digits),
 * listing its file operations ({@link Op}); {@code <version>.done} marks it applied. The warehouse's version is
 * the highest done one (0 for a warehouse that has never committed through this log). The last {@link #KEEP}
 * logs are kept, for {@code status} and for debugging.
 *
 * <p><b>Optimistic commit</b> (as Delta Lake and Iceberg commit): a run records the version it planned against
 * (its <em>base</em>) and commits by creating the log of version base + 1 with {@link AtomicFiles#createExclusive}.
 * If that file exists, another run committed since: nothing is applied and the commit fails with {@link
 * ConflictException}. Under the warehouse lease this never happens; it is the second line of defence when a
 * lease was broken by hand.
 *
 * <p><b>All or nothing.</b> The log is complete (its last line is {@code end}) before the first operation. If an
 * operation fails (no space left, permission denied, an I/O error), the ones already done are undone in reverse
 * order, the log is removed and the warehouse is what it was; only if the undo fails too is the log left, and
 * {@link Recovery#recover} completes it at the next run. A run killed during its commit is completed the same way.
 * Operations are idempotent (each is skipped when already done), so a redo after any crash is safe.
 *
 * <p>What a killed run left is completed or discarded by {@link Recovery}; readers read one version whole
 * through {@link VersionedRead}.
 */
public final class CommitLog {
    private static final Logger LOG = LoggerFactory.getLogger(CommitLog.class);
    public static final String DIR = "_log";
    /** The folder where runs (and dashboard builds) stage what they publish, one subfolder each. */
    public static final String STAGING = "_staging";

    /** Where a commit moves what it replaces until it is done. */
    public static final String TRASH = "_trash";

    static final String LEGACY_RUNS = "_runs";
    /** Holder file inside a run's staging folder: who staged it (see {@link #recover}). */
    public static final String OWNER = "_owner";

    static final String HEADER = "govlens-commit-v3";
    static final String LEGACY_HEADER = "govlens-commit-v2";
    static final String END = "end";
    /** Applied commit logs kept. */
    static final int KEEP = 50;

    private CommitLog() {}

    /** One commit step; paths are absolute (a model folder may live outside the warehouse). */
    public record Op(String kind, String from, String to) {
        public static final String REPLACE_DIR = "REPLACE_DIR";
        public static final String REPLACE_FILE = "REPLACE_FILE";
        public static final String DELETE = "DELETE";
        public static final String ADD = "ADD";

        String line() {
            return kind + "\t" + from + "\t" + (to == null ? "" : to);
        }

        static Op parse(String line) {
            String[] f = line.split("\t", -1);
            return new Op(f[0], f[1], f.length > 2 && !f[2].isEmpty() ? f[2] : null);
        }

        /** The path this step changes in the warehouse (the table folder or file it writes or removes). */
        String target() {
            return to != null ? to : from;
        }
    }

    /** Another run committed after this one planned: nothing of this run was applied. */
    public static final class ConflictException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConflictException(String message) {
            super(message);
        }
    }

    /**
     * The warehouse's version and its pending commit, if any.
     *
     * @param version the highest applied version (0: none)
     * @param pending the version being committed (logged, not yet done), or 0
     * @param pendingRun the run committing it, or null
     */
    public record State(long version, long pending, String pendingRun) {
        public boolean isPending() {
            return pending > 0;
        }
    }

    // ---- versions -------------------------------------------------------------------------------------------

    /** The warehouse's version and pending commit, from one listing of {@code _log}. */
    public static State state(FileSystem fs, String warehouse) {
        Path dir = new Path(warehouse, DIR);
        try {
            if (!fs.exists(dir)) {
                return new State(0, 0, null);
            }
            TreeSet<Long> logs = new TreeSet<>();
            TreeSet<Long> done = new TreeSet<>();
            for (FileStatus st : fs.listStatus(dir)) {
                String name = st.getPath().getName();
                if (name.endsWith(".commit")) {
                    logs.add(number(name));
                } else if (name.endsWith(".done")) {
                    done.add(number(name));
                }
            }
            long version = done.isEmpty() ? 0 : done.last();
            long pending = 0;
            String run = null;
            if (!logs.isEmpty() && logs.last() > version) {
                pending = logs.last();
                run = readLog(fs, logPath(warehouse, pending)).map(Log::runId).orElse(null);
            }
            return new State(version, pending, run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the commit log of " + warehouse + ": " + e.getMessage(), e);
        }
    }

    private static long number(String name) {
        return Long.parseLong(name.substring(0, name.indexOf('.')));
    }

    static Path logPath(String warehouse, long version) {
        return new Path(warehouse + "/" + DIR + "/" + String.format(Locale.ROOT, "%020d", version) + ".commit");
    }

    static Path donePath(String warehouse, long version) {
        return new Path(warehouse + "/" + DIR + "/" + String.format(Locale.ROOT, "%020d", version) + ".done");
    }

    /** A parsed log: the run, its holder (null in a log being written), base and operations; complete or not. */
    record Log(String runId, Holder holder, long base, List<Op> ops, boolean complete) {}

    static Optional<Log> readLog(FileSystem fs, Path path) throws IOException {
        Optional<byte[]> bytes = AtomicFiles.read(fs, path);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = Arrays.stream(new String(bytes.get(), StandardCharsets.UTF_8).split("\n"))
                .filter(s -> !s.isBlank())
                .toList();
        String runId = null;
        Holder holder = null;
        long base = -1;
        List<Op> ops = new ArrayList<>();
        boolean complete = false;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.equals(END)) {
                complete = true;
            } else if (line.startsWith("run\t")) {
                runId = line.substring(4);
            } else if (line.startsWith("holder\t")) {
                holder = Holder.parse(line.substring(7).getBytes(StandardCharsets.UTF_8))
                        .orElse(null);
            } else if (line.startsWith("base\t")) {
                base = Long.parseLong(line.substring(5));
            } else {
                ops.add(Op.parse(line));
            }
        }
        complete = complete && !lines.isEmpty() && lines.get(0).equals(HEADER);
        return Optional.of(new Log(runId, holder, base, ops, complete));
    }

    // ---- commit ---------------------------------------------------------------------------------------------

    /**
     * Makes {@code ops} the warehouse's version {@code base + 1}, all or nothing; returns that version.
     *
     * @param staging the run's staging folder, deleted (with its trash) once the commit is done
     * @throws ConflictException when another run committed after {@code base}
     * @throws WarehouseWriteException when an operation failed; the warehouse is as it was (or, if even the undo
     *     failed, the next run completes the commit)
     */
    public static long commit(FileSystem fs, String warehouse, Holder me, long base, List<Op> ops, String staging) {
        long version = claim(fs, warehouse, me, base, ops);
        CrashPoints.reached("claimed");
        String trash = warehouse + "/" + TRASH + "/" + me.runId();
        int applied = 0;
        try {
            for (Op op : ops) {
                apply(fs, trash, op, applied);
                applied++;
                CrashPoints.reached("mid-commit");
            }
        } catch (IOException | RuntimeException e) {
            Op failed = ops.get(applied);
            String what = describeTarget(warehouse, failed.target());
            try {
                for (int i = applied; i >= 0; i--) {
                    undo(fs, trash, ops.get(i), i);
                }
                fs.delete(logPath(warehouse, version), false);
                LOG.error(
                        "commit of run {} failed at {}; the {} operations already applied were undone, the "
                                + "warehouse is unchanged",
                        me.runId(),
                        what,
                        applied);
            } catch (IOException | RuntimeException undoFailed) {
                LOG.error(
                        "commit of run {} failed at {} and could not be undone ({}); the next run completes it",
                        me.runId(),
                        what,
                        undoFailed.toString());
                throw new WarehouseWriteException(what + " (the next run completes this run's commit)", e);
            }
            throw new WarehouseWriteException(what, e);
        }
        finish(fs, warehouse, version, me.runId(), staging);
        return version;
    }

    /**
     * The first half of {@link #commit}: checks that every staged file is there and writes the complete log of
     * version {@code base + 1}, atomically, applying nothing (also what a run killed right after it leaves).
     */
    static long claim(FileSystem fs, String warehouse, Holder me, long base, List<Op> ops) {
        long version = base + 1;
        Path log = logPath(warehouse, version);
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        sb.append("run\t").append(me.runId()).append('\n');
        sb.append("holder\t")
                .append(new String(me.toJson(), StandardCharsets.UTF_8))
                .append('\n');
        sb.append("base\t").append(base).append('\n');
        for (Op op : ops) {
            sb.append(op.line()).append('\n');
        }
        sb.append(END).append('\n');
        try {
            checkStaged(fs, ops, me);
            State now = state(fs, warehouse);
            if (now.version() != base || now.isPending()) {
                throw conflict(warehouse, base, now);
            }
            if (!AtomicFiles.createExclusive(fs, log, sb.toString().getBytes(StandardCharsets.UTF_8))) {
                throw conflict(warehouse, base, state(fs, warehouse));
            }
            return version;
        } catch (IOException e) {
            throw new WarehouseWriteException("the commit log " + log, e);
        }
    }

    private static ConflictException conflict(String warehouse, long base, State now) {
        return new ConflictException("warehouse " + warehouse + " changed since this run planned against version "
                + base + ": it is now at version " + now.version()
                + (now.isPending()
                        ? " with version " + now.pending() + " being committed by run " + now.pendingRun()
                        : "")
                + "; nothing of this run was committed (was the lease broken by hand?): run again");
    }

    /** Every staged source must still be there before anything is applied (a broken lease may have lost them). */
    private static void checkStaged(FileSystem fs, List<Op> ops, Holder me) throws IOException {
        for (Op op : ops) {
            if (!op.kind().equals(Op.DELETE) && !fs.exists(new Path(op.from()))) {
                throw new ConflictException("staged file " + op.from() + " of run " + me.runId()
                        + " is gone (another run recovered the warehouse while this one ran: was the lease broken?); "
                        + "nothing was committed: run again");
            }
        }
    }

    /** Applies a logged commit again, each step skipped when already done: how a killed commit is completed. */
    static void redo(FileSystem fs, String trash, List<Op> ops) throws IOException {
        for (int i = 0; i < ops.size(); i++) {
            apply(fs, trash, ops.get(i), i);
        }
    }

    /** One step, skipped when already done. Trash names derive from the step's index, so a redo uses the same. */
    private static void apply(FileSystem fs, String trash, Op op, int i) throws IOException {
        Path from = new Path(op.from());
        switch (op.kind()) {
            case Op.REPLACE_DIR, Op.REPLACE_FILE -> {
                if (!fs.exists(from)) {
                    return; // moved into place by an earlier attempt
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
            case Op.DELETE -> {
                if (fs.exists(from)) {
                    Path old = new Path(trash + "/" + i + "-" + from.getName());
                    fs.mkdirs(old.getParent());
                    rename(fs, from, old);
                }
            }
            case Op.ADD -> {
                if (!fs.exists(from)) {
                    return;
                }
                Path to = new Path(op.to());
                fs.mkdirs(to.getParent());
                rename(fs, from, to);
            }
            default -> throw new IllegalStateException("unknown commit operation " + op.kind());
        }
    }

    /** The inverse of {@link #apply} for step {@code i}, whether it was done, half done or not done. */
    private static void undo(FileSystem fs, String trash, Op op, int i) throws IOException {
        Path from = new Path(op.from());
        switch (op.kind()) {
            case Op.REPLACE_DIR, Op.REPLACE_FILE -> {
                Path to = new Path(op.to());
                Path old = new Path(trash + "/" + i + "-" + to.getName());
                if (!fs.exists(from) && fs.exists(to)) {
                    rename(fs, to, from);
                }
                if (fs.exists(old) && !fs.exists(to)) {
                    rename(fs, old, to);
                }
            }
            case Op.DELETE -> {
                Path old = new Path(trash + "/" + i + "-" + from.getName());
                if (fs.exists(old) && !fs.exists(from)) {
                    rename(fs, old, from);
                }
            }
            case Op.ADD -> {
                Path to = new Path(op.to());
                if (!fs.exists(from) && fs.exists(to)) {
                    rename(fs, to, from);
                }
            }
            default -> throw new IllegalStateException("unknown commit operation " + op.kind());
        }
    }

    private static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("rename " + from + " → " + to + " failed");
        }
    }

    /** Marks the version applied, then removes the run's staging and trash and old logs. */
    static void finish(FileSystem fs, String warehouse, long version, String runId, String staging) {
        try {
            if (!AtomicFiles.createExclusive(fs, donePath(warehouse, version), new byte[0])) {
                LOG.debug("version {} was already marked done", version);
            }
        } catch (IOException e) {
            // Every operation is applied; without the mark readers wait and the next run marks it (a redo of
            // applied steps changes nothing).
            throw new WarehouseWriteException("the commit log " + donePath(warehouse, version), e);
        }
        deleteQuietly(fs, new Path(warehouse + "/" + TRASH + "/" + runId));
        if (staging != null) {
            deleteQuietly(fs, new Path(staging));
        }
        prune(fs, warehouse, version);
        tidy(fs, warehouse);
    }

    private static void prune(FileSystem fs, String warehouse, long version) {
        for (long v = version - KEEP; v > 0 && v > version - KEEP - 5; v--) {
            deleteQuietly(fs, logPath(warehouse, v));
            deleteQuietly(fs, donePath(warehouse, v));
        }
    }

    /** The table (or other warehouse path) a commit step writes, for the one-line error. */
    static String describeTarget(String warehouse, String target) {
        String wh = new Path(warehouse).toUri().getPath();
        String p = new Path(target).toUri().getPath();
        if (p.startsWith(wh + "/")) {
            String rel = p.substring(wh.length() + 1);
            int slash = rel.indexOf('/');
            return slash < 0 ? rel : rel.substring(0, slash);
        }
        return target;
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    static void tidy(FileSystem fs, String warehouse) {
        try {
            deleteIfEmpty(fs, new Path(warehouse, STAGING));
            deleteIfEmpty(fs, new Path(warehouse, TRASH));
        } catch (IOException e) {
            LOG.warn("could not tidy {}: {}", warehouse, e.getMessage());
        }
    }

    private static void deleteIfEmpty(FileSystem fs, Path dir) throws IOException {
        if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
            fs.delete(dir, false);
        }
    }

    static void deleteQuietly(FileSystem fs, Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", path, e.getMessage());
        }
    }
}
