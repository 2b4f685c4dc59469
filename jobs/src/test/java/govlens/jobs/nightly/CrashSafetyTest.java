package govlens.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.SharedSparkSession;
import govlens.jobs.chaos.GovLensProcess;
import govlens.jobs.warehouse.CommitLog;
import govlens.jobs.warehouse.CrashPoints;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.VersionedRead;
import govlens.jobs.warehouse.Warehouse;
import govlens.lib.testing.RandomTexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills real GovLens runs (separate JVMs) and checks that the warehouse stays readable in its previous complete
 * state and that the next run completes it to exactly what a clean run gives.
 *
 * <p>Where a run dies is chosen, and then checked: at every named crash point ({@link CrashPoints#ALL}; the
 * counted ones, "after the n-th staged write" and "after the n-th commit operation", at an n drawn from the test
 * seed), the run must print that it halted exactly there; and with a real {@code kill -9} sent once its log shows a
 * stage drawn by the seed started, the process must still have been running when killed. A run that finished
 * before it could be killed fails the test instead of passing by accident.
 *
 * <p>Slow (each case starts two JVMs with Spark): tagged "slow", run by {@code mvn test -Pslow} from .ci/run. Seed:
 * {@code -Dgovlens.test.seed=HEX} (printed by {@link RandomTexts}).
 */
@Tag("slow")
class CrashSafetyTest extends SharedSparkSession {
    static final Path SAMPLE = Path.of("../data/sample");

    @TempDir
    static Path tmp;

    static Path day1;
    static Path day2;
    static Path clean;
    /** The warehouse after day 1, which every case copies before it runs day 2. */
    static Path afterDay1;

    static final Random RANDOM = new Random(RandomTexts.seed());

    @BeforeAll
    static void cleanReference() throws Exception {
        day1 = Files.createDirectories(tmp.resolve("day1"));
        Files.copy(SAMPLE.resolve("000_2a0a36ba8a6511d2.txt"), day1.resolve("000_2a0a36ba8a6511d2.txt"));
        day2 = Files.createDirectories(tmp.resolve("day2"));
        try (var s = Files.list(SAMPLE)) {
            for (Path p : s.toList()) {
                Files.copy(p, day2.resolve(p.getFileName()));
            }
        }
        clean = tmp.resolve("clean");
        succeeds(clean, day1);
        afterDay1 = tmp.resolve("after-day1");
        org.apache.commons.io.FileUtils.copyDirectory(clean.toFile(), afterDay1.toFile());
        succeeds(clean, day2);
    }

    static GovLensProcess govlens(Path warehouse, Path input, String crashPoint) throws IOException {
        return GovLensProcess.start(
                warehouse, List.of(input), crashPoint, tmp.resolve("log-" + System.nanoTime() + ".txt"));
    }

    /** Runs to the end and asserts success, showing the run's log when it failed. */
    static void succeeds(Path warehouse, Path input) throws Exception {
        GovLensProcess p = govlens(warehouse, input, null);
        int code = p.waitFor();
        if (code != 0) {
            throw new AssertionError("govlens exited " + code + ":\n" + p.tail(60));
        }
    }

    /** Day 1 committed, then day 2 interrupted, then day 2 rerun: must equal the clean run. */
    static void recoversFrom(Path wh, String where) throws Exception {
        // The previous complete state is still readable (or the killed run's, had it committed); a reader is told,
        // rather than shown half, when the kill interrupted the commit itself.
        try {
            long docs = VersionedRead.read(
                    Warehouse.fileSystem(spark, wh.toString()),
                    Warehouse.qualify(spark, wh.toString()),
                    () -> Warehouse.read(spark, wh.toString(), Tables.DOCUMENTS).count());
            assertTrue(docs == 1 || docs == 3, "documents after the kill at " + where + ": " + docs);
        } catch (VersionedRead.InterruptedCommitException e) {
            assertTrue(where.startsWith("claimed") || where.startsWith("mid-commit"), where + ": " + e.getMessage());
        }
        succeeds(wh, day2);
        WarehouseComparison.assertSameTables(spark, clean.toString(), wh.toString());
        assertTrue(!Files.exists(wh.resolve(CommitLog.STAGING)) || isEmpty(wh.resolve(CommitLog.STAGING)));
    }

    static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Every crash point once, the counted ones at an n drawn from the seed (within what a run passes). */
    static List<String> points() {
        List<String> out = new ArrayList<>();
        for (String p : CrashPoints.ALL) {
            out.add(
                    switch (p) {
                        case "staged" -> "staged:" + (1 + RANDOM.nextInt(15));
                        case "mid-commit" -> "mid-commit:" + (1 + RANDOM.nextInt(15));
                        default -> p + ":1";
                    });
        }
        return out;
    }

    // Halted at each crash point: the log names the point (the run died there, not later or not at all); the
    // rerun completes day 2 (redoing it whole, or completing its logged commit).
    @Test
    void haltAtEachCrashPoint() throws Exception {
        for (String point : points()) {
            Path wh = tmp.resolve("wh-" + point.replace(':', '-'));
            org.apache.commons.io.FileUtils.copyDirectory(afterDay1.toFile(), wh.toFile());
            GovLensProcess p = govlens(wh, day2, point);
            assertEquals(137, p.waitFor(), point + ":\n" + p.tail(30));
            assertTrue(
                    p.output().contains("govlens: crash point " + point + " reached, halting"),
                    "the run did not halt at " + point + ":\n" + p.tail(30));
            recoversFrom(wh, point);
        }
    }

    // A real kill -9 while a stage drawn by the seed runs: the process must still be alive when it is killed.
    @Test
    void killMinusNineDuringAStage() throws Exception {
        List<String> stages = List.of("ingest", "indicators", "analytics", "commit", "dashboard");
        String stage = stages.get(RANDOM.nextInt(stages.size()));
        Path wh = tmp.resolve("wh-kill-" + stage);
        org.apache.commons.io.FileUtils.copyDirectory(afterDay1.toFile(), wh.toFile());
        GovLensProcess p = govlens(wh, day2, null);
        String started = "stage " + stage + " started";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!p.output().contains(started) && p.process().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(
                p.process().isAlive(), "the run ended before its " + stage + " stage could be killed:\n" + p.tail(20));
        p.process().destroyForcibly(); // SIGKILL
        assertEquals(137, p.waitFor(), "exit code of a process killed with SIGKILL");
        recoversFrom(wh, "kill -9 in " + stage);
    }

    @Test
    void referenceRunHasAllThreeDocuments() {
        assertEquals(
                3, Warehouse.read(spark, clean.toString(), Tables.DOCUMENTS).count());
        assertTrue(Files.isDirectory(clean.resolve("_runs")));
    }
}
