package govlens.jobs.warehouse;

import govlens.jobs.warehouse.CommitLog.Log;
import govlens.jobs.warehouse.CommitLog.State;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading one committed version of the warehouse whole, without the lease: for query, tables, the dashboard and
 * any other reader (the notebooks do the same in Python). A read starts only when no commit is pending and is run
 * again when the version moved while it ran; a commit is a few renames (milliseconds), so a reader rarely waits.
 * A commit that a killed run left half-applied is never read past.
 */
public final class VersionedRead {
    private static final Logger LOG = LoggerFactory.getLogger(VersionedRead.class);
    /** How long a reader waits for a pending commit before it says why it cannot read. */
    static final Duration READER_WAIT = Duration.ofSeconds(60);
    /** How many times a reader reads again when the version moved under it. */
    static final int READ_ATTEMPTS = 5;

    private VersionedRead() {}

    /** A commit that a killed run left half-applied and that readers must not read past. */
    public static final class InterruptedCommitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InterruptedCommitException(String message) {
            super(message);
        }
    }

    /**
     * Runs a read of the warehouse so that it sees one committed version whole: it starts only when no commit is
     * pending (waiting up to {@link #READER_WAIT} for one to finish) and is run again, up to {@link
     * #READ_ATTEMPTS} times, when the version moved while it ran. {@code body} must finish its reading before it
     * returns (collect, or write its result aside): Spark reads lazily.
     *
     * @throws InterruptedCommitException when a commit stays pending because its run was killed mid-commit
     */
    public static <T> T read(FileSystem fs, String warehouse, Supplier<T> body) {
        for (int attempt = 1; ; attempt++) {
            State before = settled(fs, warehouse);
            T result;
            try {
                result = body.get();
            } catch (Exception e) { // Spark throws its checked SparkException undeclared
                if (attempt < READ_ATTEMPTS && !CommitLog.state(fs, warehouse).equals(before)) {
                    LOG.info("the warehouse changed during the read ({}): reading again", e.toString());
                    continue;
                }
                throw e;
            }
            State after = CommitLog.state(fs, warehouse);
            if (after.equals(before)) {
                return result;
            }
            if (attempt >= READ_ATTEMPTS) {
                throw new IllegalStateException("warehouse " + warehouse + " changed during each of " + READ_ATTEMPTS
                        + " reads: try again when its runs are done");
            }
            LOG.info(
                    "the warehouse moved from version {} to {} during the read: reading again",
                    before.version(),
                    after.version());
        }
    }

    /** The state once no commit is pending. */
    private static State settled(FileSystem fs, String warehouse) {
        Instant deadline = Instant.now().plus(READER_WAIT);
        while (true) {
            State s = CommitLog.state(fs, warehouse);
            if (!s.isPending()) {
                return s;
            }
            boolean dead;
            try {
                dead = CommitLog.readLog(fs, CommitLog.logPath(warehouse, s.pending()))
                        .map(Log::holder)
                        .filter(h -> h != null && !h.isThisProcess())
                        .map(Holder::deadOnThisHost)
                        .orElse(false);
            } catch (IOException e) {
                dead = false;
            }
            if (dead || Instant.now().isAfter(deadline)) {
                throw new InterruptedCommitException("warehouse " + warehouse + " has a commit (version "
                        + s.pending() + " of run " + s.pendingRun() + ") that "
                        + (dead
                                ? "its run, killed mid-commit, did not finish"
                                : "did not finish within " + READER_WAIT.toSeconds() + " s: its run was probably "
                                        + "killed mid-commit")
                        + "; the next 'govlens run' completes it");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a commit to finish", e);
            }
        }
    }
}
