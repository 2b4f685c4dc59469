package govlens.jobs.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.SharedSparkSession;
import govlens.jobs.config.GovLensConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.clustering.LocalLDAModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TopicModeler} on 60 hand-made units drawn from three disjoint themes of eight words each (a seeded
 * draw, {@link #SEED}): the invariants of a fit, and that the configured priors reach the fitted model, its
 * saved form, its id and the check that decides whether a saved model may be re-used.
 */
class TopicModelerTest extends SharedSparkSession {
    static final long SEED = 20261202L;
    static final int K = 3;

    @TempDir
    static Path tmp;

    static Dataset<Row> units;
    static List<String> unitIds;
    static GovLensConfig.Topics base;
    /** One fit with Spark's default priors and one with explicit ones, shared by the tests. */
    static TopicModeler.Fitted auto;

    static TopicModeler.Fitted explicit;

    @BeforeAll
    static void fixture() {
        Random rnd = new Random(SEED);
        StructType schema = new StructType()
                .add("doc_id", DataTypes.StringType)
                .add("unit_id", DataTypes.StringType)
                .add("terms", DataTypes.createArrayType(DataTypes.StringType));
        List<Row> rows = new ArrayList<>();
        unitIds = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int theme = i % K;
            String[] terms = new String[20];
            for (int j = 0; j < terms.length; j++) {
                terms[j] = "t" + theme + "w" + rnd.nextInt(8);
            }
            String doc = String.format("d%03d", i);
            rows.add(RowFactory.create(doc, "s000", terms));
            unitIds.add(doc + "/s000");
        }
        units = spark.createDataFrame(rows, schema).persist(StorageLevel.MEMORY_ONLY());
        base = config(Map.of());
        auto = TopicModeler.fit(units, TopicModeler.Settings.of(base, K));
        explicit = TopicModeler.fit(
                units,
                TopicModeler.Settings.of(
                        config(Map.of(
                                "govlens.topics.doc-concentration", 1.3, "govlens.topics.topic-concentration", 1.02)),
                        K));
    }

    @AfterAll
    static void release() {
        units.unpersist();
    }

    /** The topics block for this fixture: every word kept (min-df 1, max-df 0.5), 10 EM iterations, seed 42. */
    static GovLensConfig.Topics config(Map<String, Object> more) {
        Map<String, Object> o = new TreeMap<>(Map.of(
                "govlens.topics.k",
                K,
                "govlens.topics.max-iterations",
                10,
                "govlens.topics.seed",
                42,
                "govlens.topics.min-df",
                1,
                "govlens.topics.max-df",
                0.5,
                "govlens.topics.top-words",
                5,
                "govlens.topics.doc-concentration",
                "auto",
                "govlens.topics.topic-concentration",
                "auto"));
        o.putAll(more);
        return GovLensConfig.load(null, o).topics();
    }

    // k topics, each with top-words distinct words of the vocabulary (all 24 theme words).
    @Test
    void fitHasKTopicsOfDistinctVocabularyWords() {
        assertEquals(24, auto.vocabulary().size(), "seed " + SEED);
        assertEquals(K, auto.topics().size());
        assertEquals(K, TopicModeler.k(auto.model()));
        for (TopicModeler.Topic t : auto.topics()) {
            assertEquals(5, t.terms().size());
            assertEquals(5, t.terms().stream().distinct().count(), t.toString());
            assertTrue(auto.vocabulary().containsAll(t.terms()), t.toString());
        }
    }

    // Every unit gets one weight per topic, and they sum to 1.
    @Test
    void everyUnitsWeightsSumToOne() {
        Map<String, double[]> byUnit = new TreeMap<>();
        for (Row r : TopicModeler.apply(auto.model(), units)
                .select("doc_id", "topic", "weight")
                .collectAsList()) {
            double[] w = byUnit.computeIfAbsent(r.getString(0), d -> new double[] {0, 0});
            w[0] += r.getDouble(2);
            w[1]++;
        }
        assertEquals(60, byUnit.size());
        byUnit.forEach((doc, w) -> {
            assertEquals(K, (int) w[1], doc);
            assertEquals(1.0, w[0], 1e-9, doc + " (seed " + SEED + ")");
        });
    }

    // Configured priors are set on the fitted model (Spark's toLocal drops them; fit copies them back), and the
    // model uses them: its estimated doc concentration is the configured alpha.
    @Test
    void explicitPriorsReachTheFittedModel() {
        assertEquals(new TopicModeler.Priors(1.3, 1.02), TopicModeler.priors(explicit.model()));
        LocalLDAModel lda = (LocalLDAModel) explicit.model().stages()[1];
        assertArrayEquals(
                new double[] {1.3, 1.3, 1.3}, lda.estimatedDocConcentration().toArray());
        assertEquals(K, lda.getK());
        assertEquals(10, lda.getMaxIter());
    }

    // Priors left on auto stay unset on the model and Spark picks EM's default alpha, 50/k + 1.
    @Test
    void autoPriorsStayUnsetAndGiveSparksDefault() {
        assertEquals(
                new TopicModeler.Priors(GovLensConfig.Topics.AUTO, GovLensConfig.Topics.AUTO),
                TopicModeler.priors(auto.model()));
        LocalLDAModel lda = (LocalLDAModel) auto.model().stages()[1];
        double alpha = 50.0 / K + 1;
        assertArrayEquals(
                new double[] {alpha, alpha, alpha},
                lda.estimatedDocConcentration().toArray(),
                1e-12);
    }

    // A saved and reloaded model still says which priors it was fitted with.
    @Test
    void priorsSurviveSaveAndLoad() throws Exception {
        String dir = tmp.resolve("explicit").toString();
        explicit.model().write().overwrite().save(dir);
        PipelineModel loaded = PipelineModel.load(dir);
        assertEquals(new TopicModeler.Priors(1.3, 1.02), TopicModeler.priors(loaded));
        assertEquals(K, ((LocalLDAModel) loaded.stages()[1]).getK());
    }

    // The model id covers the priors: the same units and vocabulary with other priors get another id.
    @Test
    void otherPriorsGiveAnotherModelId() {
        String a = AnalyticsJob.modelId(base, auto, unitIds);
        String b = AnalyticsJob.modelId(base, explicit, unitIds);
        assertEquals(auto.vocabulary(), explicit.vocabulary());
        assertNotEquals(a, b);
        TopicModeler.Settings betaOnly =
                new TopicModeler.Settings(K, "em", 10, 42, 1, 0.5, base.vocabSize, 5, GovLensConfig.Topics.AUTO, 1.02);
        assertNotEquals(a, AnalyticsJob.modelId(base, withSettings(auto, betaOnly), unitIds));
    }

    // The same settings, vocabulary and units give the same id (what makes the two ids above differ is the priors).
    @Test
    void sameSettingsGiveTheSameModelId() {
        assertEquals(
                AnalyticsJob.modelId(base, auto, unitIds),
                AnalyticsJob.modelId(base, withSettings(auto, TopicModeler.Settings.of(base, K)), unitIds));
    }

    // A saved model fitted with Spark's default priors is not re-used when other priors are configured.
    @Test
    void savedModelWithOtherPriorsIsNotReused() {
        ModelStore.Saved saved = saved(auto);
        GovLensConfig.Topics wanted = config(Map.of("govlens.topics.doc-concentration", 1.3));
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> AnalyticsJob.checkCompatible(saved, wanted, "/models"));
        assertTrue(e.getMessage().contains("doc-concentration=auto"), e.getMessage());
        assertTrue(e.getMessage().contains("doc-concentration=1.3"), e.getMessage());
        assertTrue(e.getMessage().contains("retrain=true"), e.getMessage());
    }

    // A saved model fitted with the configured priors is re-used, explicit or auto.
    @Test
    void savedModelWithTheConfiguredPriorsIsReused() {
        assertDoesNotThrow(() -> AnalyticsJob.checkCompatible(saved(auto), base, "/models"));
        GovLensConfig.Topics same =
                config(Map.of("govlens.topics.doc-concentration", 1.3, "govlens.topics.topic-concentration", 1.02));
        assertDoesNotThrow(() -> AnalyticsJob.checkCompatible(saved(explicit), same, "/models"));
    }

    static TopicModeler.Fitted withSettings(TopicModeler.Fitted f, TopicModeler.Settings s) {
        return new TopicModeler.Fitted(s, f.model(), f.topics(), f.vocabulary(), f.nUnits());
    }

    /** The fit as the model store returns it, with the selected topic_models row the check reads. */
    static ModelStore.Saved saved(TopicModeler.Fitted f) {
        StructType schema = new StructType()
                .add("unit", DataTypes.StringType)
                .add("k", DataTypes.IntegerType)
                .add("selected", DataTypes.BooleanType);
        Dataset<Row> topicModels = spark.createDataFrame(List.of(RowFactory.create("section", K, true)), schema);
        return new ModelStore.Saved("lda-test", f.model(), null, topicModels);
    }
}
