package govlens.jobs.analytics;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_intersect;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.xxhash64;

import govlens.jobs.config.GovLensConfig;
import govlens.lib.nlp.Coherence;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.DistributedLDAModel;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.clustering.LocalLDAModel;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * LDA topic models over "units" (rows with a {@code terms} column: the unit's content words, array of
 * strings), with Spark ML: a {@link CountVectorizer} (min-df, max-df, vocab-size) followed by
 * {@link LDA}. Shared by {@link AnalyticsJob} and {@link LdaBench} so the benchmark measures exactly what
 * the job runs.
 *
 * <p>The model kept is always a {@link PipelineModel} of the CountVectorizerModel and a
 * {@link LocalLDAModel}: an EM fit gives a DistributedLDAModel, which is converted with {@code toLocal()}
 * because its saved form carries the whole training graph and because only the local model's
 * {@code transform} (variational inference with the model's fixed seed) gives the same distribution for a
 * unit whether the model was just fitted or loaded from disk.
 *
 * <p>Online optimisation always uses subsamplingRate 1.0 (every iteration sees every unit) and learns an
 * asymmetric document concentration: Spark's default rate of 0.05 sees a few units per iteration on a
 * report corpus and yields noise topics.
 */
public final class TopicModeler {
    /** Output column of the unit's term counts. */
    static final String FEATURES = "features";

    private TopicModeler() {}

    /**
     * Settings of one fit.
     *
     * @param docConcentration symmetric Dirichlet prior on unit–topic distributions (alpha); {@link
     *     GovLensConfig.Topics#AUTO} for Spark's default (EM: 50/k + 1; online: 1/k)
     * @param topicConcentration prior on topic–word distributions (beta); {@link GovLensConfig.Topics#AUTO} for
     *     Spark's default (EM 1.1, online 1/k)
     */
    public record Settings(
            int k,
            String optimizer,
            int maxIterations,
            long seed,
            double minDf,
            double maxDf,
            int vocabSize,
            int topWords,
            double docConcentration,
            double topicConcentration)
            implements Serializable {

        /** The configured settings with the given number of topics. */
        public static Settings of(GovLensConfig.Topics t, int k) {
            return new Settings(
                    k,
                    t.optimizer,
                    t.maxIterations,
                    t.seed,
                    t.minDf,
                    t.maxDf,
                    t.vocabSize,
                    t.topWords,
                    t.docConcentration,
                    t.topicConcentration);
        }

        /** These settings with another seed. */
        public Settings withSeed(long other) {
            return new Settings(
                    k,
                    optimizer,
                    maxIterations,
                    other,
                    minDf,
                    maxDf,
                    vocabSize,
                    topWords,
                    docConcentration,
                    topicConcentration);
        }
    }

    /** One topic's most probable words, best first, with P(word | topic). */
    public record Topic(int topic, List<String> terms, List<Double> weights) implements Serializable {}

    /** A fitted model and what the job reports about it. */
    public record Fitted(
            Settings settings, PipelineModel model, List<Topic> topics, List<String> vocabulary, long nUnits) {
        public List<List<String>> topWords() {
            return topics.stream().map(Topic::terms).toList();
        }
    }

    /** Units per partition of a fit sample: below this a task's work is smaller than Spark's cost per task. */
    static final int UNITS_PER_FIT_PARTITION = 2500;

    /**
     * The units a model is fitted on: all of them when there are at most {@code max}, otherwise the {@code max}
     * with the smallest hash of (doc_id, unit_id, seed), a pseudo-random sample that is the same on every run
     * and does not depend on how the input is partitioned. The sample is sorted by that hash and spread over
     * one partition per {@link #UNITS_PER_FIT_PARTITION} units (at most {@code parallelism}): EM runs several
     * Spark jobs per iteration, and on a report-sized sample eight near-empty partitions cost more in task
     * overhead than the fit itself. Returned persisted; the caller unpersists it.
     */
    public static Dataset<Row> fitSample(Dataset<Row> units, int max, long seed, int parallelism) {
        Column hash = xxhash64(col("doc_id"), col("unit_id"), lit(seed));
        Dataset<Row> sample =
                units.orderBy(hash, col("doc_id"), col("unit_id")).limit(max).persist(StorageLevel.MEMORY_AND_DISK());
        long n = sample.count();
        int partitions =
                (int) Math.max(1, Math.min(parallelism, (n + UNITS_PER_FIT_PARTITION - 1) / UNITS_PER_FIT_PARTITION));
        // Round-robin over a sorted single partition: the same units land in the same partitions every run.
        Dataset<Row> spread = sample.repartition(partitions).persist(StorageLevel.MEMORY_AND_DISK());
        spread.count();
        sample.unpersist();
        return spread;
    }

    /** The corpus cannot give a model with these settings (too few units, no shared vocabulary). */
    public static final class NotFittable extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public NotFittable(String message) {
            super(message);
        }
    }

    /**
     * Why {@code units} units cannot be fitted with these settings before anything is computed, or null when they
     * can: fewer units than topics, or so few that max-df (a share of the units) allows a term in fewer units than
     * min-df demands (Spark's CountVectorizer would fail with "maxDF must be >= minDF").
     */
    public static String whyNotFit(long units, Settings s) {
        if (units < s.k()) {
            return units + " units, fewer than the k = " + s.k() + " topics asked for";
        }
        double minDf = s.minDf() >= 1 ? s.minDf() : s.minDf() * units;
        double maxDf = s.maxDf() >= 1 ? s.maxDf() : s.maxDf() * units;
        if (maxDf < minDf) {
            return String.format(
                    java.util.Locale.ROOT,
                    "%d units: max-df %s lets a term occur in at most %.1f of them, min-df %s asks for at least %.1f",
                    units,
                    s.maxDf(),
                    maxDf,
                    s.minDf(),
                    minDf);
        }
        return null;
    }

    /**
     * Fits one model on the units that keep at least one vocabulary word. Units are expected persisted: the
     * vectorizer and every LDA iteration read them.
     *
     * @throws NotFittable when no term passes min-df and max-df (check {@link #whyNotFit} first for the rest)
     */
    public static Fitted fit(Dataset<Row> units, Settings s) {
        CountVectorizerModel cv = new CountVectorizer()
                .setInputCol("terms")
                .setOutputCol(FEATURES)
                .setMinDF(s.minDf())
                .setMaxDF(s.maxDf())
                .setVocabSize(s.vocabSize())
                .fit(units);
        if (cv.vocabulary().length == 0) {
            throw new NotFittable("no term passes govlens.topics.min-df=" + s.minDf() + " and max-df=" + s.maxDf()
                    + " on " + units.count() + " units");
        }
        Dataset<Row> vectors = nonEmpty(cv.transform(units)).select(FEATURES).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            LDA lda = new LDA()
                    .setK(s.k())
                    .setMaxIter(s.maxIterations())
                    .setSeed(s.seed())
                    .setOptimizer(s.optimizer())
                    .setFeaturesCol(FEATURES);
            if (s.optimizer().equals("online")) {
                lda.setSubsamplingRate(1.0).setOptimizeDocConcentration(true);
            }
            // Left unset for AUTO: Spark then picks its default for the optimizer and k.
            if (s.docConcentration() != GovLensConfig.Topics.AUTO) {
                lda.setDocConcentration(s.docConcentration());
            }
            if (s.topicConcentration() != GovLensConfig.Topics.AUTO) {
                lda.setTopicConcentration(s.topicConcentration());
            }
            LDAModel fitted = lda.fit(vectors);
            LocalLDAModel local =
                    fitted instanceof DistributedLDAModel d ? withParams(d.toLocal(), d) : (LocalLDAModel) fitted;
            // A Pipeline of transformers only: fit() just bundles the two stages, it computes nothing.
            PipelineModel model =
                    new Pipeline().setStages(new PipelineStage[] {cv, local}).fit(units);
            return new Fitted(s, model, describe(model, s.topWords()), List.of(cv.vocabulary()), vectors.count());
        } finally {
            vectors.unpersist();
        }
    }

    /**
     * The local model with the parameters set on the fit (k, priors, iterations, seed …): Spark's {@code toLocal()}
     * drops them, so a saved model could not say which priors it was fitted with (and reported k as 10).
     */
    private static LocalLDAModel withParams(LocalLDAModel local, DistributedLDAModel fitted) {
        ParamMap set = new ParamMap();
        for (ParamPair<?> p : fitted.extractParamMap().toList()) {
            if (fitted.isSet(p.param())) {
                set.put(p);
            }
        }
        // Both models share the fit's uid, so the distributed model's params are the local model's params.
        return (LocalLDAModel) local.copy(set);
    }

    /**
     * The priors a model built by {@link #fit} was fitted with, as configured: {@link GovLensConfig.Topics#AUTO}
     * for a prior left to Spark's default (also for models saved before the priors were configurable, which
     * always used the defaults).
     */
    public record Priors(double docConcentration, double topicConcentration) {
        /** The priors of these settings. */
        public static Priors of(Settings s) {
            return new Priors(s.docConcentration(), s.topicConcentration());
        }

        /** "auto" or the number, as govlens.topics spells it. */
        static String show(double v) {
            return v == GovLensConfig.Topics.AUTO ? "auto" : String.valueOf(v);
        }

        @Override
        public String toString() {
            return "doc-concentration=" + show(docConcentration) + ", topic-concentration=" + show(topicConcentration);
        }
    }

    /** The priors read back from the model's own parameters (see {@link Priors}). */
    public static Priors priors(PipelineModel model) {
        LocalLDAModel lda = (LocalLDAModel) model.stages()[1];
        double alpha = lda.isSet(lda.docConcentration()) ? lda.getDocConcentration()[0] : GovLensConfig.Topics.AUTO;
        double beta = lda.isSet(lda.topicConcentration()) ? lda.getTopicConcentration() : GovLensConfig.Topics.AUTO;
        return new Priors(alpha, beta);
    }

    /** The top {@code n} words of every topic of a model built by {@link #fit}. */
    public static List<Topic> describe(PipelineModel model, int n) {
        String[] vocab = ((CountVectorizerModel) model.stages()[0]).vocabulary();
        LocalLDAModel lda = (LocalLDAModel) model.stages()[1];
        List<Topic> out = new ArrayList<>();
        for (Row r : lda.describeTopics(n).orderBy("topic").collectAsList()) {
            List<Integer> idx = r.getList(1);
            List<Double> w = r.getList(2);
            List<String> terms = idx.stream().map(i -> vocab[i]).toList();
            out.add(new Topic(r.getInt(0), terms, List.copyOf(w)));
        }
        return out;
    }

    /**
     * Spark's upper bound on the log perplexity of the units with at least one vocabulary word (one more pass
     * of variational inference; kept out of {@link #fit} so the benchmark times the fit alone).
     */
    public static double logPerplexity(PipelineModel model, Dataset<Row> units) {
        CountVectorizerModel cv = (CountVectorizerModel) model.stages()[0];
        return ((LocalLDAModel) model.stages()[1]).logPerplexity(nonEmpty(cv.transform(units)));
    }

    /** The vocabulary of a model built by {@link #fit}, in the vectorizer's order. */
    public static List<String> vocabulary(PipelineModel model) {
        return List.of(((CountVectorizerModel) model.stages()[0]).vocabulary());
    }

    /**
     * Number of topics of a model built by {@link #fit}, from its topic matrix: the {@code k} param of a model
     * read back from disk is not reliable (a saved k=8 model reported Spark's default 10 on the cluster test).
     */
    public static int k(PipelineModel model) {
        return ((org.apache.spark.ml.clustering.LDAModel) model.stages()[1])
                .topicsMatrix()
                .numCols();
    }

    /**
     * The topic distribution of every unit with at least one vocabulary word: the unit's columns other than
     * terms, plus {@code n_tokens} (in-vocabulary tokens), {@code topic} and {@code weight}, one row per unit ×
     * topic. Deterministic for a given model: a saved model reloaded gives the same rows.
     */
    public static Dataset<Row> apply(PipelineModel model, Dataset<Row> units) {
        Dataset<Row> scored = nonEmpty(model.transform(units));
        List<Column> keep = new ArrayList<>();
        for (String c : units.columns()) {
            if (!c.equals("terms")) {
                keep.add(col(c));
            }
        }
        keep.add(col("n_tokens"));
        keep.add(posexplode(functions.vector_to_array(col("topicDistribution"), "float64"))
                .as(new String[] {"topic", "weight"}));
        return scored.select(keep.toArray(new Column[0]));
    }

    /** Adds n_tokens (sum of the term counts) and keeps units with at least one vocabulary word. */
    private static Dataset<Row> nonEmpty(Dataset<Row> vectorized) {
        // A UDF over the sparse vector reads only its non-zeros; aggregate(vector_to_array(...)) densified every
        // unit to vocab-size doubles and ran interpreted (8% of the executors' CPU on 1,000 reports).
        return vectorized
                .withColumn(
                        "n_tokens",
                        org.apache
                                .spark
                                .sql
                                .functions
                                .udf((UDF1<Vector, Long>) TopicModeler::tokenCount, DataTypes.LongType)
                                .apply(col(FEATURES)))
                .filter(col("n_tokens").gt(0));
    }

    /** Sum of a term-count vector: the unit's in-vocabulary tokens. */
    static long tokenCount(Vector counts) {
        double[] values = counts instanceof SparseVector sv ? sv.values() : counts.toArray();
        long n = 0;
        for (double v : values) {
            n += (long) v;
        }
        return n;
    }

    /**
     * NPMI coherence of each topic's first {@code topN} words over the units as reference corpus (a unit is
     * one co-occurrence window; all units with at least one content word count). Only each unit's subset of
     * the topics' words reaches the driver, never the units themselves.
     */
    public static List<Double> coherence(Dataset<Row> units, List<List<String>> topics, int topN) {
        Set<String> words = new LinkedHashSet<>();
        for (List<String> t : topics) {
            words.addAll(t.subList(0, Math.min(topN, t.size())));
        }
        Dataset<Row> withTerms = units.filter(size(col("terms")).gt(0));
        long nUnits = withTerms.count();
        Column wordSet = lit(words.toArray(new String[0]));
        List<Set<String>> docs = new ArrayList<>();
        for (Row r : withTerms
                .select(array_intersect(array_distinct(col("terms")), wordSet).as("w"))
                .filter(size(col("w")).gt(0))
                .collectAsList()) {
            docs.add(Set.copyOf(r.<String>getList(0)));
        }
        // Units holding none of the words still count in the denominator of every probability.
        docs.addAll(Collections.nCopies((int) (nUnits - docs.size()), Set.of()));
        return coherence(Coherence.of(docs), topics, topN);
    }

    /** Per-topic NPMI with a prebuilt reference corpus (the benchmark builds it in plain Java). */
    public static List<Double> coherence(Coherence reference, List<List<String>> topics, int topN) {
        List<Double> out = new ArrayList<>();
        for (List<String> t : topics) {
            out.add(reference.topicCoherence(t, topN));
        }
        return out;
    }
}
