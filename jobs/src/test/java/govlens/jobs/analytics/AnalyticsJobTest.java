package govlens.jobs.analytics;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.Pipeline;
import govlens.jobs.SharedSparkSession;
import govlens.jobs.config.GovLensConfig;
import govlens.lib.nlp.TokenFilter;
import govlens.lib.nlp.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics stage end to end on the sample reports, through the pipeline, four runs: a first run fits
 * and saves a model; a full rebuild applies it to every document again (retrain false); a third run retrains
 * with k-selection and another seed; and a clean run into a new warehouse fits the same model as the first.
 * Each run's tables are kept as a snapshot; each test checks one behaviour of that output.
 */
class AnalyticsJobTest extends SharedSparkSession {
    static final int K = 3;
    static final int TOP_WORDS = 10;

    @TempDir
    static Path tmp;

    static GovLensConfig config;
    static Snapshot first;
    static Snapshot reused;
    static Snapshot retrained;
    static Snapshot clean;
    static List<Row> firstDocTopics;
    static List<Row> reusedDocTopics;

    /** A copy of a warehouse after one run, with the current model id. */
    record Snapshot(String path, String modelId) {
        Dataset<Row> table(String name) {
            return spark.read().parquet(path + "/" + name);
        }

        Dataset<Row> tokens() {
            return table("tokens");
        }

        Dataset<Row> topics() {
            return table("topics");
        }

        Dataset<Row> topicModels() {
            return table("topic_models");
        }

        Dataset<Row> topicShares() {
            return table("topic_shares");
        }

        Dataset<Row> docTopics() {
            return table("doc_topics");
        }
    }

    @BeforeAll
    static void runFourTimes() throws IOException {
        config = GovLensConfig.load(
                null,
                Map.of(
                        "govlens.input",
                        List.of("../data/sample"),
                        "govlens.warehouse",
                        tmp.resolve("warehouse").toString(),
                        "govlens.topics.k",
                        K,
                        "govlens.topics.max-iterations",
                        10,
                        "govlens.topics.top-words",
                        TOP_WORDS));
        first = run(config, "first");
        firstDocTopics = sorted(first.docTopics());
        reused = run(config.withOverrides(Map.of("govlens.full-rebuild", true)), "reused");
        reusedDocTopics = sorted(reused.docTopics());
        retrained = run(
                config.withOverrides(Map.of(
                        "govlens.topics.retrain",
                        true,
                        "govlens.topics.k-candidates",
                        List.of(2, K),
                        "govlens.topics.seed",
                        7)),
                "retrained");
        clean = run(
                config.withOverrides(
                        Map.of("govlens.warehouse", tmp.resolve("clean").toString())),
                "clean");
    }

    /** Runs the pipeline and copies the warehouse it wrote, so later runs cannot change what tests read. */
    static Snapshot run(GovLensConfig c, String name) throws IOException {
        Pipeline.run(spark, c);
        Path wh = Path.of(c.warehouse());
        Path copy = tmp.resolve("snapshot-" + name);
        try (var files = Files.walk(wh)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(wh.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return new Snapshot(
                copy.toString(), Files.readString(wh.resolve("_models/CURRENT")).strip());
    }

    static List<Row> sorted(Dataset<Row> docTopics) {
        return docTopics
                .select("doc_id", "unit_id", "model_id", "topic", "weight", "n_tokens", "report_year")
                .orderBy("doc_id", "unit_id", "topic")
                .collectAsList();
    }

    // Every token is exactly the document text between its offsets.
    @Test
    void tokenOffsetsPointIntoDocumentText() {
        Dataset<Row> joined = first.tokens().join(first.table("documents").select("doc_id", "text"), "doc_id");
        long total = joined.count();
        long mismatched = joined.filter(col("token")
                        .notEqual(col("text")
                                .substr(
                                        col("char_start").plus(1),
                                        col("char_end").minus(col("char_start")))))
                .count();
        assertTrue(total > 1000, "tokens: " + total);
        assertEquals(0, mismatched);
    }

    // is_content is the configured TokenFilter's verdict on the token.
    @Test
    void isContentFollowsTheTokenFilter() {
        TokenFilter filter = TokenFilter.fromConfig(config.tokens());
        for (Row r :
                first.tokens().select("token", "pos", "is_content").limit(2000).collectAsList()) {
            boolean expected = filter.test(new govlens.lib.nlp.Token(
                    r.getString(0), r.getString(1), 0, r.getString(0).length()));
            assertEquals(expected, r.getBoolean(2), r.toString());
        }
    }

    // Tokenizing per sentence gives the same tokens as tokenizing the sentence text with the lib Tokenizer.
    @Test
    void tokensOfOneSentenceAreTheTokenizerOutput() {
        Row s = first.table("sentences")
                .orderBy("doc_id", "idx")
                .filter(col("idx").equalTo(5))
                .first();
        List<String> expected =
                Tokenizer.withFilter(TokenFilter.fromConfig(config.tokens())).tokenize(s.getAs("text")).stream()
                        .map(govlens.lib.nlp.Token::term)
                        .toList();
        List<String> actual = first.tokens()
                .filter(col("doc_id")
                        .equalTo(s.<String>getAs("doc_id"))
                        .and(col("sentence_idx").equalTo(5)))
                .orderBy("char_start")
                .select("token")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        assertEquals(expected, actual);
    }

    // The model has k topics, each with top-words distinct terms, all from the model's vocabulary.
    @Test
    void topicsHaveTopWordsFromTheVocabulary() {
        PipelineModel model = PipelineModel.load(first.path() + "/_models/" + first.modelId() + "/pipeline");
        Set<String> vocab = Set.of(((CountVectorizerModel) model.stages()[0]).vocabulary());
        Map<Integer, Set<String>> terms = new TreeMap<>();
        for (Row r : first.topics().collectAsList()) {
            terms.computeIfAbsent(r.<Integer>getAs("topic"), t -> new HashSet<>())
                    .add(r.getAs("term"));
        }
        assertEquals(K, terms.size());
        for (Set<String> t : terms.values()) {
            assertEquals(TOP_WORDS, t.size());
            assertTrue(vocab.containsAll(t), t.toString());
        }
    }

    // One distribution of k weights per unit that has a vocabulary word, summing to 1.
    @Test
    void everyNonEmptyUnitHasOneDistributionSummingToOne() {
        Map<String, double[]> perUnit = new HashMap<>();
        for (Row r : firstDocTopics) {
            double[] acc = perUnit.computeIfAbsent(r.getString(0) + "/" + r.getString(1), u -> new double[2]);
            acc[0] += r.getDouble(4);
            acc[1]++;
        }
        long sectionsWithContent = first.tokens()
                .filter(col("is_content"))
                .select("doc_id", "section_id")
                .distinct()
                .count();
        assertTrue(perUnit.size() > 20 && perUnit.size() <= sectionsWithContent, "units: " + perUnit.size());
        for (Map.Entry<String, double[]> e : perUnit.entrySet()) {
            assertEquals(K, (int) e.getValue()[1], e.getKey());
            assertEquals(1.0, e.getValue()[0], 1e-6, e.getKey());
        }
    }

    // A run without retrain applies the saved model: same model id, identical doc_topics.
    @Test
    void savedModelReappliedGivesIdenticalDocTopics() {
        assertEquals(first.modelId(), reused.modelId());
        assertEquals(firstDocTopics, reusedDocTopics);
    }

    // The reusing run reports the model as trained in the first run.
    @Test
    void reusedModelKeepsItsTrainingRun() {
        Row firstModel = first.topicModels().filter(col("selected")).first();
        Row reusedModel = reused.topicModels().filter(col("selected")).first();
        assertEquals(firstModel.<String>getAs("trained_in_run"), reusedModel.<String>getAs("trained_in_run"));
    }

    // retrain=true with another seed fits a new model, which becomes CURRENT and labels doc_topics.
    @Test
    void retrainMakesANewCurrentModel() {
        assertNotEquals(first.modelId(), retrained.modelId());
        assertEquals(
                List.of(retrained.modelId()),
                retrained
                        .docTopics()
                        .select("model_id")
                        .distinct()
                        .as(org.apache.spark.sql.Encoders.STRING())
                        .collectAsList());
    }

    // A model's id derives from what determines it: a clean run on the same input fits the same model id.
    @Test
    void cleanRunOnSameInputGivesSameModelId() {
        assertEquals(first.modelId(), clean.modelId());
        assertEquals(firstDocTopics, sorted(clean.docTopics()));
    }

    // k-selection records every candidate and selects the one with the best mean NPMI.
    @Test
    void kSelectionKeepsTheBestMeanNpmi() {
        List<Row> models =
                retrained.topicModels().orderBy(col("mean_npmi").desc()).collectAsList();
        assertEquals(2, models.size());
        assertEquals(
                Set.of(2, K),
                Set.of(models.get(0).<Integer>getAs("k"), models.get(1).<Integer>getAs("k")));
        assertTrue(models.get(0).<Boolean>getAs("selected"));
        assertTrue(!models.get(1).<Boolean>getAs("selected"));
        assertEquals(models.get(0).<String>getAs("model_id"), retrained.modelId());
    }

    // A model's topic_coherence rows average to its mean_npmi.
    @Test
    void meanNpmiIsTheMeanOfTopicCoherence() {
        double mean = first.topics()
                .select("topic", "topic_coherence")
                .distinct()
                .agg(org.apache.spark.sql.functions.avg("topic_coherence"))
                .first()
                .getDouble(0);
        double reported = first.topicModels().filter(col("selected")).first().getAs("mean_npmi");
        assertEquals(reported, mean, 1e-12);
    }

    // Topic shares of every region × year sum to 1.
    @Test
    void topicSharesSumToOnePerRegionYear() {
        List<Row> sums = first.topicShares()
                .groupBy("region_code", "report_year")
                .agg(org.apache.spark.sql.functions.sum("share").as("total"))
                .collectAsList();
        assertTrue(!sums.isEmpty());
        for (Row r : sums) {
            assertEquals(1.0, r.getDouble(2), 1e-6, r.toString());
        }
    }

    // Every table is written under the warehouse with the documented schema.
    @Test
    void allTablesAreWritten() {
        for (var t : AnalyticsTables.ALL) {
            Dataset<Row> back = first.table(t.name());
            assertEquals(new HashSet<>(t.columns()), new HashSet<>(List.of(back.columns())), t.name());
            assertTrue(back.count() > 0, t.name());
        }
    }
}
