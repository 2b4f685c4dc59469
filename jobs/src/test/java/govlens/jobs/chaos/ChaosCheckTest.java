package govlens.jobs.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.ExitCodes;
import govlens.jobs.Pipeline;
import govlens.jobs.RunManifest;
import govlens.jobs.SharedSparkSession;
import govlens.jobs.nightly.WarehouseComparison;
import govlens.jobs.warehouse.CommitLog;
import govlens.jobs.warehouse.FaultyFileSystem;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.VersionedRead;
import govlens.jobs.warehouse.Warehouse;
import govlens.jobs.warehouse.WarehouseWriteException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded trials that mix everything a real scheduler and a real disk do to a warehouse, run by {@code
 * tools/chaos-check/run.sh} ({@code mvn test -Pchaos}): after each, the warehouse must equal a clean sequential run
 * of the inputs of the runs that committed, with no row lost and none duplicated.
 *
 * <ul>
 *   <li><b>write-fault</b>: a nightly run into a warehouse on a file system whose n-th write or rename fails (n drawn
 *       from the run's own count of operations): the run fails with "cannot write …" and the warehouse is exactly
 *       as before (or, for a failure after the commit, the committed version), then the rerun equals a clean run.
 *   <li><b>odd-corpus</b>: 0 to 8 odd documents ({@link OddCorpus}), then 0 to 4 more, topics on (k = 2): each run
 *       ends as ok or quality_failed, never as a failure.
 *   <li><b>concurrent</b>: two or three runs (own JVMs) on one warehouse started at random offsets, some waiting for
 *       the lease and some not; those that found it busy (exit 5) are run again as a scheduler would.
 *   <li><b>kill</b>: a run (own JVM) halted at a crash point drawn by the seed, which its log must name; the next
 *       run recovers and completes.
 * </ul>
 *
 * <p>Seed: {@code -Dgovlens.chaos.seed=HEX} (printed); trials: {@code -Dgovlens.chaos.trials=N} (default 20). The
 * summary is printed and written to {@code target/chaos-summary.txt}.
 */
@Tag("chaos")
class ChaosCheckTest extends SharedSparkSession {
    static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    static final Path SAMPLE = PROJECT.resolve("data/sample");
    static final String[] KINDS = {"write-fault", "odd-corpus", "concurrent", "write-fault", "odd-corpus", "kill"};

    @TempDir
    static Path tmp;

    final java.util.concurrent.atomic.AtomicLong faults = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong lost = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong duplicated = new java.util.concurrent.atomic.AtomicLong();
    final Map<String, Integer> kinds = java.util.Collections.synchronizedMap(new TreeMap<>());
    final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    /** A committed day-1 warehouse (two ordinary reports) that trials start from, and its input. */
    static Path base;

    static Path baseInput;
    /**
     * The night's new input of the write-fault and kill trials (odd documents), and the warehouse a clean nightly
     * run of it gives on top of {@link #base}: the reference those trials must end equal to.
     */
    static Path nightInput;

    static Path reference;
    /** Writes and renames of that clean nightly run: the write-fault trials fail one of them. */
    static long nightOps;

    @BeforeAll
    static void faultyScheme() {
        FaultyFileSystem.register(spark.sparkContext().hadoopConfiguration());
    }

    static long seed() {
        String s = System.getProperty("govlens.chaos.seed");
        return s == null || s.isBlank() ? new Random().nextLong() : Long.parseUnsignedLong(s, 16);
    }

    @Test
    void chaos() throws Exception {
        long seed = seed();
        int trials = Integer.getInteger("govlens.chaos.trials", 20);
        say("seed " + Long.toHexString(seed).toUpperCase() + ", " + trials
                + " trials (replay: tools/chaos-check/run.sh "
                + Long.toHexString(seed).toUpperCase() + ")");
        long t0 = System.nanoTime();
        baseInput = tmp.resolve("base-in");
        OddCorpus seedDocs = new OddCorpus(PROJECT, seed);
        OddCorpus.write(baseInput, List.of(seedDocs.make(OddCorpus.Kind.NORMAL), seedDocs.make(OddCorpus.Kind.NORMAL)));
        base = tmp.resolve("base");
        Pipeline.run(spark, Trials.config(base.toString(), List.of(baseInput), false));
        nightInput = tmp.resolve("night-in");
        OddCorpus.write(
                nightInput,
                List.of(
                        seedDocs.make(OddCorpus.Kind.NORMAL),
                        seedDocs.make(OddCorpus.Kind.ONE_LINE),
                        seedDocs.make(
                                OddCorpus.Kind.values()[new Random(seed).nextInt(OddCorpus.Kind.values().length)])));
        reference = tmp.resolve("reference");
        FileUtils.copyDirectory(base.toFile(), reference.toFile());
        FaultyFileSystem.failAt(0);
        Pipeline.run(spark, Trials.config(FaultyFileSystem.path(reference), List.of(baseInput, nightInput), false));
        nightOps = FaultyFileSystem.operations();
        say("base warehouse: 2 reports; the night's input: " + nightOps + " writes and renames on top of it");
        // Two lanes: the trials with runs in their own JVMs (concurrent, kill) mostly wait on those, so they run
        // beside the in-process trials (write-fault, odd-corpus), which alone use the faulty: file system.
        List<Integer> inProcess = new ArrayList<>();
        List<Integer> processes = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            (KINDS[i % KINDS.length].equals("concurrent") || KINDS[i % KINDS.length].equals("kill")
                            ? processes
                            : inProcess)
                    .add(i);
        }
        java.util.concurrent.ExecutorService lane = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<?> other = lane.submit(() -> processes.forEach(i -> trial(seed, i)));
        inProcess.forEach(i -> trial(seed, i));
        other.get();
        lane.shutdown();
        String summary = String.format(
                "trials %d %s, faults injected %d, rows lost %d, rows duplicated %d, failed trials %d, %.0f s, seed %s",
                trials,
                kinds,
                faults.get(),
                lost.get(),
                duplicated.get(),
                failures.size(),
                (System.nanoTime() - t0) / 1e9,
                Long.toHexString(seed).toUpperCase());
        say(summary);
        failures.forEach(f -> say("  " + f));
        Files.write(Path.of("target/chaos-summary.txt"), lines, StandardCharsets.UTF_8);
        assertTrue(failures.isEmpty(), summary + "\n" + String.join("\n", failures));
        assertEquals(0, lost.get());
        assertEquals(0, duplicated.get());
    }

    void trial(long seed, int i) {
        String kind = KINDS[i % KINDS.length];
        long s = seed + 0x9E3779B97F4A7C15L * (i + 1);
        Path dir = tmp.resolve("t" + i);
        long start = System.nanoTime();
        try {
            switch (kind) {
                case "write-fault" -> writeFault(new Random(s), dir);
                case "odd-corpus" -> oddCorpus(new Random(s), dir);
                case "concurrent" -> concurrent(new Random(s), dir);
                default -> kill(new Random(s), dir);
            }
        } catch (Throwable e) {
            failures.add("trial " + i + " (" + kind + "): " + e);
            say("trial " + i + " " + kind + " FAILED: " + e);
        }
        kinds.merge(kind, 1, Integer::sum);
        say(String.format("trial %d %s done in %.1f s", i, kind, (System.nanoTime() - start) / 1e9));
    }

    void say(String line) {
        System.out.println("chaos-check: " + line);
        lines.add(line);
    }

    // ---- trials -----------------------------------------------------------------------------------------------

    /** A nightly run whose n-th write or rename fails; the warehouse stays as it was, the rerun completes it. */
    void writeFault(Random r, Path dir) throws Exception {
        List<Path> inputs = List.of(baseInput, nightInput);
        Path whDir = dir.resolve("wh");
        String wh = FaultyFileSystem.path(whDir);
        FileUtils.copyDirectory(base.toFile(), whDir.toFile());
        long ops = nightOps;
        long n = 1 + (long) r.nextInt((int) ops);
        Map<String, String> before = Trials.digests(whDir);
        long versionBefore = Trials.version(spark, wh);
        FaultyFileSystem.failAt(n);
        Throwable failure = null;
        try {
            Pipeline.run(spark, Trials.config(wh, inputs, false));
        } catch (Throwable e) {
            failure = e;
        }
        List<String> injected = FaultyFileSystem.injected();
        FaultyFileSystem.failAt(0);
        if (!injected.isEmpty()) {
            faults.incrementAndGet();
        }
        if (failure != null) {
            assertTrue(
                    failure instanceof WarehouseWriteException,
                    "a failed write must end the run as 'cannot write …', got " + failure);
            say("  write-fault: operation " + n + " of " + ops + " (" + injected + ") → " + failure.getMessage());
            if (Trials.version(spark, wh) == versionBefore) {
                assertEquals(
                        before,
                        Trials.digests(whDir),
                        "the warehouse changed although the run failed before its commit");
            } else {
                // Failed after its commit (dashboard, manifest): the tables are the committed version.
                count(WarehouseComparison.diff(spark, FaultyFileSystem.path(reference), wh, null));
            }
            assertTrue(Trials.stagingEmpty(whDir), "staged files of the failed run were left behind");
        } else {
            say("  write-fault: operation " + n + " of " + ops + " (" + injected + ") did not fail the run");
        }
        Pipeline.run(spark, Trials.config(wh, inputs, false));
        count(WarehouseComparison.diff(spark, FaultyFileSystem.path(reference), wh, null));
    }

    /**
     * Odd documents, then more: never a failed run, and no input file vanishes (each is a document, a duplicate or a
     * quarantine row).
     */
    void oddCorpus(Random r, Path dir) throws Exception {
        OddCorpus odd = new OddCorpus(PROJECT, r.nextLong());
        Path day1 = dir.resolve("in1");
        Path day2 = dir.resolve("in2");
        List<OddCorpus.Doc> first = odd.draw(r.nextInt(9));
        List<OddCorpus.Doc> second = odd.draw(r.nextInt(5));
        OddCorpus.write(day1, first);
        OddCorpus.write(day2, second);
        say("  odd-corpus: " + first + " then " + second);
        String wh = dir.resolve("wh").toString();
        for (List<Path> in : List.of(List.of(day1), List.of(day1, day2))) {
            Pipeline.Outcome o = Pipeline.run(spark, Trials.config(wh, in, true));
            String status = RunManifest.list(wh).get(0).path("status").asText();
            assertTrue(status.equals("ok") || status.equals("quality_failed"), "status " + status);
            if (!o.run().skipped().isEmpty()) {
                say("  odd-corpus: skipped " + o.run().skipped());
            }
        }
        long vanished = Trials.vanished(spark, wh, List.of(day1, day2));
        lost.addAndGet(vanished);
        assertEquals(0, vanished, "input files that are neither a document, a duplicate nor a quarantine row");
    }

    /** Two or three runs at once on one warehouse; then every committed run's documents are there. */
    void concurrent(Random r, Path dir) throws Exception {
        OddCorpus odd = new OddCorpus(PROJECT, r.nextLong());
        int n = r.nextInt(4) == 0 ? 3 : 2;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path in = dir.resolve("in" + i);
            OddCorpus.write(
                    in, List.of(odd.make(OddCorpus.Kind.NORMAL), odd.make(OddCorpus.Kind.values()[r.nextInt(8)])));
            inputs.add(in);
        }
        Path wh = dir.resolve("wh");
        List<GovLensProcess> runs = new ArrayList<>();
        List<Boolean> waits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean wait = r.nextBoolean();
            waits.add(wait);
            runs.add(GovLensProcess.start(
                    wh, List.of(inputs.get(i)), null, dir.resolve("run" + i + ".log"), "--wait", wait ? "10m" : "0s"));
            Thread.sleep(r.nextInt(3000));
        }
        List<Path> retry = new ArrayList<>();
        StringBuilder codes = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int code = runs.get(i).waitFor();
            codes.append(code).append(waits.get(i) ? "(wait) " : " ");
            assertTrue(
                    code == ExitCodes.OK
                            || code == ExitCodes.QUALITY_FAILED
                            || (code == ExitCodes.BUSY && !waits.get(i)),
                    "run " + i + " exited " + code + ":\n" + runs.get(i).tail(30));
            if (code == ExitCodes.BUSY) {
                assertTrue(
                        runs.get(i).output().contains("govlens: warehouse busy: run "),
                        runs.get(i).tail(5));
                retry.add(inputs.get(i));
            }
        }
        for (Path in : retry) { // the scheduler's retry after a busy exit
            Pipeline.run(spark, Trials.config(wh.toString(), List.of(in), false));
        }
        say("  concurrent: " + n + " runs, exit codes " + codes.toString().strip() + ", " + retry.size() + " retried");
        // The reference: the inputs in the order the runs committed, one after the other.
        List<Path> order = committedInputs(wh.toString());
        assertEquals(n, order.size(), "committed runs " + order);
        String ref = dir.resolve("ref").toString();
        for (Path in : order) {
            Pipeline.run(spark, Trials.config(ref, List.of(in), false));
        }
        count(WarehouseComparison.diff(spark, ref, wh.toString(), null));
    }

    /** A run halted at a crash point drawn by the seed; the next run recovers; the result equals a clean run. */
    void kill(Random r, Path dir) throws Exception {
        Path day1 = baseInput;
        Path day2 = nightInput;
        String point = crashPoint(r);
        Path wh = dir.resolve("wh");
        FileUtils.copyDirectory(base.toFile(), wh.toFile());
        long docsBefore = Warehouse.read(spark, wh.toString(), Tables.DOCUMENTS).count();
        GovLensProcess p = GovLensProcess.start(wh, List.of(day1, day2), point, dir.resolve("killed.log"));
        int code = p.waitFor();
        assertEquals(137, code, "the run was to halt at " + point + ":\n" + p.tail(20));
        String reached = "govlens: crash point " + (point.contains(":") ? point : point + ":1") + " reached";
        assertTrue(p.output().contains(reached), "the log must say " + reached + ":\n" + p.tail(20));
        faults.incrementAndGet();
        // Readers meanwhile see a whole version (the previous one, or the killed run's if it had committed), or,
        // when the kill interrupted the commit itself, are told so at once instead of reading half of it.
        String seen;
        try {
            long docs = VersionedRead.read(
                    Warehouse.fileSystem(spark, wh.toString()),
                    Warehouse.qualify(spark, wh.toString()),
                    () -> Warehouse.read(spark, wh.toString(), Tables.DOCUMENTS).count());
            assertTrue(docs >= docsBefore, "documents after the kill: " + docs + " (before " + docsBefore + ")");
            assertTrue(!point.startsWith("claimed") && !point.startsWith("mid-commit"), "read past a half commit");
            seen = docs + " documents readable";
        } catch (VersionedRead.InterruptedCommitException e) {
            assertTrue(point.startsWith("claimed") || point.startsWith("mid-commit"), e.getMessage());
            seen = "readers told the commit was interrupted";
        }
        say("  kill: halted at " + point + ", " + seen);
        Pipeline.run(spark, Trials.config(wh.toString(), List.of(day1, day2), false));
        assertTrue(Trials.stagingEmpty(wh), "staging of the killed run left behind");
        count(WarehouseComparison.diff(spark, FaultyFileSystem.path(reference), wh.toString(), null));
    }

    /** A crash point of {@link govlens.jobs.warehouse.CrashPoints#ALL}, with a count where a run passes it often. */
    static String crashPoint(Random r) {
        List<String> all = govlens.jobs.warehouse.CrashPoints.ALL;
        String p = all.get(r.nextInt(all.size()));
        return switch (p) {
            case "staged" -> "staged:" + (1 + r.nextInt(12));
            case "mid-commit" -> "mid-commit:" + (1 + r.nextInt(12));
            default -> p;
        };
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    void count(WarehouseComparison.Diff d) {
        lost.addAndGet(d.lost());
        duplicated.addAndGet(d.duplicated());
        if (!d.same()) {
            Map<String, String> by = new LinkedHashMap<>();
            d.byTable().forEach((t, v) -> by.put(t, "lost " + v[0] + ", extra " + v[1]));
            throw new AssertionError("the warehouse differs from a clean sequential run: " + by);
        }
    }

    /** Inputs of the runs that committed, in the order of their versions (run ids from the logs, inputs from manifests). */
    static List<Path> committedInputs(String wh) throws IOException {
        Map<String, Path> inputOf = new LinkedHashMap<>();
        for (var m : RunManifest.list(wh)) {
            inputOf.put(
                    m.path("run_id").asText(), Path.of(m.path("inputs").get(0).asText()));
        }
        TreeMap<Long, String> byVersion = new TreeMap<>();
        try (Stream<Path> logs = Files.list(Path.of(wh, CommitLog.DIR))) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".commit")).toList()) {
                String run = Files.readAllLines(log).stream()
                        .filter(l -> l.startsWith("run\t"))
                        .findFirst()
                        .orElseThrow()
                        .substring(4);
                byVersion.put(Long.parseLong(log.getFileName().toString().replace(".commit", "")), run);
            }
        }
        List<Path> out = new ArrayList<>();
        for (String run : byVersion.values()) {
            out.add(inputOf.get(run));
        }
        return out;
    }
}
