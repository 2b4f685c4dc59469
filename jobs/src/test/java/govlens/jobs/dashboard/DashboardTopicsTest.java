package govlens.jobs.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import govlens.jobs.SharedSparkSession;
import govlens.jobs.query.WarehouseFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topics part of the dashboard: each topic's representative units with their section's snippet. */
class DashboardTopicsTest extends SharedSparkSession {
    @TempDir
    static Path dir;

    static List<Map<String, Object>> units;

    static final String LONG = "一、坚持依法决策".repeat(30);

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void build() {
        String wh = dir.resolve("wh").toString();
        WarehouseFixture.write(spark, wh, false);
        save(
                wh + "/topics",
                new StructType()
                        .add("model_id", DataTypes.StringType)
                        .add("topic", DataTypes.IntegerType)
                        .add("rank", DataTypes.IntegerType)
                        .add("term", DataTypes.StringType)
                        .add("weight", DataTypes.DoubleType)
                        .add("topic_coherence", DataTypes.DoubleType),
                null,
                RowFactory.create("m1", 0, 1, "复议", 0.1, 0.2),
                RowFactory.create("m1", 1, 1, "执法", 0.1, 0.2));
        save(
                wh + "/doc_topics",
                new StructType()
                        .add("doc_id", DataTypes.StringType)
                        .add("unit_id", DataTypes.StringType)
                        .add("model_id", DataTypes.StringType)
                        .add("topic", DataTypes.IntegerType)
                        .add("weight", DataTypes.DoubleType)
                        .add("n_tokens", DataTypes.LongType)
                        .add("report_year", DataTypes.IntegerType),
                "report_year",
                RowFactory.create("d1", "s001", "m1", 0, 0.9, 10L, 2024),
                RowFactory.create("d2", "s000", "m1", 0, 0.8, 10L, 2023),
                RowFactory.create("d3", "s002", "m1", 0, 0.7, 10L, null),
                RowFactory.create("d1", "s000", "m1", 0, 0.1, 10L, 2024),
                RowFactory.create("d2", "s001", "m1", 1, 0.6, 10L, 2023),
                RowFactory.create("d1", "s000", "m1", 1, 0.05, 10L, 2024),
                RowFactory.create("d1", "s000", "m0", 1, 0.99, 10L, 2024));
        save(
                wh + "/sections",
                new StructType()
                        .add("doc_id", DataTypes.StringType)
                        .add("section_id", DataTypes.StringType)
                        .add("heading", DataTypes.StringType)
                        .add("text", DataTypes.StringType)
                        .add("report_year", DataTypes.IntegerType),
                "report_year",
                RowFactory.create("d1", "s000", null, "前言", 2024),
                RowFactory.create("d1", "s001", "一、坚持依法决策", LONG, 2024),
                RowFactory.create("d2", "s000", null, "岚县概况", 2023),
                RowFactory.create("d2", "s001", "二、严格执法", "二、严格执法全年检查", 2023),
                RowFactory.create("d3", "s002", "（三）化解纠纷", "（三）化解纠纷调解", null),
                RowFactory.create("d9", "s001", "无关", "不在任何主题的代表单元里", 2023));
        Map<String, Object> topics =
                (Map<String, Object>) new DashboardData(spark, wh).aggregates().get("topics");
        units = (List<Map<String, Object>>) topics.get("units");
    }

    private static void save(String path, StructType schema, String partition, Row... rows) {
        var w = spark.createDataFrame(List.of(rows), schema).coalesce(1).write();
        if (partition != null) {
            w = w.partitionBy(partition);
        }
        w.parquet(path);
    }

    // The three heaviest units of each topic of the page's model, by topic, then weight (heaviest first).
    @Test
    void topUnitsPerTopicInOrder() {
        assertEquals(
                List.of("0 d1 s001", "0 d2 s000", "0 d3 s002", "1 d2 s001", "1 d1 s000"),
                units.stream()
                        .map(u -> u.get("topic") + " " + u.get("doc_id") + " " + u.get("unit_id"))
                        .toList());
    }

    // A unit carries its section's heading, the first 160 characters of its text, and its document's title.
    @Test
    void unitCarriesSnippetHeadingAndTitle() {
        Map<String, Object> u = units.get(0);
        assertEquals(LONG.substring(0, DashboardData.SNIPPET_CHARS), u.get("snippet"));
        assertEquals("一、坚持依法决策", u.get("heading"));
        assertEquals("临汾市报告, \"第一\"\n续", u.get("title"));
        assertEquals(2024, ((Number) u.get("report_year")).intValue());
    }

    // A unit of a document without a year (its rows in the null partition) still finds its section.
    @Test
    void unitOfDocumentWithoutYearFindsItsSection() {
        Map<String, Object> u = units.get(2);
        assertEquals("（三）化解纠纷调解", u.get("snippet"));
        assertNull(u.get("report_year"));
    }
}
