package govlens.jobs.nightly;

import static govlens.lib.testing.RandomTexts.checkRandomData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import govlens.jobs.Pipeline;
import govlens.jobs.RunManifest;
import govlens.jobs.SharedSparkSession;
import govlens.jobs.analytics.AnalyticsTables;
import govlens.jobs.chaos.OddCorpus;
import govlens.jobs.chaos.Trials;
import govlens.jobs.indicators.IndicatorTables;
import govlens.jobs.warehouse.CommitLog;
import govlens.jobs.warehouse.FaultyFileSystem;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.Warehouse;
import govlens.jobs.warehouse.WarehouseWriteException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly job under a real scheduler, in one JVM: two runs at once on one warehouse both commit (one waits for
 * the other's lease), a corpus too small for topics commits without them, a disk that fills up during a run leaves
 * the warehouse as it was, and random odd corpora never fail the night. The same faults at scale and across
 * processes are {@code tools/chaos-check}; real kills are {@link CrashSafetyTest}.
 */
class SchedulerSafetyTest extends SharedSparkSession {
    static final Path SAMPLE = Path.of("../data/sample");
    static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path tmp;

    static Path day1;
    static Path day2;
    /** The warehouse after day 1 (one sample report). */
    static Path afterDay1;

    @BeforeAll
    static void dayOne() throws Exception {
        day1 = Files.createDirectories(tmp.resolve("day1"));
        Files.copy(SAMPLE.resolve("000_2a0a36ba8a6511d2.txt"), day1.resolve("a.txt"));
        day2 = Files.createDirectories(tmp.resolve("day2"));
        Files.copy(SAMPLE.resolve("003_ff7b91cf89aeff03.txt"), day2.resolve("b.txt"));
        afterDay1 = tmp.resolve("after-day1");
        Pipeline.run(spark, Trials.config(afterDay1.toString(), List.of(day1), false));
    }

    @AfterEach
    void disarm() {
        FaultyFileSystem.failAt(0);
    }

    // Two runs started together on one warehouse: one takes the lease, the other waits for it; both commit and the
    // warehouse holds both runs' documents, equal to the two runs one after the other.
    @Test
    void twoRunsAtOnceBothCommit() throws Exception {
        Path wh = tmp.resolve("together");
        ExecutorService ex = Executors.newFixedThreadPool(2);
        List<Future<Pipeline.Outcome>> runs = new ArrayList<>();
        for (Path in : List.of(day1, day2)) {
            runs.add(ex.submit(() -> Pipeline.run(spark, Trials.config(wh.toString(), List.of(in), false))));
        }
        for (Future<Pipeline.Outcome> f : runs) {
            f.get();
        }
        ex.shutdown();
        assertEquals(2, Warehouse.read(spark, wh.toString(), Tables.DOCUMENTS).count());
        assertEquals(2, Trials.version(spark, wh.toString()));
        Path sequential = tmp.resolve("sequential");
        Pipeline.run(spark, Trials.config(sequential.toString(), List.of(day1), false));
        Pipeline.run(spark, Trials.config(sequential.toString(), List.of(day2), false));
        WarehouseComparison.assertSameTables(spark, sequential.toString(), wh.toString());
    }

    // The experiment of issue 19: one department report flattened onto one line as the only input commits its
    // documents and indicators (its sections are found again in the flattened body).
    @Test
    void aSingleFlattenedReportCommits() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("flat"));
        Files.copy(Path.of("src/test/resources/scheduler/flat_department_report.txt"), in.resolve("flat.txt"));
        Path wh = tmp.resolve("flat-wh");
        Pipeline.Outcome out = Pipeline.run(spark, defaults(in, wh));
        assertEquals(1, Warehouse.read(spark, wh.toString(), Tables.DOCUMENTS).count());
        assertTrue(Warehouse.read(spark, wh.toString(), Tables.SECTIONS).count() >= 3);
        assertTrue(
                Warehouse.read(spark, wh.toString(), IndicatorTables.INDICATORS).count() > 0);
        assertFalse(
                RunManifest.list(wh.toString()).get(0).path("status").asText().equals("failed"));
        assertTrue(out.run().counts().get("documents_new") == 1L);
    }

    // A corpus too small for topics (one short report: one unit, eight topics asked for) commits without them: the
    // step is skipped with its reason in the run and its manifest, and the topic tables are there but empty.
    @Test
    void aCorpusTooSmallForTopicsCommitsWithoutThem() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("tiny"));
        Files.writeString(
                in.resolve("tiny.txt"),
                "某某县司法局2023年度法治建设工作情况\n\n2023年,我局全年办理法律援助案件120件,开展普法宣传活动35场," + "调解矛盾纠纷210件,各项工作稳步推进,依法行政水平持续提升。");
        Path wh = tmp.resolve("tiny-wh");
        Pipeline.Outcome out = Pipeline.run(spark, defaults(in, wh));
        assertEquals(
                "no topic model can be fitted on this corpus (k=8: 1 units, fewer than the k = 8 topics asked for); "
                        + "topics are fitted at the first run with enough units",
                out.run().skipped().get("topics"));
        assertEquals(1, Warehouse.read(spark, wh.toString(), Tables.DOCUMENTS).count());
        assertTrue(
                Warehouse.read(spark, wh.toString(), IndicatorTables.INDICATORS).count() > 0);
        for (TableDef t : List.of(AnalyticsTables.TOPICS, AnalyticsTables.DOC_TOPICS, AnalyticsTables.TOPIC_SHARES)) {
            assertTrue(Warehouse.exists(spark, wh.toString(), t), t.name());
            assertEquals(0, Warehouse.read(spark, wh.toString(), t).count(), t.name());
        }
        JsonNode manifest = RunManifest.list(wh.toString()).get(0);
        assertTrue(manifest.path("skipped").path("topics").asText().startsWith("no topic model"), manifest.toString());
    }

    /** The shipped defaults (topics on, k = 8) with the given input and warehouse. */
    static govlens.jobs.config.GovLensConfig defaults(Path in, Path wh) {
        Map<String, Object> o = new java.util.LinkedHashMap<>();
        o.put("govlens.input", List.of(in.toString()));
        o.put("govlens.warehouse", wh.toString());
        return govlens.jobs.config.GovLensConfig.load(null, o);
    }

    // A disk that fills up at a write drawn by the seed: the run fails naming the table and the OS reason, the
    // warehouse is byte for byte as it was, nothing staged is left, and the next run (space freed) equals a clean
    // one.
    @Test
    void fullDiskLeavesTheWarehouseAsItWas() {
        Path ref = tmp.resolve("clean-night");
        try {
            FileUtils.copyDirectory(afterDay1.toFile(), ref.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        FaultyFileSystem.failAt(0);
        Pipeline.run(spark, Trials.config(FaultyFileSystem.path(ref), List.of(day1, day2), false));
        long ops = FaultyFileSystem.operations();
        checkRandomData(
                1, r -> 1 + (long) r.nextInt((int) ops), n -> "disk full from operation " + n + " of " + ops, n -> {
                    Path whDir = tmp.resolve("full-" + n + "-" + System.nanoTime());
                    FileUtils.copyDirectory(afterDay1.toFile(), whDir.toFile());
                    String wh = FaultyFileSystem.path(whDir);
                    Map<String, String> before = Trials.digests(whDir);
                    FaultyFileSystem.fullFrom(n);
                    Throwable failure = null;
                    try {
                        Pipeline.run(spark, Trials.config(wh, List.of(day1, day2), false));
                    } catch (Throwable e) {
                        failure = e;
                    } finally {
                        FaultyFileSystem.failAt(0);
                    }
                    if (Trials.version(spark, wh) == 1) { // it failed before its commit: nothing changed
                        assertTrue(failure instanceof WarehouseWriteException, String.valueOf(failure));
                        assertTrue(
                                failure.getMessage().matches("cannot write .+: No space left on device"),
                                failure.getMessage());
                        assertEquals(before, Trials.digests(whDir));
                    }
                    assertTrue(Trials.stagingEmpty(whDir));
                    Pipeline.run(spark, Trials.config(wh, List.of(day1, day2), false));
                    WarehouseComparison.assertSameTables(spark, FaultyFileSystem.path(ref), wh);
                });
    }

    // Random odd corpora (no headings, one line, furniture or numbers only, traditional characters, duplicates,
    // files for quarantine …), a first run and a nightly: every run ends ok or quality_failed, and every input
    // file is a document, a duplicate or a quarantine row.
    @Test
    void oddCorporaNeverFailTheNight() {
        checkRandomData(1, r -> r.nextLong(), s -> "odd corpus seed " + s, s -> {
            OddCorpus odd = new OddCorpus(PROJECT, s);
            java.util.Random r = new java.util.Random(s);
            Path dir = tmp.resolve("odd-" + Long.toHexString(s));
            Path first = dir.resolve("in1");
            Path second = dir.resolve("in2");
            OddCorpus.write(first, odd.draw(r.nextInt(9)));
            OddCorpus.write(second, odd.draw(r.nextInt(5)));
            String wh = dir.resolve("wh").toString();
            for (List<Path> in : List.of(List.of(first), List.of(first, second))) {
                Pipeline.run(spark, Trials.config(wh, in, true));
                String status = RunManifest.list(wh).get(0).path("status").asText();
                assertTrue(status.equals("ok") || status.equals("quality_failed"), status);
            }
            assertEquals(0, Trials.vanished(spark, wh, List.of(first, second)));
            assertFalse(CommitLog.state(Warehouse.fileSystem(spark, wh), Warehouse.qualify(spark, wh))
                    .isPending());
        });
    }

    // A run that finds the warehouse busy and may not wait fails before it reads anything, naming the holder.
    @Test
    void busyWarehouseWithoutWaitFailsNamingTheHolder() throws Exception {
        Path wh = tmp.resolve("busy");
        String qualified = Warehouse.qualify(spark, wh.toString());
        try (var held = govlens.jobs.warehouse.WarehouseLease.acquire(
                Warehouse.fileSystem(spark, qualified),
                qualified,
                govlens.jobs.warehouse.Holder.current("holder-run", "run"),
                new govlens.jobs.warehouse.WarehouseLease.Settings(
                        java.time.Duration.ZERO, java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(5)))) {
            Map<String, Object> o = new java.util.LinkedHashMap<>();
            o.put("govlens.input", List.of(day1.toString()));
            o.put("govlens.warehouse", wh.toString());
            var busy = assertThrows(
                    govlens.jobs.warehouse.WarehouseLease.BusyException.class,
                    () -> Pipeline.run(spark, govlens.jobs.config.GovLensConfig.load(null, o)));
            assertTrue(busy.getMessage().startsWith("warehouse busy: run holder-run on host "), busy.getMessage());
        }
        assertFalse(Files.exists(wh.resolve("documents")));
    }
}
