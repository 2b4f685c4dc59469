package govlens.jobs.analytics;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import govlens.jobs.SharedSparkSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * term_stats and TF-IDF keywords on a hand-made set of content tokens, so every count is known exactly
 * (TextRank: AnalyzeDocumentsTest):
 *
 * <pre>
 * d1 临汾市 2024: 复议 复议 执法
 * d2 临汾市 2024: 复议 监督
 * d3 山西省 2024: 执法 执法 执法
 * d4 (no region) 2024: 监督 执法
 * </pre>
 */
class TermCountsTest extends SharedSparkSession {
    static final StructType CONTENT = new StructType()
            .add("doc_id", DataTypes.StringType)
            .add("section_id", DataTypes.StringType)
            .add("sentence_idx", DataTypes.IntegerType)
            .add("token", DataTypes.StringType)
            .add("char_start", DataTypes.IntegerType)
            .add("region_code", DataTypes.StringType)
            .add("region_name", DataTypes.StringType)
            .add("report_year", DataTypes.IntegerType);
    static final StructType META = new StructType()
            .add("doc_id", DataTypes.StringType)
            .add("region_code", DataTypes.StringType)
            .add("region_name", DataTypes.StringType)
            .add("report_year", DataTypes.IntegerType);

    static Dataset<Row> termStats;
    static Dataset<Row> keywords;

    @BeforeAll
    static void count() {
        // Rows deliberately out of text order: TextRank must restore it from char_start.
        Dataset<Row> content = spark.createDataFrame(
                List.of(
                        tok("d1", "执法", 10),
                        tok("d1", "复议", 0),
                        tok("d1", "复议", 4),
                        tok("d2", "复议", 0),
                        tok("d2", "监督", 3),
                        tok("d3", "执法", 0),
                        tok("d3", "执法", 5),
                        tok("d3", "执法", 9),
                        tok("d4", "监督", 0),
                        tok("d4", "执法", 2)),
                CONTENT);
        Dataset<Row> meta = spark.createDataFrame(
                List.of(
                        RowFactory.create("d1", "141000", "临汾市", 2024), RowFactory.create("d2", "141000", "临汾市", 2024),
                        RowFactory.create("d3", "140000", "山西省", 2024), RowFactory.create("d4", null, null, 2024)),
                META);
        Dataset<Row> vectors = vectors(content).cache();
        Dataset<Row> corpus = AnalyticsJob.corpusCounts(null, vectors, null);
        Dataset<Row> regionYear = AnalyticsJob.regionYearVectors(spark, vectors, null, java.util.Set.of());
        termStats = AnalyticsJob.termStatsCorpus(corpus, 4)
                .unionByName(AnalyticsJob.termStatsDoc(vectors))
                .unionByName(AnalyticsJob.termStatsRegionYear(regionYear));
        var idf = new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
                .broadcast(AnalyticsJob.idf(corpus, 4));
        keywords = AnalyticsJob.keywords(vectors, regionYear, idf, 2);
    }

    /** Each document's content-term counts as one row (terms sorted), as AnalyzeDocuments gives them. */
    static Dataset<Row> vectors(Dataset<Row> content) {
        return content.groupBy("doc_id", "region_code", "region_name", "report_year", "token")
                .count()
                .groupBy("doc_id", "region_code", "region_name", "report_year")
                .agg(org.apache
                        .spark
                        .sql
                        .functions
                        .sort_array(org.apache.spark.sql.functions.collect_list(
                                org.apache.spark.sql.functions.struct(col("token"), col("count"))))
                        .as("v"))
                .select(
                        col("doc_id"),
                        col("region_code"),
                        col("region_name"),
                        col("report_year"),
                        col("v.token").as("terms"),
                        col("v.count").as("counts"));
    }

    static Row tok(String doc, String term, int charStart) {
        Row m = switch (doc) {
            case "d1", "d2" -> RowFactory.create("141000", "临汾市");
            case "d3" -> RowFactory.create("140000", "山西省");
            default -> RowFactory.create(null, null);
        };
        return RowFactory.create(doc, "s000", 0, term, charStart, m.get(0), m.get(1), 2024);
    }

    static List<String> lines(Dataset<Row> rows, String... cols) {
        return rows.select(cols[0], java.util.Arrays.copyOfRange(cols, 1, cols.length)).collectAsList().stream()
                .map(r -> r.mkString("|"))
                .sorted()
                .toList();
    }

    // Corpus scope: documents containing the term, occurrences, N = all documents.
    @Test
    void corpusCounts() {
        assertEquals(
                List.of("复议|2|3|4", "执法|3|5|4", "监督|2|2|4"),
                lines(termStats.filter(col("scope").equalTo("corpus")), "term", "doc_freq", "term_freq", "n_docs"));
    }

    // Doc scope: occurrences per document, doc_freq 1.
    @Test
    void docCounts() {
        assertEquals(
                List.of("d1|复议|1|2", "d1|执法|1|1", "d2|复议|1|1", "d2|监督|1|1", "d3|执法|1|3", "d4|执法|1|1", "d4|监督|1|1"),
                lines(termStats.filter(col("scope").equalTo("doc")), "doc_id", "term", "doc_freq", "term_freq"));
    }

    // Region × year scope: counts within the region's documents; the document without a region is left out.
    @Test
    void regionYearCounts() {
        assertEquals(
                List.of(
                        "140000|山西省|2024|执法|1|3|1",
                        "141000|临汾市|2024|复议|2|3|2",
                        "141000|临汾市|2024|执法|1|1|2",
                        "141000|临汾市|2024|监督|1|1|2"),
                lines(
                        termStats.filter(col("scope").equalTo("region_year")),
                        "region_code",
                        "region_name",
                        "report_year",
                        "term",
                        "doc_freq",
                        "term_freq",
                        "n_docs"));
    }

    // TF-IDF per document: score = count · (ln(5 / (1 + df)) + 1), top 2, exact counts.
    @Test
    void docTfidf() {
        double idf2 = Math.log(5.0 / 3) + 1; // 复议, 监督
        double idf3 = Math.log(5.0 / 4) + 1; // 执法
        List<Row> d1 = keywords.filter(
                        col("method").equalTo("tfidf").and(col("doc_id").equalTo("d1")))
                .orderBy("rank")
                .collectAsList();
        assertEquals(
                List.of("1|复议|2|141000", "2|执法|1|141000"),
                d1.stream()
                        .map(r -> r.getAs("rank") + "|" + r.getAs("term") + "|" + r.getAs("count") + "|"
                                + r.getAs("region_code"))
                        .toList());
        assertEquals(2 * idf2, d1.get(0).<Double>getAs("score"), 1e-12);
        assertEquals(idf3, d1.get(1).<Double>getAs("score"), 1e-12);
    }

    // TF-IDF per region × year: counts pooled over the region's documents, cut at top-k = 2.
    @Test
    void regionYearTfidf() {
        assertEquals(
                List.of("140000|1|执法|3", "141000|1|复议|3", "141000|2|监督|1"),
                lines(keywords.filter(col("scope").equalTo("region_year")), "region_code", "rank", "term", "count"));
    }
}
