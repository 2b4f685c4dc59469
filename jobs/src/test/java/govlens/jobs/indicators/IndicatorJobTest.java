package govlens.jobs.indicators;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.RunContext;
import govlens.jobs.SharedSparkSession;
import govlens.jobs.WarehouseCatalog;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.ingest.IngestJob;
import govlens.jobs.state.PriorState;
import govlens.jobs.state.StageFingerprints;
import govlens.jobs.warehouse.RunTransaction;
import govlens.lib.indicators.IndicatorEvaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The indicator stage on the sample reports plus two synthetic years of one county. */
class IndicatorJobTest extends SharedSparkSession {
    static final Path GOLD = Path.of("../lib/src/test/resources/gold/gold_indicators.tsv");

    @TempDir
    static Path tmp;

    static String warehouse;
    static Dataset<Row> indicators;
    static Dataset<Row> documents;

    static String countyReport(int year, int cases) {
        return "中共岚县县委 岚县人民政府关于" + year + "年度法治政府建设情况的报告\n\n"
                + year + "年,岚县坚持以习近平新时代中国特色社会主义思想为指导,深入推进法治政府建设。\n\n"
                + "一、主要做法及成效\n\n全年共受理行政复议案件" + cases + "件,行政复议化解行政争议的主渠道作用进一步发挥。\n";
    }

    @BeforeAll
    static void runStages() throws IOException {
        Path input = Files.createDirectories(tmp.resolve("input"));
        try (var files = Files.list(Path.of("../data/sample"))) {
            for (Path p : files.toList()) {
                Files.copy(p, input.resolve(p.getFileName()));
            }
        }
        Files.writeString(input.resolve("lan_2021.txt"), countyReport(2021, 100));
        Files.writeString(input.resolve("lan_2022.txt"), countyReport(2022, 600));
        warehouse = tmp.resolve("warehouse").toString();
        GovLensConfig config = GovLensConfig.load(
                null, Map.of("govlens.input", List.of(input.toString()), "govlens.warehouse", warehouse));
        RunContext run = RunContext.start();
        RunTransaction tx = new RunTransaction(spark, warehouse, run.runId());
        StageFingerprints fps =
                StageFingerprints.compute(config, spark.sparkContext().hadoopConfiguration());
        PriorState prior = PriorState.load(spark, config, WarehouseCatalog.WITH_STATE);
        IngestJob.Result ingest = IngestJob.run(spark, config, run, tx, fps, prior);
        IndicatorJob.run(spark, config, run, tx, fps, prior, ingest);
        tx.commit();
        ingest.unpersist();
        indicators = spark.read().parquet(warehouse + "/indicators").cache();
        documents = spark.read().parquet(warehouse + "/documents").cache();
    }

    // The sample reports meet the quality bar against the hand-checked gold.
    @Test
    void sampleMeetsQualityBar() {
        List<IndicatorEvaluator.Prediction> predictions = indicators
                .join(documents, "doc_id")
                .filter(col("source_path").contains("/0"))
                .select("source_path", "indicator", "value", "unit", "approx")
                .collectAsList()
                .stream()
                .map(r -> new IndicatorEvaluator.Prediction(
                        EvalIndicatorsCommand.fileName(r.getString(0)),
                        r.getString(1),
                        r.getDouble(2),
                        r.getString(3),
                        r.getString(4)))
                .toList();
        IndicatorEvaluator.Result result = IndicatorEvaluator.evaluate(IndicatorEvaluator.readGold(GOLD), predictions);
        assertTrue(result.f1() >= 0.97 && result.precision() >= 0.98, result.report());
    }

    // Every raw_text is exactly the document text at its offsets.
    @Test
    void rawTextIsTheTextAtItsOffsets() {
        long bad = indicators
                .as("i")
                .join(documents.as("d"), "doc_id")
                .filter("substring(d.text, i.char_start + 1, i.char_end - i.char_start) != i.raw_text")
                .count();
        assertEquals(0, bad);
    }

    // The ordinal 市政府第118次常务会议 is a rejected mention, never a value.
    @Test
    void ordinalIsRejectedWithReason() {
        Dataset<Row> mentions = spark.read().parquet(warehouse + "/mentions");
        List<Row> rejected = mentions.filter(col("raw_text").equalTo("118次")).collectAsList();
        assertEquals(1, rejected.size());
        assertEquals("rejected", rejected.get(0).getAs("status"));
        assertEquals("ordinal", rejected.get(0).getAs("reason"));
    }

    // Where a report gives a total and a breakdown of one count, the region×year value is the total.
    @Test
    void regionYearChoosesTheTotalOverItsBreakdown() {
        Row r = spark.read()
                .parquet(warehouse + "/region_year_indicators")
                .filter(col("region_code")
                        .equalTo("141127")
                        .and(col("report_year").equalTo(2023))
                        .and(col("indicator").equalTo("decisions.legal_adviser_opinions")))
                .first();
        assertEquals(24.0, r.<Double>getAs("value"), 1e-9);
        assertEquals(2, r.<Integer>getAs("n_values"));
        assertEquals("largest_count", r.getAs("choice"));
    }

    // A sixfold jump against the region's previous year is flagged, with the change, on both tables.
    @Test
    void yearOverYearJumpIsFlagged() {
        Row r = spark.read()
                .parquet(warehouse + "/region_year_indicators")
                .filter(col("region_code")
                        .equalTo("141127")
                        .and(col("report_year").equalTo(2022))
                        .and(col("indicator").equalTo("admin_review.cases_received")))
                .first();
        assertEquals(100.0, r.<Double>getAs("previous_value"), 1e-9);
        assertEquals(500.0, r.<Double>getAs("change"), 1e-9);
        assertEquals(List.of("jump_gt_5x"), r.getList(r.fieldIndex("flags")));
        Row v = indicators
                .filter(col("region_code")
                        .equalTo("141127")
                        .and(col("report_year").equalTo(2022))
                        .and(col("indicator").equalTo("admin_review.cases_received")))
                .first();
        assertTrue(v.getList(v.fieldIndex("flags")).contains("jump_gt_5x"));
    }
}
