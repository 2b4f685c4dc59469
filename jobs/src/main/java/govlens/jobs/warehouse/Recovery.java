package govlens.jobs.warehouse;

import govlens.jobs.warehouse.CommitLog.Log;
import govlens.jobs.warehouse.CommitLog.Op;
import govlens.jobs.warehouse.CommitLog.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run does, under the lease, before it reads the warehouse: completes the commit a gone run left pending
 * (its log is complete: every operation is redone, each skipped when already done), removes a log its run died
 * while writing (nothing of it was applied), and removes what gone runs staged. A run or dashboard build is
 * <em>gone</em> when {@link Holder#gone} says so for the holder named in its log or its staging folder's owner file,
 * whose modification time is its heartbeat. Live transactions (a run whose lease was broken, a dashboard being
 * built) are left alone. Also completes the commit logs of GovLens versions before numbered versions
 * ({@code _runs/<run>.commit}).
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {}

    /**
     * Completes the commit a gone run left pending, and removes what gone runs staged. Transactions whose holder
     * is alive (a run on this host whose process still runs, or one whose heartbeat is fresh) are left alone:
     * only a run that lost the race for the lease can have one, and its commit will be refused. Idempotent; a run
     * calls it under the lease, before it reads the warehouse.
     */
    public static void recover(FileSystem fs, String warehouse, Holder me, Duration staleAfter) {
        try {
            recoverLegacy(fs, warehouse);
            State s = CommitLog.state(fs, warehouse);
            if (s.isPending()) {
                Path logFile = CommitLog.logPath(warehouse, s.pending());
                Optional<Log> log = CommitLog.readLog(fs, logFile);
                Holder h = log.map(Log::holder).orElse(null);
                if (h != null && !h.isThisProcess() && !gone(fs, warehouse, h, logFile, staleAfter)) {
                    LOG.warn(
                            "run {} ({}) is committing version {} right now: its transaction is left alone",
                            h.runId(),
                            h.describe(),
                            s.pending());
                } else if (log.isPresent() && log.get().complete()) {
                    LOG.warn(
                            "run {} was interrupted during its commit of version {}: completing its {} operations",
                            s.pendingRun(),
                            s.pending(),
                            log.get().ops().size());
                    CommitLog.redo(
                            fs,
                            warehouse + "/" + CommitLog.TRASH + "/" + s.pendingRun(),
                            log.get().ops());
                    CommitLog.finish(
                            fs,
                            warehouse,
                            s.pending(),
                            s.pendingRun(),
                            warehouse + "/" + CommitLog.STAGING + "/" + s.pendingRun());
                } else {
                    LOG.warn(
                            "removing the incomplete commit log of version {} (its run died while writing it; "
                                    + "nothing of it was applied)",
                            s.pending());
                    fs.delete(logFile, false);
                }
            }
            discardGoneStaging(fs, warehouse, me, staleAfter);
            CommitLog.tidy(fs, warehouse);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover warehouse " + warehouse + ": " + e.getMessage(), e);
        }
    }

    /** Whether a holder is gone; its heartbeat is its staging owner file's (or the given file's) modification. */
    private static boolean gone(FileSystem fs, String warehouse, Holder h, Path fallback, Duration staleAfter)
            throws IOException {
        Optional<Instant> beat = AtomicFiles.modified(
                fs, new Path(warehouse + "/" + CommitLog.STAGING + "/" + h.runId(), CommitLog.OWNER));
        if (beat.isEmpty()) {
            beat = AtomicFiles.modified(fs, fallback);
        }
        return h.gone(beat.orElse(Instant.EPOCH), staleAfter, Instant.now());
    }

    private static void discardGoneStaging(FileSystem fs, String warehouse, Holder me, Duration staleAfter)
            throws IOException {
        Path staging = new Path(warehouse, CommitLog.STAGING);
        if (!fs.exists(staging)) {
            return;
        }
        State s = CommitLog.state(fs, warehouse);
        for (FileStatus st : fs.listStatus(staging)) {
            String id = st.getPath().getName();
            if (id.equals(me.runId()) || (s.isPending() && id.equals(s.pendingRun()))) {
                continue;
            }
            Path ownerFile = new Path(st.getPath(), CommitLog.OWNER);
            Optional<Holder> owner = AtomicFiles.read(fs, ownerFile).flatMap(Holder::parse);
            boolean gone;
            if (owner.isPresent()) {
                gone = gone(fs, warehouse, owner.get(), ownerFile, staleAfter);
            } else {
                // No owner file: staged by a GovLens version before leases, or a folder created a moment ago.
                gone = Duration.between(Instant.ofEpochMilli(st.getModificationTime()), Instant.now())
                                .compareTo(Duration.ofMinutes(1))
                        > 0;
            }
            if (gone) {
                LOG.warn("discarding uncommitted output of interrupted run {}", id);
                fs.delete(st.getPath(), true);
            } else {
                LOG.warn(
                        "leaving the staged output of {}: it is still running",
                        owner.map(Holder::describe).orElse(id));
            }
        }
        Path trash = new Path(warehouse, CommitLog.TRASH);
        if (fs.exists(trash)) {
            for (FileStatus st : fs.listStatus(trash)) {
                if (!(s.isPending() && st.getPath().getName().equals(s.pendingRun()))) {
                    fs.delete(st.getPath(), true);
                }
            }
        }
    }

    /** Commit logs of GovLens before versions ({@code _runs/<run>.commit}): completed as they always were. */
    private static void recoverLegacy(FileSystem fs, String warehouse) throws IOException {
        Path runs = new Path(warehouse, CommitLog.LEGACY_RUNS);
        if (!fs.exists(runs)) {
            return;
        }
        for (FileStatus st : fs.listStatus(runs)) {
            String name = st.getPath().getName();
            if (!name.endsWith(".commit")) {
                continue;
            }
            String id = name.substring(0, name.length() - ".commit".length());
            String text = new String(AtomicFiles.read(fs, st.getPath()).orElse(new byte[0]), StandardCharsets.UTF_8);
            List<String> lines =
                    Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
            List<Op> ops = new ArrayList<>();
            if (!lines.isEmpty() && lines.get(0).equals(CommitLog.LEGACY_HEADER)) {
                lines.subList(1, lines.size()).forEach(l -> ops.add(Op.parse(l)));
            } else {
                for (String folder : lines) { // the first format: one table or partition folder per line
                    ops.add(new Op(
                            Op.REPLACE_DIR,
                            warehouse + "/" + CommitLog.STAGING + "/" + id + "/" + folder,
                            warehouse + "/" + folder));
                }
            }
            LOG.warn("run {} was interrupted during its commit: completing {} operations", id, ops.size());
            String trash = warehouse + "/" + CommitLog.TRASH + "/" + id;
            CommitLog.redo(fs, trash, ops);
            CommitLog.deleteQuietly(fs, new Path(trash));
            CommitLog.deleteQuietly(fs, new Path(warehouse + "/" + CommitLog.STAGING + "/" + id));
            fs.delete(st.getPath(), false);
        }
    }
}
