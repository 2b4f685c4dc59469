package govlens.jobs.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse lease on a local disk: one holder, busy, wait, takeover of gone holders, loss, release. */
class WarehouseLeaseTest {
    static final WarehouseLease.Settings NO_WAIT =
            new WarehouseLease.Settings(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(5));

    @TempDir
    Path tmp;

    FileSystem fs;
    String wh;

    @BeforeEach
    void localFileSystem() throws Exception {
        fs = FileSystem.getLocal(new Configuration());
        wh = fs.makeQualified(new org.apache.hadoop.fs.Path(tmp.resolve("wh").toString()))
                .toString();
    }

    static Holder run(String id) {
        return Holder.current(id, "run");
    }

    /** A lease file as another process would have left it. */
    void leaseOf(Holder h, Instant heartbeat) throws Exception {
        Path f = tmp.resolve("wh/" + WarehouseLease.FILE);
        Files.createDirectories(f.getParent());
        Files.write(f, h.toJson());
        Files.setLastModifiedTime(f, FileTime.from(heartbeat));
    }

    /** The pid of a process that has ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    // A second run fails at once with a message naming the holder's run, host and start time.
    @Test
    void secondRunIsBusyNamingTheHolder() {
        try (WarehouseLease first = WarehouseLease.acquire(fs, wh, run("r1"), NO_WAIT)) {
            WarehouseLease.BusyException busy = assertThrows(
                    WarehouseLease.BusyException.class, () -> WarehouseLease.acquire(fs, wh, run("r2"), NO_WAIT));
            assertTrue(
                    busy.getMessage()
                            .startsWith("warehouse busy: run r1 on host "
                                    + first.holder().host() + " since "
                                    + first.holder().startedAt()),
                    busy.getMessage());
            assertEquals("r1", busy.holder().runId());
        }
    }

    // With a wait, the second run takes the lease as soon as the first releases it.
    @Test
    void waitingRunTakesTheLeaseWhenReleased() throws Exception {
        WarehouseLease first = WarehouseLease.acquire(fs, wh, run("r1"), NO_WAIT);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<WarehouseLease> second = ex.submit(() -> WarehouseLease.acquire(
                    fs,
                    wh,
                    run("r2"),
                    new WarehouseLease.Settings(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(5))));
            Thread.sleep(700);
            assertFalse(second.isDone(), "the second run must wait while the first holds the lease");
            first.close();
            try (WarehouseLease l = second.get()) {
                assertEquals(
                        "r2",
                        WarehouseLease.current(fs, wh).orElseThrow().holder().runId());
            }
        } finally {
            ex.shutdownNow();
        }
    }

    // A wait that runs out is busy too, and says how long it waited.
    @Test
    void waitThatRunsOutIsBusy() {
        try (WarehouseLease first = WarehouseLease.acquire(fs, wh, run("r1"), NO_WAIT)) {
            WarehouseLease.Settings wait1s =
                    new WarehouseLease.Settings(Duration.ofMillis(1200), Duration.ofSeconds(1), Duration.ofMinutes(5));
            WarehouseLease.BusyException busy = assertThrows(
                    WarehouseLease.BusyException.class, () -> WarehouseLease.acquire(fs, wh, run("r2"), wait1s));
            assertTrue(busy.getMessage().contains("waited 1 s"), busy.getMessage());
        }
    }

    // The lease of a process that died on this host is taken over at once.
    @Test
    void leaseOfADeadProcessIsTakenOver() throws Exception {
        Holder me = run("x");
        leaseOf(new Holder("dead", me.host(), deadPid(), null, Instant.now(), "run"), Instant.now());
        try (WarehouseLease l = WarehouseLease.acquire(fs, wh, run("r2"), NO_WAIT)) {
            assertEquals(
                    "r2", WarehouseLease.current(fs, wh).orElseThrow().holder().runId());
        }
    }

    // A process on another host is alive while its heartbeat is fresh, gone once it is older than stale-after.
    @Test
    void leaseFromAnotherHostIsTakenOverOnlyWhenStale() throws Exception {
        Holder remote = new Holder("remote", "another-host", 1, null, Instant.now(), "run");
        leaseOf(remote, Instant.now().minusSeconds(60));
        assertThrows(WarehouseLease.BusyException.class, () -> WarehouseLease.acquire(fs, wh, run("r2"), NO_WAIT));
        leaseOf(remote, Instant.now().minus(Duration.ofMinutes(6)));
        try (WarehouseLease l = WarehouseLease.acquire(fs, wh, run("r3"), NO_WAIT)) {
            assertEquals(
                    "r3", WarehouseLease.current(fs, wh).orElseThrow().holder().runId());
        }
    }

    // A pid that now belongs to another process (another start time) counts as dead.
    @Test
    void reusedPidCountsAsDead() throws Exception {
        Holder me = run("x");
        leaseOf(
                new Holder("old", me.host(), me.pid(), me.pidStartedAt().minusSeconds(3600), Instant.now(), "run"),
                Instant.now());
        try (WarehouseLease l = WarehouseLease.acquire(fs, wh, run("r2"), NO_WAIT)) {
            assertEquals(
                    "r2", WarehouseLease.current(fs, wh).orElseThrow().holder().runId());
        }
    }

    // Of many runs starting at the same moment, exactly one gets the lease.
    @Test
    void concurrentAcquireHasOneWinner() throws Exception {
        int n = 8;
        ExecutorService ex = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<WarehouseLease>> tries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "r" + i;
            tries.add(ex.submit(() -> {
                go.await();
                try {
                    return WarehouseLease.acquire(fs, wh, run(id), NO_WAIT);
                } catch (WarehouseLease.BusyException e) {
                    return null;
                }
            }));
        }
        go.countDown();
        List<WarehouseLease> won = new ArrayList<>();
        for (Future<WarehouseLease> f : tries) {
            if (f.get() != null) {
                won.add(f.get());
            }
        }
        ex.shutdown();
        assertEquals(1, won.size());
        won.get(0).close();
    }

    // A lease taken by someone else (broken by hand) is lost: the run's commit check refuses.
    @Test
    void leaseTakenByAnotherRunIsLost() throws Exception {
        WarehouseLease mine = WarehouseLease.acquire(fs, wh, run("r1"), NO_WAIT);
        leaseOf(run("intruder"), Instant.now());
        WarehouseLease.LostException lost = assertThrows(WarehouseLease.LostException.class, mine::checkHeld);
        assertTrue(lost.getMessage().contains("intruder"), lost.getMessage());
        mine.close();
        assertEquals(
                "intruder",
                WarehouseLease.current(fs, wh).orElseThrow().holder().runId(),
                "closing a lost lease must not remove the new holder's");
    }

    // The heartbeat keeps the lease's modification time fresh while the run lives.
    @Test
    void heartbeatRenewsTheLease() throws Exception {
        try (WarehouseLease l = WarehouseLease.acquire(fs, wh, run("r1"), NO_WAIT)) {
            Path f = tmp.resolve("wh/" + WarehouseLease.FILE);
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(100)));
            Thread.sleep(2500);
            Instant beat = WarehouseLease.current(fs, wh).orElseThrow().heartbeat();
            assertTrue(Duration.between(beat, Instant.now()).toSeconds() < 5, "heartbeat " + beat);
        }
    }

    // Release removes the lease file; the next run takes it without waiting.
    @Test
    void closeReleases() {
        WarehouseLease.acquire(fs, wh, run("r1"), NO_WAIT).close();
        assertTrue(WarehouseLease.current(fs, wh).isEmpty());
        WarehouseLease.acquire(fs, wh, run("r2"), NO_WAIT).close();
    }
}
