package govlens.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.SharedSparkSession;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.Warehouse;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills real GovLens runs (separate JVMs) at several points and checks that the warehouse stays readable in
 * its previous complete state and that the next run completes it to exactly what a clean run gives.
 *
 * <p>Slow (each case starts two or three JVMs with Spark): tagged "slow", run by {@code mvn test -Pslow}
 * from .ci/run, not by the default test command.
 */
@Tag("slow")
class CrashSafetyTest extends SharedSparkSession {
    static final Path SAMPLE = Path.of("../data/sample");

    @TempDir
    static Path tmp;

    static Path day1;
    static Path day2;
    static Path clean;

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
        succeeds(clean, day2);
    }

    /** A GovLens run in its own JVM, as bin/govlens would start it. */
    static Process govlens(Path warehouse, Path input, String crashPoint) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens")
                    || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || arg.startsWith("-Djdk.reflect")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Xmx1g");
        if (crashPoint != null) {
            cmd.add("-Dgovlens.crashpoint=" + crashPoint);
        }
        cmd.add("-Dlog4j.configurationFile=log4j2-test.properties");
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "govlens.jobs.GovLensCli",
                "run",
                "--master",
                "local[2]",
                "--input",
                input.toString(),
                "--warehouse",
                warehouse.toString(),
                "--set",
                "topics.enabled=false"));
        lastLog = tmp.resolve("log-" + System.nanoTime() + ".txt");
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(lastLog.toFile())
                .start();
    }

    static Path lastLog;

    /** Runs to the end and asserts success, showing the run's log when it failed. */
    static void succeeds(Path warehouse, Path input) throws Exception {
        int code = govlens(warehouse, input, null).waitFor();
        if (code != 0) {
            List<String> lines = Files.readAllLines(lastLog);
            throw new AssertionError("govlens exited " + code + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
        }
    }

    /** Day 1 committed, then day 2 interrupted by `interrupt`, then day 2 rerun: must equal the clean run. */
    static void crashThenRecover(Path wh, Process interrupted) throws Exception {
        interrupted.waitFor(10, TimeUnit.MINUTES);
        // The previous complete state is still readable: day 1's one document, whatever moment the kill hit.
        long docs = Warehouse.read(spark, wh.toString(), Tables.DOCUMENTS).count();
        assertTrue(docs == 1 || docs == 3, "documents after the kill: " + docs);
        succeeds(wh, day2);
        WarehouseComparison.assertSameTables(spark, clean.toString(), wh.toString());
        assertTrue(!Files.exists(wh.resolve("_staging")) || isEmpty(wh.resolve("_staging")));
    }

    static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    // Halted just before the commit: nothing of day 2 is visible; the rerun redoes day 2 whole.
    // Halted between two folder moves of the commit: the rerun completes the logged moves.
    @ParameterizedTest
    @ValueSource(strings = {"before-commit", "mid-commit"})
    void haltAtCrashPoint(String point) throws Exception {
        Path wh = tmp.resolve("wh-" + point);
        succeeds(wh, day1);
        Process p = govlens(wh, day2, point);
        assertEquals(137, p.waitFor());
        crashThenRecover(wh, p);
    }

    // A real kill -9 at several moments of the run (JVM start, ingest, later stages).
    @ParameterizedTest
    @ValueSource(ints = {3, 12, 25})
    void killMinusNine(int seconds) throws Exception {
        Path wh = tmp.resolve("wh-kill-" + seconds);
        succeeds(wh, day1);
        Process p = govlens(wh, day2, null);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly(); // SIGKILL
        }
        crashThenRecover(wh, p);
    }

    @Test
    void referenceRunHasAllThreeDocuments() {
        assertEquals(
                3, Warehouse.read(spark, clean.toString(), Tables.DOCUMENTS).count());
        assertTrue(new File(clean.toFile(), "_runs").isDirectory());
    }
}
