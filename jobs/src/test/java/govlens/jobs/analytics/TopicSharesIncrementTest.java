package govlens.jobs.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import govlens.jobs.Pipeline;
import govlens.jobs.SharedSparkSession;
import govlens.jobs.config.GovLensConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly run recomputes topic shares only for the region × years its documents touch and keeps the others
 * as committed; the table must still equal the shares of the whole doc_topics table.
 */
class TopicSharesIncrementTest extends SharedSparkSession {
    @TempDir
    Path tmp;

    static GovLensConfig config(Path input, Path warehouse) {
        return GovLensConfig.load(
                null, Map.of("govlens.input", List.of(input.toString()), "govlens.warehouse", warehouse.toString()));
    }

    /** The rows as strings in a fixed column order, sorted. */
    static List<String> rows(Dataset<Row> d) {
        return d
                .selectExpr("region_code", "region_name", "report_year", "model_id", "topic", "share", "n_units")
                .collectAsList()
                .stream()
                .map(Row::toString)
                .sorted()
                .toList();
    }

    // After adding a report of another region, the shares are those of the whole doc_topics table.
    @Test
    void nightlySharesEqualSharesOfAllDocTopics() throws Exception {
        Path sample = Path.of("../data/sample");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(sample.resolve("000_2a0a36ba8a6511d2.txt"), in.resolve("a.txt"));
        Files.copy(sample.resolve("003_ff7b91cf89aeff03.txt"), in.resolve("b.txt"));
        Path wh = tmp.resolve("wh");
        Pipeline.run(spark, config(in, wh));
        Dataset<Row> before = spark.read().parquet(wh.resolve("topic_shares").toString());
        long regionYearsBefore =
                before.select("region_code", "report_year").distinct().count();

        Files.copy(sample.resolve("001_994ea346fb585f17.txt"), in.resolve("c.txt"));
        Pipeline.Outcome nightly = Pipeline.run(spark, config(in, wh));
        assertEquals(1L, nightly.run().counts().get("analytics_docs"));

        Dataset<Row> shares = spark.read().parquet(wh.resolve("topic_shares").toString());
        Dataset<Row> expected = AnalyticsJob.topicShares(
                spark.read().parquet(wh.resolve("doc_topics").toString()),
                spark.read().parquet(wh.resolve("documents").toString()));
        assertEquals(
                regionYearsBefore + 1,
                shares.select("region_code", "report_year").distinct().count());
        assertEquals(rows(expected), rows(shares));
    }
}
