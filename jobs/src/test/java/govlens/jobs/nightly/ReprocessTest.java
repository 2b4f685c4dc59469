package govlens.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.Pipeline;
import govlens.jobs.SharedSparkSession;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.state.BuildFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change of logic reprocesses exactly the stages it affects, for every document, and the warehouse then
 * equals a full rebuild with the new logic, table by table (internal state included). Also: a deleted table
 * is rebuilt from all committed documents, a changed file replaces its document, and vanished files keep
 * their documents unless pruning.
 */
class ReprocessTest extends SharedSparkSession {
    static final Path SAMPLE = Path.of("../data/sample");

    @TempDir
    Path tmp;

    Path input() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        try (Stream<Path> files = Files.list(SAMPLE)) {
            for (Path p : files.toList()) {
                Files.copy(p, in.resolve(p.getFileName()));
            }
        }
        return in;
    }

    static GovLensConfig config(Path input, Path warehouse, Map<String, Object> more) {
        Map<String, Object> o = new HashMap<>(Map.of(
                "govlens.input",
                List.of(input.toString()),
                "govlens.warehouse",
                warehouse.toString(),
                "govlens.topics.enabled",
                false));
        o.putAll(more);
        return GovLensConfig.load(null, o);
    }

    /** Runs the same configuration as a full rebuild into a new warehouse and compares every table. */
    void assertEqualsFullRebuild(GovLensConfig incremental) {
        Path rebuilt = tmp.resolve("rebuilt-" + System.nanoTime());
        Pipeline.run(
                spark,
                incremental.withOverrides(
                        Map.of("govlens.warehouse", rebuilt.toString(), "govlens.full-rebuild", true)));
        WarehouseComparison.assertSameTables(spark, rebuilt.toString(), incremental.warehouse());
    }

    static long count(Pipeline.Outcome o, String key) {
        return o.run().counts().getOrDefault(key, 0L);
    }

    // An edit of the indicator rules re-extracts every document's indicators and nothing else: no file is
    // read, nothing is tokenized, the token files are untouched, and the result equals a rebuild.
    @Test
    void rulesEditReextractsIndicatorsOnly() throws Exception {
        Path in = input();
        Path wh = tmp.resolve("wh");
        Pipeline.run(spark, config(in, wh, Map.of()));
        Map<String, String> tokensBefore = IncrementalRunTest.digests(wh.resolve("tokens"));
        Path rules = tmp.resolve("rules.conf");
        try (InputStream bundled = getClass().getResourceAsStream("/conf/indicators/rules.conf")) {
            // A confidence edit: same extractions, different values in one column, so the rewrite is visible.
            String text = new String(bundled.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("confidence = 0.9", "confidence = 0.8");
            Files.writeString(rules, text);
        }
        GovLensConfig edited = config(in, wh, Map.of("govlens.indicators.rules-file", rules.toString()));
        Pipeline.Outcome o = Pipeline.run(spark, edited);
        assertEquals(0, count(o, "files_read"));
        assertEquals(3, count(o, "indicators_docs"));
        assertEquals(0, count(o, "analytics_docs"));
        assertEquals(tokensBefore, IncrementalRunTest.digests(wh.resolve("tokens")));
        assertTrue(
                o.run().reprocessed().get("indicators").get("why").toString().contains(rules.toString()),
                o.run().reprocessed().toString());
        assertEquals(
                0,
                spark.read()
                        .parquet(wh.resolve("indicators").toString())
                        .filter(functions.col("confidence").equalTo(0.9))
                        .count());
        assertEqualsFullRebuild(edited);
    }

    // A dictionary (stopword) edit re-analyses every document, leaves ingest and indicators alone.
    @Test
    void stopwordEditReanalysesOnly() throws Exception {
        Path in = input();
        Path wh = tmp.resolve("wh");
        Pipeline.run(spark, config(in, wh, Map.of()));
        Map<String, String> indicatorsBefore = IncrementalRunTest.digests(wh.resolve("indicators"));
        GovLensConfig edited = config(in, wh, Map.of("govlens.tokens.extra-stopwords", List.of("推进", "工作")));
        Pipeline.Outcome o = Pipeline.run(spark, edited);
        assertEquals(0, count(o, "files_read"));
        assertEquals(0, count(o, "indicators_docs"));
        assertEquals(3, count(o, "analytics_docs"));
        assertEquals(indicatorsBefore, IncrementalRunTest.digests(wh.resolve("indicators")));
        assertEqualsFullRebuild(edited);
    }

    // A new build (code change) reprocesses everything from ingest: every file is read again.
    @Test
    void codeChangeReprocessesFromIngest() throws Exception {
        Path in = input();
        Path wh = tmp.resolve("wh");
        GovLensConfig c = config(in, wh, Map.of());
        Pipeline.run(spark, c);
        System.setProperty(BuildFingerprint.OVERRIDE_PROPERTY, "a-different-build");
        try {
            Pipeline.Outcome o = Pipeline.run(spark, c);
            assertEquals(3, count(o, "files_read"));
            assertEquals(3, count(o, "indicators_docs"));
            assertEquals(3, count(o, "analytics_docs"));
            assertEqualsFullRebuild(c);
        } finally {
            System.clearProperty(BuildFingerprint.OVERRIDE_PROPERTY);
        }
    }

    // Tables deleted or corrupted after a nightly increment are rebuilt from all committed documents, not from
    // the night's.
    @Test
    void deletedTablesAreRebuiltFromAllDocuments() throws Exception {
        Path in = input();
        Path later = tmp.resolve("later");
        Files.createDirectories(later);
        Files.move(in.resolve("001_994ea346fb585f17.txt"), later.resolve("001_994ea346fb585f17.txt"));
        Path wh = tmp.resolve("wh");
        GovLensConfig c = config(in, wh, Map.of());
        Pipeline.run(spark, c);
        Files.move(later.resolve("001_994ea346fb585f17.txt"), in.resolve("001_994ea346fb585f17.txt"));
        Pipeline.run(spark, c);
        for (String table : List.of("mentions", "tokens", "sentences")) {
            deleteTree(wh.resolve(table));
        }
        try (Stream<Path> files = Files.walk(wh.resolve("region_year_indicators"))) {
            Path f = files.filter(p -> p.toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
            Files.writeString(f, "not parquet any more");
        }
        Pipeline.Outcome o = Pipeline.run(spark, c);
        assertEquals(3, count(o, "indicators_docs"));
        assertEquals(3, count(o, "analytics_docs"));
        assertEqualsFullRebuild(c);
    }

    // A file whose content changes replaces its document: the old text's rows are gone everywhere.
    @Test
    void changedFileReplacesItsDocument() throws Exception {
        Path in = input();
        Path wh = tmp.resolve("wh");
        GovLensConfig c = config(in, wh, Map.of());
        Pipeline.run(spark, c);
        Path f = in.resolve("003_ff7b91cf89aeff03.txt");
        Files.writeString(f, Files.readString(f) + "\n全年共受理行政复议案件58件。\n");
        Pipeline.Outcome o = Pipeline.run(spark, c);
        assertEquals(1, count(o, "files_read"));
        assertEquals(1, count(o, "documents_new"));
        assertEquals(1, count(o, "documents_removed"));
        assertEquals(3, spark.read().parquet(wh.resolve("documents").toString()).count());
        assertEqualsFullRebuild(c);
    }

    // Documents of vanished files stay (corpora are append-only); --prune removes them from every table.
    @Test
    void vanishedFilesAreKeptUnlessPruned() throws Exception {
        Path in = input();
        Path wh = tmp.resolve("wh");
        GovLensConfig c = config(in, wh, Map.of());
        Pipeline.run(spark, c);
        Files.delete(in.resolve("000_2a0a36ba8a6511d2.txt"));
        Pipeline.Outcome kept = Pipeline.run(spark, c);
        assertEquals(0, count(kept, "documents_removed"));
        assertEquals(3, spark.read().parquet(wh.resolve("documents").toString()).count());
        GovLensConfig pruning = config(in, wh, Map.of("govlens.prune", true));
        Pipeline.Outcome pruned = Pipeline.run(spark, pruning);
        assertEquals(1, count(pruned, "documents_removed"));
        assertFalse(spark.read()
                .parquet(wh.resolve("tokens").toString())
                .join(spark.read().parquet(wh.resolve("documents").toString()), "doc_id")
                .isEmpty());
        assertEqualsFullRebuild(pruning);
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
