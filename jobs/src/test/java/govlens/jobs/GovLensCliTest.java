package govlens.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract with schedulers: exit codes and one-line reasons. */
class GovLensCliTest {
    @TempDir
    Path tmp;

    // The console appender binds to the System.err of the moment logging starts. Started here, before any test
    // swaps System.err, log lines stay out of the captured stream whichever test class ran first in this JVM
    // (run alone, the first run's INFO lines used to land before the one-line reason).
    @org.junit.jupiter.api.BeforeAll
    static void startLogging() {
        org.slf4j.LoggerFactory.getLogger(GovLensCliTest.class).debug("logging started");
    }

    private static int run(ByteArrayOutputStream err, String... args) {
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return GovLensCli.execute(args);
        } finally {
            System.setErr(old);
        }
    }

    // A misspelt --set key exits 2 and names the key, before Spark starts.
    @Test
    void unknownConfigKeyExitsTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(err, "run", "--set", "ingest.max-file-byte=5");
        assertEquals(ExitCodes.BAD_CONFIG, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("govlens.ingest.max-file-byte"), err.toString());
    }

    // An unknown option exits 2 with usage.
    @Test
    void unknownOptionExitsTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(ExitCodes.BAD_CONFIG, run(err, "run", "--inptu", "x"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--inptu"), err.toString());
    }

    // An input path that does not exist exits 3 with a one-line reason.
    @Test
    void missingInputExitsThree() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(
                err,
                "run",
                "--master",
                "local[2]",
                "--input",
                tmp.resolve("nope").toString(),
                "--warehouse",
                tmp.resolve("wh").toString());
        assertEquals(ExitCodes.INPUT_MISSING, code, err.toString(StandardCharsets.UTF_8));
        String msg = err.toString(StandardCharsets.UTF_8).strip();
        assertTrue(msg.startsWith("govlens: input missing:") && msg.contains("nope"), msg);
    }

    // The sample run with no options but the warehouse succeeds and writes the documents table.
    @Test
    void sampleRunExitsZero() {
        Path wh = tmp.resolve("warehouse");
        int code = run(
                new ByteArrayOutputStream(),
                "run",
                "--master",
                "local[2]",
                "--input",
                "../data/sample",
                "--warehouse",
                wh.toString());
        assertEquals(ExitCodes.OK, code);
        assertTrue(Files.isDirectory(wh.resolve("documents/report_year=2024")));
    }

    // A warehouse whose lease another live run holds: exit 5 and one line naming the holder.
    @Test
    void busyWarehouseExitsFive() throws Exception {
        Path wh = tmp.resolve("busy");
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            govlens.jobs.warehouse.Holder me = govlens.jobs.warehouse.Holder.current("x", "run");
            govlens.jobs.warehouse.Holder holder = new govlens.jobs.warehouse.Holder(
                    "nightly-1",
                    me.host(),
                    other.pid(),
                    other.info().startInstant().orElse(null),
                    java.time.Instant.parse("2026-12-07T03:00:00Z"),
                    "run");
            Files.createDirectories(wh);
            Files.write(wh.resolve(govlens.jobs.warehouse.WarehouseLease.FILE), holder.toJson());
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code =
                    run(err, "run", "--master", "local[2]", "--input", "../data/sample", "--warehouse", wh.toString());
            assertEquals(ExitCodes.BUSY, code, err.toString(StandardCharsets.UTF_8));
            String msg = err.toString(StandardCharsets.UTF_8).strip();
            assertTrue(
                    msg.startsWith("govlens: warehouse busy: run nightly-1 on host " + me.host()
                            + " since 2026-12-07T03:00:00Z (pid " + other.pid() + ")"),
                    msg);
            assertEquals(1, msg.lines().count(), msg);
        } finally {
            other.destroyForcibly();
        }
    }

    // A disk that is full from the first table write on: exit 1 and one line naming the table and the OS reason.
    @Test
    void fullDiskIsOneLine() {
        Path wh = tmp.resolve("full");
        govlens.jobs.warehouse.FaultyFileSystem.fullFrom(2); // the run's first write (its staging owner) succeeds
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            code = run(
                    err,
                    "run",
                    "--master",
                    "local[2]",
                    "--input",
                    "../data/sample",
                    "--warehouse",
                    govlens.jobs.warehouse.FaultyFileSystem.path(wh));
        } finally {
            govlens.jobs.warehouse.FaultyFileSystem.failAt(0);
        }
        assertEquals(ExitCodes.CRASH, code);
        assertEquals(
                "govlens: cannot write documents: No space left on device",
                err.toString(StandardCharsets.UTF_8).strip());
    }
}
