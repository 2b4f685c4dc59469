package govlens.jobs.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.warehouse.CommitLog.Op;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit protocol on plain files, without Spark: a commit applies all its operations or none (a failure at any
 * one of them is undone), a stale base is refused, a killed commit is completed by recovery, only gone runs'
 * transactions are touched, and a reader reads again when a version lands under it.
 */
class CommitLogTest {
    static final Duration STALE = Duration.ofMinutes(5);

    @TempDir
    Path tmp;

    Path root;
    String wh;
    FileSystem fs;
    Process live;

    @BeforeEach
    void warehouse() throws Exception {
        Configuration conf = new Configuration();
        FaultyFileSystem.register(conf);
        conf.setBoolean("fs." + FaultyFileSystem.SCHEME + ".impl.disable.cache", true);
        root = tmp.resolve("wh");
        wh = FaultyFileSystem.path(root);
        fs = new org.apache.hadoop.fs.Path(wh).getFileSystem(conf);
        wh = fs.makeQualified(new org.apache.hadoop.fs.Path(wh)).toString();
        write("t1/a.parquet", "a1");
        write("t1/b.parquet", "b1");
        write("t2/x.parquet", "x1");
        FaultyFileSystem.failAt(0);
    }

    @AfterEach
    void stop() {
        FaultyFileSystem.failAt(0);
        if (live != null) {
            live.destroyForcibly();
        }
    }

    void write(String rel, String content) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    String abs(String rel) {
        return wh + "/" + rel;
    }

    /** A run's staged files and the operations that publish them: t2 replaced, a deleted, c added to t1. */
    List<Op> staged(String run) throws Exception {
        write("_staging/" + run + "/w0/y.parquet", "y-" + run);
        write("_staging/" + run + "/w1/c.parquet", "c-" + run);
        return List.of(
                new Op(Op.REPLACE_DIR, abs("_staging/" + run + "/w0"), abs("t2")),
                new Op(Op.DELETE, abs("t1/a.parquet"), null),
                new Op(Op.ADD, abs("_staging/" + run + "/w1/c.parquet"), abs("t1/s__c.parquet")));
    }

    /** Every file outside the bookkeeping folders, with its content. */
    Map<String, String> tables() throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (!rel.startsWith("_")) {
                    out.put(rel, Files.readString(p));
                }
            }
        }
        return out;
    }

    static Holder deadHolder(String run) throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Holder me = Holder.current(run, "run");
        return new Holder(run, me.host(), p.pid(), null, Instant.now(), "run");
    }

    Holder liveHolder(String run) throws Exception {
        live = new ProcessBuilder("sleep", "60").start();
        Holder me = Holder.current(run, "run");
        return new Holder(run, me.host(), live.pid(), live.info().startInstant().orElse(null), Instant.now(), "run");
    }

    // A commit moves every staged file into place, becomes version 1 and leaves no staging or trash behind.
    @Test
    void commitAppliesEverythingAndBumpsTheVersion() throws Exception {
        long v = CommitLog.commit(fs, wh, Holder.current("r1", "run"), 0, staged("r1"), abs("_staging/r1"));
        assertEquals(1, v);
        assertEquals(Map.of("t1/b.parquet", "b1", "t1/s__c.parquet", "c-r1", "t2/y.parquet", "y-r1"), tables());
        assertEquals(new CommitLog.State(1, 0, null), CommitLog.state(fs, wh));
        assertFalse(Files.exists(root.resolve("_staging")));
        assertFalse(Files.exists(root.resolve("_trash")));
    }

    // Whichever rename of the commit fails, the operations done before it are undone: the tables are exactly
    // as they were, the version did not move and no commit is pending.
    @Test
    void failureAtAnyOperationLeavesTheWarehouseAsItWas() throws Exception {
        Map<String, String> before = tables();
        List<Op> ops = staged("count");
        FaultyFileSystem.failAt(0);
        CommitLog.commit(fs, wh, Holder.current("count", "run"), 0, ops, abs("_staging/count"));
        long renames = FaultyFileSystem.operations();
        assertTrue(renames >= 4, "renames of one commit: " + renames);
        for (long n = 1; n <= renames; n++) {
            // Fresh warehouse for each failure point.
            org.apache.commons.io.FileUtils.deleteDirectory(root.toFile());
            write("t1/a.parquet", "a1");
            write("t1/b.parquet", "b1");
            write("t2/x.parquet", "x1");
            List<Op> again = staged("r" + n);
            FaultyFileSystem.failAt(n);
            String run = "r" + n;
            WarehouseWriteException e = assertThrows(
                    WarehouseWriteException.class,
                    () -> CommitLog.commit(fs, wh, Holder.current(run, "run"), 0, again, abs("_staging/" + run)),
                    "failure at rename " + n);
            assertTrue(e.getMessage().endsWith(": Input/output error"), e.getMessage());
            assertEquals(before, tables(), "tables after a failure at rename " + n);
            assertEquals(new CommitLog.State(0, 0, null), CommitLog.state(fs, wh), "state after rename " + n);
        }
    }

    // A commit planned on a version that is no longer current is refused before anything is applied.
    @Test
    void commitOnAStaleBaseIsRefused() throws Exception {
        CommitLog.commit(fs, wh, Holder.current("r1", "run"), 0, staged("r1"), abs("_staging/r1"));
        Map<String, String> after1 = tables();
        List<Op> late = List.of(new Op(Op.DELETE, abs("t1/b.parquet"), null));
        CommitLog.ConflictException e = assertThrows(
                CommitLog.ConflictException.class,
                () -> CommitLog.commit(fs, wh, Holder.current("r2", "run"), 0, late, null));
        assertTrue(e.getMessage().contains("planned against version 0: it is now at version 1"), e.getMessage());
        assertEquals(after1, tables());
    }

    // A commit whose staged files are gone (another run recovered them away) applies nothing.
    @Test
    void commitWithMissingStagedFilesAppliesNothing() throws Exception {
        Map<String, String> before = tables();
        List<Op> ops = staged("r1");
        org.apache.commons.io.FileUtils.deleteDirectory(
                root.resolve("_staging/r1/w1").toFile());
        assertThrows(
                CommitLog.ConflictException.class,
                () -> CommitLog.commit(fs, wh, Holder.current("r1", "run"), 0, ops, abs("_staging/r1")));
        assertEquals(before, tables());
        assertEquals(0, CommitLog.state(fs, wh).version());
    }

    // A run killed after writing its log is completed by the next run's recovery, exactly as a whole commit.
    @Test
    void killedCommitIsCompletedByRecovery() throws Exception {
        List<Op> ops = staged("r1");
        CommitLog.claim(fs, wh, deadHolder("r1"), 0, ops);
        assertTrue(CommitLog.state(fs, wh).isPending());
        Recovery.recover(fs, wh, Holder.current("r2", "run"), STALE);
        assertEquals(Map.of("t1/b.parquet", "b1", "t1/s__c.parquet", "c-r1", "t2/y.parquet", "y-r1"), tables());
        assertEquals(new CommitLog.State(1, 0, null), CommitLog.state(fs, wh));
        assertFalse(Files.exists(root.resolve("_staging")));
    }

    // The pending commit of a process that is still running is left alone by another run's recovery.
    @Test
    void liveRunsCommitIsLeftAlone() throws Exception {
        Map<String, String> before = tables();
        CommitLog.claim(fs, wh, liveHolder("r1"), 0, staged("r1"));
        Recovery.recover(fs, wh, Holder.current("r2", "run"), STALE);
        assertEquals(before, tables());
        assertTrue(CommitLog.state(fs, wh).isPending());
        assertTrue(Files.exists(root.resolve("_staging/r1/w0/y.parquet")));
    }

    // A log its run died writing (no end line) applied nothing and is removed.
    @Test
    void incompleteLogIsRemoved() throws Exception {
        Map<String, String> before = tables();
        write(
                "_log/00000000000000000001.commit",
                CommitLog.HEADER + "\nrun\tr1\nholder\t"
                        + new String(deadHolder("r1").toJson(), StandardCharsets.UTF_8) + "\nbase\t0\nDELETE\t"
                        + abs("t1/a.parquet") + "\t\n");
        assertTrue(CommitLog.state(fs, wh).isPending());
        Recovery.recover(fs, wh, Holder.current("r2", "run"), STALE);
        assertEquals(new CommitLog.State(0, 0, null), CommitLog.state(fs, wh));
        assertEquals(before, tables());
    }

    // Recovery removes the staging of gone runs and keeps the staging of live ones.
    @Test
    void recoveryDiscardsOnlyGoneRunsStaging() throws Exception {
        staged("gone");
        write("_staging/gone/" + CommitLog.OWNER, new String(deadHolder("gone").toJson(), StandardCharsets.UTF_8));
        staged("alive");
        write(
                "_staging/alive/" + CommitLog.OWNER,
                new String(liveHolder("alive").toJson(), StandardCharsets.UTF_8));
        Recovery.recover(fs, wh, Holder.current("me", "run"), STALE);
        assertFalse(Files.exists(root.resolve("_staging/gone")));
        assertTrue(Files.exists(root.resolve("_staging/alive/w0/y.parquet")));
    }

    // A read during which a version lands is read again, and returns what the new version holds.
    @Test
    void readerReadsAgainWhenAVersionLands() throws Exception {
        List<Op> ops = staged("r1");
        AtomicInteger reads = new AtomicInteger();
        Map<String, String> seen = VersionedRead.read(fs, wh, () -> {
            try {
                Map<String, String> t = tables();
                if (reads.incrementAndGet() == 1) {
                    CommitLog.commit(fs, wh, Holder.current("r1", "run"), 0, ops, abs("_staging/r1"));
                }
                return t;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(2, reads.get());
        assertEquals(tables(), seen);
    }
}
