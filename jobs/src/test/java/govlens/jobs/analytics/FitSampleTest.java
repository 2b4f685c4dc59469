package govlens.jobs.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.SharedSparkSession;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.config.GovLensConfig.InvalidConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The LDA fit sample ({@link TopicModeler#fitSample}) on 1,000 hand-made units d0000/s000 … d0999/s000. */
class FitSampleTest extends SharedSparkSession {
    static Dataset<Row> units;

    @BeforeAll
    static void fixture() {
        StructType schema = new StructType()
                .add("doc_id", DataTypes.StringType)
                .add("unit_id", DataTypes.StringType)
                .add("terms", DataTypes.createArrayType(DataTypes.StringType));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(RowFactory.create(String.format("d%04d", i), "s000", new String[] {"w" + i % 7}));
        }
        units = spark.createDataFrame(rows, schema);
    }

    static Set<String> keys(Dataset<Row> sample) {
        Set<String> out = new HashSet<>();
        for (Row r : sample.select("doc_id").collectAsList()) {
            out.add(r.getString(0));
        }
        sample.unpersist();
        return out;
    }

    // More units than the cap: exactly the cap, no unit twice.
    @Test
    void capsTheUnits() {
        Dataset<Row> sample = TopicModeler.fitSample(units, 100, 42, 2);
        assertEquals(100, sample.count());
        assertEquals(100, keys(sample).size());
    }

    // The sample depends on the units and the seed, not on how the input is partitioned.
    @Test
    void sameSampleWhateverThePartitioning() {
        Set<String> a = keys(TopicModeler.fitSample(units.repartition(1), 100, 42, 2));
        Set<String> b = keys(TopicModeler.fitSample(units.repartition(7), 100, 42, 2));
        assertEquals(a, b);
    }

    // Another seed draws another sample.
    @Test
    void seedChangesTheSample() {
        Set<String> a = keys(TopicModeler.fitSample(units, 100, 42, 2));
        Set<String> b = keys(TopicModeler.fitSample(units, 100, 43, 2));
        assertTrue(!a.equals(b), "seeds 42 and 43 drew the same 100 units");
    }

    // At or under the cap every unit is kept; 1,000 units fill one partition (2,500 per partition).
    @Test
    void keepsAllUnitsUnderTheCap() {
        Dataset<Row> sample = TopicModeler.fitSample(units, 5000, 42, 2);
        assertEquals(1, sample.rdd().getNumPartitions());
        assertEquals(1000, keys(sample).size());
    }

    // n_tokens is the sum of the counts, sparse or dense.
    @Test
    void tokenCountSumsTheVector() {
        assertEquals(5, TopicModeler.tokenCount(Vectors.sparse(10, new int[] {1, 4}, new double[] {2, 3})));
        assertEquals(6, TopicModeler.tokenCount(Vectors.dense(1, 2, 3)));
    }

    // A cap below 1 is a configuration error named at start-up.
    @Test
    void capMustBePositive() {
        InvalidConfigException e = assertThrows(
                InvalidConfigException.class,
                () -> GovLensConfig.load(null, Map.of("govlens.topics.max-fit-units", 0)));
        assertTrue(e.getMessage().contains("govlens.topics.max-fit-units"), e.getMessage());
    }
}
