package govlens.jobs.dashboard;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import govlens.jobs.SharedSparkSession;
import govlens.jobs.analytics.AnalyticsTables;
import govlens.jobs.indicators.IndicatorTables;
import govlens.jobs.synth.SynthWarehouse;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Tables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of a 3,000-report synthetic warehouse built with govlens.dashboard.embed-max-documents = 500, so
 * the region detail takes the on-demand path (files) that a national warehouse takes.
 */
class DashboardScaleTest extends SharedSparkSession {
    static final int DOCS = 3000;
    static final int EMBED_MAX = 500;
    /** The goal: at most 10 MB at 30,000 documents. */
    static final long GOAL_BYTES_AT_30K = 10_000_000L;

    @TempDir
    static Path dir;

    static String wh;
    static DashboardJob.Result result;
    static String html;
    static JsonNode data;
    static Path regions;

    @BeforeAll
    static void build() throws IOException {
        wh = dir.resolve("wh").toString();
        SynthWarehouse.write(spark, wh, DOCS, 42);
        result = DashboardJob.run(spark, wh, EMBED_MAX);
        html = Files.readString(Path.of(wh, "dashboard", "index.html"));
        Matcher m = Pattern.compile(
                        "<script type=\"application/json\" id=\"govlens-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertTrue(m.find());
        data = new ObjectMapper().readTree(m.group(1));
        regions = Path.of(wh, "dashboard", DashboardJob.REGIONS);
    }

    // The synthetic tables carry the pipeline's own schemas: names, types and order of every column.
    @Test
    void syntheticTablesHaveTheRealSchemas() {
        for (TableDef t : List.of(
                Tables.DOCUMENTS,
                Tables.SECTIONS,
                Tables.QUARANTINE,
                IndicatorTables.INDICATORS,
                IndicatorTables.REGION_YEAR,
                AnalyticsTables.KEYWORDS,
                AnalyticsTables.TERM_STATS,
                AnalyticsTables.TOPICS,
                AnalyticsTables.DOC_TOPICS,
                AnalyticsTables.TOPIC_SHARES)) {
            TreeMap<String, String> want = new TreeMap<>();
            for (StructField f : t.schema().fields()) {
                want.put(f.name(), f.dataType().simpleString());
            }
            TreeMap<String, String> got = new TreeMap<>();
            for (StructField f :
                    spark.read().parquet(wh + "/" + t.name()).schema().fields()) {
                got.put(f.name(), f.dataType().simpleString());
            }
            assertEquals(want, got, t.name());
        }
    }

    // Every section's aggregate is in the page, and the page stays within the per-document share of the 10 MB goal
    // (the data grows with regions × years, so 3,000 documents, where every region-year is nearly its own
    // document, are the worst case per document).
    @Test
    void pageHoldsTheAggregatesWithinTheSizeBound() {
        assertEquals(DOCS, result.documents());
        assertEquals(DOCS, data.at("/corpus/documents").asLong());
        assertTrue(data.at("/indicators/ry").size() > 1000, "region × year rows");
        assertTrue(data.at("/topics/ry").size() > 1000, "topic share rows");
        assertEquals(8, data.at("/topics/topics").size());
        assertTrue(data.at("/quality/quarantine_counts").size() > 0);
        assertTrue(data.at("/keywords/corpus").size() > 0);
        long perDocument = GOAL_BYTES_AT_30K / 30_000;
        assertTrue(
                result.bytes() <= 1_200_000 + perDocument * DOCS,
                result.bytes() + " bytes > 1.2 MB of scripts + " + perDocument + " per document");
    }

    // Above the embed limit no per-document row is in the page: the detail says "files" and holds no regions.
    @Test
    void aboveTheLimitTheDetailIsNotEmbedded() {
        assertFalse(result.embedded());
        assertEquals("files", data.at("/detail/mode").asText());
        assertTrue(data.at("/detail/regions").isMissingNode());
        assertEquals(EMBED_MAX, data.at("/detail/embed_max_documents").asInt());
    }

    // One file per region of the documents, named by the region key the page uses.
    @Test
    void oneRegionFilePerRegion() throws IOException {
        TreeSet<String> keys = new TreeSet<>();
        for (Row r : spark.read()
                .parquet(wh + "/documents")
                .select(DashboardData.regionKey(col("region_code")))
                .distinct()
                .collectAsList()) {
            keys.add(r.getString(0) + ".json");
        }
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(regions)) {
            s.forEach(p -> files.add(p.getFileName().toString()));
        }
        assertEquals(keys, files);
        assertEquals(keys.size(), result.regionFiles());
        TreeSet<String> pageKeys = new TreeSet<>();
        data.at("/corpus/regions/key").forEach(k -> pageKeys.add(k.asText() + ".json"));
        assertEquals(keys, pageKeys);
    }

    // A region file holds exactly the region's documents and chosen values, each value with its sentence.
    @Test
    void regionFileHoldsTheRegionsDocumentsAndSentences() throws IOException {
        Row first = spark.read()
                .parquet(wh + "/region_year_indicators")
                .orderBy("region_code", "report_year", "indicator")
                .first();
        String code = first.getAs("region_code");
        JsonNode region =
                new ObjectMapper().readTree(regions.resolve(code + ".json").toFile());
        TreeSet<String> docs = new TreeSet<>();
        region.get("documents").forEach(d -> docs.add(d.get("doc_id").asText()));
        TreeSet<String> want = new TreeSet<>();
        spark.read()
                .parquet(wh + "/documents")
                .where(col("region_code").equalTo(code))
                .select("doc_id")
                .collectAsList()
                .forEach(r -> want.add(r.getString(0)));
        assertEquals(want, docs);
        long values = spark.read()
                .parquet(wh + "/region_year_indicators")
                .where(col("region_code").equalTo(code))
                .count();
        assertEquals(values, region.get("values").size());
        JsonNode v = region.get("values").get(0);
        assertEquals(
                first.<Integer>getAs("report_year").intValue(),
                v.get("report_year").asInt());
        assertEquals(first.<String>getAs("indicator"), v.get("indicator").asText());
        String sentence = spark.read()
                .parquet(wh + "/indicators")
                .where(col("doc_id")
                        .equalTo(first.<String>getAs("doc_id"))
                        .and(col("char_start").equalTo(first.<Integer>getAs("char_start")))
                        .and(col("indicator").equalTo(first.<String>getAs("indicator"))))
                .select("sentence")
                .first()
                .getString(0);
        assertNotNull(sentence);
        assertEquals(sentence, v.get("sentence").asText());
        assertTrue(region.get("keywords").size() > 0);
    }

    // Report markup is escaped in the page and in every region file: no raw '<' or '>' anywhere in the JSON,
    // the hostile strings present as \u003c…\u003e, and no injected script element in the page.
    @Test
    void reportMarkupIsEscapedInThePageAndTheRegionFiles() throws IOException {
        assertFalse(html.contains(SynthWarehouse.SCRIPT));
        assertFalse(html.contains("onerror=\"window.__xss"));
        assertEquals(3, DashboardJobTest.count(html.toLowerCase(), "<script"));
        int hostile = 0;
        try (Stream<Path> s = Files.list(regions)) {
            for (Path p : s.toList()) {
                String json = Files.readString(p, StandardCharsets.UTF_8);
                assertFalse(json.contains("<") || json.contains(">"), p.toString());
                if (json.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e")) {
                    hostile++;
                }
            }
        }
        assertTrue(hostile > 0, "no region file carries the hostile title or sentence");
        // And the escaped text reads back as the original.
        Map<String, Object> parsed =
                new ObjectMapper().readValue(DashboardJob.scriptSafeJson("{\"t\":\"</script>&\\\"\"}"), Map.class);
        assertEquals("</script>&\"", parsed.get("t"));
    }
}
