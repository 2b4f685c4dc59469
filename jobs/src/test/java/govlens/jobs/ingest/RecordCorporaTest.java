package govlens.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.RunContext;
import govlens.jobs.SharedSparkSession;
import govlens.jobs.config.GovLensConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSONL, CSV and Parquet dumps: one document per record, given metadata wins over the text's. */
class RecordCorporaTest extends SharedSparkSession {
    @TempDir
    static Path tmp;

    static String warehouse;
    static Dataset<Row> documents;
    static Dataset<Row> quarantine;
    static String county;

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @BeforeAll
    static void ingest() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        county = Files.readString(Path.of("../data/sample/003_ff7b91cf89aeff03.txt"), StandardCharsets.UTF_8);
        String city = Files.readString(Path.of("../data/sample/000_2a0a36ba8a6511d2.txt"), StandardCharsets.UTF_8);
        Files.writeString(
                in.resolve("dump.jsonl"),
                "{\"id\": \"a1\", \"text\": " + json(county) + ", \"region\": \"141100\", \"year\": 2022, "
                        + "\"url\": \"https://example.gov.cn/a1\", \"publish_date\": \"2024-01-05\"}\n"
                        + "{\"id\": \"a2\", \"text\": \"\"}\n");
        // The CSV carries the city report with only a url: the text's own metadata stays.
        Files.writeString(
                in.resolve("dump.csv"), "text,url\n" + "\"" + city.replace("\"", "\"\"") + "\",https://x/b\n");
        StructType schema =
                new StructType().add("content", DataTypes.StringType).add("title", DataTypes.StringType);
        spark.createDataFrame(List.of(RowFactory.create("太短", "t")), schema)
                .coalesce(1)
                .write()
                .parquet(tmp.resolve("pq").toString());
        try (var s = Files.list(tmp.resolve("pq"))) {
            Path part = s.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
            Files.copy(part, in.resolve("dump.parquet"));
        }
        Files.writeString(in.resolve("notext.jsonl"), "{\"body\": \"没有文本列\"}\n");
        warehouse = tmp.resolve("wh").toString();
        GovLensConfig config = GovLensConfig.load(
                null, Map.of("govlens.input", List.of(in.toString()), "govlens.warehouse", warehouse));
        IngestJob.run(spark, config, RunContext.start()).unpersist();
        documents = spark.read().parquet(warehouse + "/documents");
        quarantine = spark.read().parquet(warehouse + "/quarantine");
    }

    // Region, year, url and date given with a record win over what the text says.
    @Test
    void givenMetadataTakesPrecedence() {
        Row d = documents.filter(col("source_path").endsWith("dump.jsonl#a1")).first();
        assertEquals("吕梁市", d.getAs("region_name"));
        assertEquals("141100", d.getAs("region_code"));
        assertEquals(2022, d.<Integer>getAs("report_year"));
        assertEquals("https://example.gov.cn/a1", d.getAs("source_url"));
        assertEquals("2024-01-05", d.getAs("publish_date").toString());
        assertEquals("jsonl", d.getAs("source_format"));
    }

    // Without metadata columns the text's own metadata is kept; the record id is the row number.
    @Test
    void csvRecordKeepsTextMetadata() {
        Row d = documents.filter(col("source_path").endsWith("dump.csv#1")).first();
        assertEquals("临汾市", d.getAs("region_name"));
        assertEquals(2024, d.<Integer>getAs("report_year"));
    }

    // Records that cannot be documents, and a dump without a text column, are quarantined with reasons.
    @Test
    void badRecordsAndFilesAreQuarantined() {
        Map<String, String> reasons = new java.util.TreeMap<>();
        for (Row r : quarantine.collectAsList()) {
            String p = r.getString(r.fieldIndex("source_path"));
            reasons.put(p.substring(p.lastIndexOf('/') + 1), r.getAs("reason"));
        }
        assertEquals(
                Map.of("dump.jsonl#a2", "empty", "dump.parquet#1", "too_short", "notext.jsonl", "corrupt"), reasons);
        assertTrue(documents.count() == 2);
    }
}
