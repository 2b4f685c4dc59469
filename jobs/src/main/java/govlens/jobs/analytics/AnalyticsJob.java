package govlens.jobs.analytics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import govlens.jobs.RunContext;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.ingest.IngestJob;
import govlens.jobs.warehouse.RunTransaction;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.Warehouse;
import govlens.lib.nlp.Coherence;
import govlens.lib.nlp.TokenFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents, sections and sentences → tokens, term_stats, keywords and the LDA tables (topic_models, topics,
 * doc_topics, topic_shares). Schemas and meanings: {@link AnalyticsTables} and docs/analytics.md.
 *
 * <p>Every sentence is tokenized once with HanLP ({@link TokenizeSentences}); the token table is cached and
 * feeds every later step. Only content tokens (govlens.tokens filter) are counted, ranked or modelled.
 * Documents without a region or a year are left out of the region × year views (term_stats scope
 * region_year, keywords scope region_year, topic_shares) rather than pooled into a misleading "unknown".
 *
 * <p>Topics are stable across runs: when a saved model is current (see {@link ModelStore}) and
 * {@code govlens.topics.retrain} is false, the run only applies it; otherwise it fits one model per k
 * candidate, keeps the one with the best mean NPMI and saves it as the new current model. The saved model
 * must have been fitted on the configured unit and k (or one of the k-candidates); otherwise the run fails
 * and asks for retrain=true, because silently mixing two topic numberings in one warehouse is worse than a
 * stopped run.
 */
public final class AnalyticsJob {
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsJob.class);

  private AnalyticsJob() {}

  /** The tables of one run; tokens and doc_topics are cached, release them with {@link #unpersist}. */
  public record Result(
      Dataset<Row> tokens,
      Dataset<Row> termStats,
      Dataset<Row> keywords,
      Dataset<Row> topicModels,
      Dataset<Row> topics,
      Dataset<Row> docTopics,
      Dataset<Row> topicShares,
      String modelId) {
    public void unpersist() {
      tokens.unpersist();
      docTopics.unpersist();
    }
  }

  /**
   * Standalone: treats the given documents as the whole corpus and rebuilds every analytics table in its own
   * committed transaction. For tools and tests; the pipeline uses the incremental overload.
   */
  public static Result run(SparkSession spark, GovLensConfig config, RunContext run,
      Dataset<Row> documents, Dataset<Row> sections, Dataset<Row> sentences) {
    RunTransaction tx = new RunTransaction(spark, config.warehouse(), run.runId());
    // A rebuild writes whole tables, so no partition list is needed.
    Result r = run(spark, config, run, tx, new Delta(documents, sentences, documents.select("doc_id"),
        documents, sentences, List.of(), true));
    tx.commit();
    return r;
  }

  /** The pipeline's call: this run's new documents merged into the committed analytics tables. */
  public static Result run(SparkSession spark, GovLensConfig config, RunContext run, RunTransaction tx,
      IngestJob.Result ingest) {
    boolean rebuild = config.fullRebuild()
        || !Warehouse.exists(spark, config.warehouse(), AnalyticsTables.TOKENS);
    Dataset<Row> allSentences = rebuild ? ingest.newSentences() : Warehouse.mergeByDoc(
        Warehouse.read(spark, config.warehouse(), Tables.SENTENCES), ingest.newSentences(), ingest.newDocIds(),
        Tables.SENTENCES);
    return run(spark, config, run, tx, new Delta(ingest.newDocuments(), ingest.newSentences(),
        ingest.newDocIds(), ingest.allDocuments(), allSentences, ingest.touchedYears(), rebuild));
  }

  /**
   * What the analytics stage works from: the new documents and sentences, and the corpus after this run
   * (documents and sentences). {@code rebuild}: the committed analytics tables are ignored and rewritten whole.
   */
  record Delta(Dataset<Row> newDocuments, Dataset<Row> newSentences, Dataset<Row> newDocIds,
      Dataset<Row> allDocuments, Dataset<Row> allSentences, List<Object> touchedYears, boolean rebuild) {}

  /**
   * Tokens and doc_topics are per document: new rows merge into the committed table, only the touched
   * report_year partitions are rewritten. term_stats, keywords and topic_shares are corpus-wide: recomputed
   * over the merged tables. A saved topic model is applied to the new documents only; fitting (first run,
   * retrain, full rebuild) uses every document.
   */
  static Result run(SparkSession spark, GovLensConfig config, RunContext run, RunTransaction tx, Delta d) {
    String wh = config.warehouse();
    boolean nothingNew = d.newDocuments().isEmpty();
    if (nothingNew && !d.rebuild() && !config.topics().retrain) {
      LOG.info("analytics: no new documents, tables unchanged");
      Dataset<Row> tokens = Warehouse.read(spark, wh, AnalyticsTables.TOKENS);
      return new Result(tokens, Warehouse.read(spark, wh, AnalyticsTables.TERM_STATS),
          Warehouse.read(spark, wh, AnalyticsTables.KEYWORDS), Warehouse.read(spark, wh, AnalyticsTables.TOPIC_MODELS),
          Warehouse.read(spark, wh, AnalyticsTables.TOPICS), Warehouse.read(spark, wh, AnalyticsTables.DOC_TOPICS),
          Warehouse.read(spark, wh, AnalyticsTables.TOPIC_SHARES), null);
    }
    // On local disk, not the heap: the token rows are the largest dataset of a run (25 M rows for 10,000
    // reports), read twice (content tokens, the table write), and cheaper to re-read than to re-tokenize.
    Dataset<Row> newTokens = tokenize(d.newSentences(), TokenFilter.fromConfig(config.tokens()))
        .persist(StorageLevel.DISK_ONLY());
    Dataset<Row> tokens = d.rebuild() ? newTokens : Warehouse.mergeByDoc(
        Warehouse.read(spark, wh, AnalyticsTables.TOKENS), newTokens, d.newDocIds(), AnalyticsTables.TOKENS);
    Dataset<Row> docMeta = d.allDocuments().select("doc_id", "region_code", "region_name", "report_year");
    Dataset<Row> content = contentTokens(tokens, docMeta).persist(StorageLevel.MEMORY_AND_DISK());
    long nDocs = d.allDocuments().count();
    Dataset<Row> docTerms = docTerms(content).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> corpusTerms = corpusTerms(docTerms).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> termStats = termStats(docTerms, corpusTerms, docMeta, nDocs);
    Dataset<Row> keywords = keywords(content, docTerms, corpusTerms, nDocs, config.keywordsTopK(), docMeta);
    Topics topics = config.topics().enabled ? topics(spark, config, run, d, content, docMeta) : Topics.empty(spark);

    List<Object> years = d.touchedYears();
    stage(tx, d.rebuild(), AnalyticsTables.TOKENS, tokens, years);
    tx.replaceTable(AnalyticsTables.TERM_STATS, termStats);
    tx.replaceTable(AnalyticsTables.KEYWORDS, keywords);
    if (topics.fitted || d.rebuild() || !config.topics().enabled) {
      tx.replaceTable(AnalyticsTables.TOPIC_MODELS, topics.topicModels);
      tx.replaceTable(AnalyticsTables.TOPICS, topics.topics);
      tx.replaceTable(AnalyticsTables.DOC_TOPICS, topics.docTopics);
    } else {
      stage(tx, false, AnalyticsTables.DOC_TOPICS, topics.docTopics, years);
    }
    tx.replaceTable(AnalyticsTables.TOPIC_SHARES, topics.topicShares);
    run.count("tokens_new", newTokens.count());
    LOG.info("analytics: {} new tokens, topic model {}", run.counts().get("tokens_new"), topics.modelId);
    content.unpersist();
    docTerms.unpersist();
    corpusTerms.unpersist();
    return new Result(newTokens, termStats, keywords, topics.topicModels, topics.topics, topics.docTopics,
        topics.topicShares, topics.modelId);
  }

  private static void stage(RunTransaction tx, boolean whole, TableDef table,
      Dataset<Row> rows, List<Object> years) {
    if (whole) {
      tx.replaceTable(table, rows);
    } else {
      tx.replacePartitions(table, rows, years);
    }
  }

  /** One row per token of every sentence, offsets into documents.text. */
  static Dataset<Row> tokenize(Dataset<Row> sentences, TokenFilter filter) {
    return sentences.select(TokenizeSentences.INPUT[0], java.util.Arrays.copyOfRange(
            TokenizeSentences.INPUT, 1, TokenizeSentences.INPUT.length))
        .mapPartitions(new TokenizeSentences(filter), Encoders.row(TokenizeSentences.OUTPUT));
  }

  /** Content tokens with the document's region and year (the documents table is the source of both). */
  static Dataset<Row> contentTokens(Dataset<Row> tokens, Dataset<Row> docMeta) {
    return tokens.filter(col("is_content"))
        .select("doc_id", "section_id", "sentence_idx", "token", "char_start")
        .join(broadcast(docMeta), "doc_id");
  }

  /**
   * Occurrences of each content term in each document, with the document's region and year: the one
   * aggregation over the content tokens; term_stats and the TF-IDF keywords are derived from it. A document
   * frequency is then a count of rows, never countDistinct, whose stacked hash aggregates ran out of
   * execution memory on 10,000 reports with a 2 GB heap.
   */
  static Dataset<Row> docTerms(Dataset<Row> content) {
    return content.groupBy("doc_id", "region_code", "region_name", "report_year", "token")
        .agg(count(lit(1)).as("count"));
  }

  /** Per term over the corpus: doc_freq (documents containing it) and term_freq, from {@link #docTerms}. */
  static Dataset<Row> corpusTerms(Dataset<Row> docTerms) {
    return docTerms.groupBy("token").agg(count(lit(1)).as("doc_freq"), sum("count").as("term_freq"));
  }

  /**
   * Exact counts per term at the three scopes, from {@link #docTerms} and {@link #corpusTerms}; see
   * {@link AnalyticsTables#TERM_STATS}.
   */
  static Dataset<Row> termStats(Dataset<Row> docTerms, Dataset<Row> corpusTerms, Dataset<Row> docMeta,
      long nDocs) {
    Dataset<Row> corpus = corpusTerms
        .select(lit("corpus").as("scope"), lit(null).cast("string").as("doc_id"),
            lit(null).cast("string").as("region_code"), lit(null).cast("string").as("region_name"),
            lit(null).cast("int").as("report_year"), col("token").as("term"), col("doc_freq"),
            col("term_freq"), lit(nDocs).as("n_docs"));
    Dataset<Row> doc = docTerms
        .select(lit("doc").as("scope"), col("doc_id"),
            lit(null).cast("string").as("region_code"), lit(null).cast("string").as("region_name"),
            lit(null).cast("int").as("report_year"), col("token").as("term"), lit(1L).as("doc_freq"),
            col("count").as("term_freq"), lit(1L).as("n_docs"));
    Dataset<Row> docsPerRegionYear = regionYear(docMeta).groupBy("region_code", "report_year")
        .agg(count(lit(1)).as("n_docs"));
    Dataset<Row> regionYear = regionYear(docTerms).groupBy("region_code", "region_name", "report_year", "token")
        .agg(count(lit(1)).as("doc_freq"), sum("count").as("term_freq"))
        .join(docsPerRegionYear, new String[] {"region_code", "report_year"})
        .select(lit("region_year").as("scope"), lit(null).cast("string").as("doc_id"), col("region_code"),
            col("region_name"), col("report_year"), col("token").as("term"), col("doc_freq"),
            col("term_freq"), col("n_docs"));
    return corpus.unionByName(doc).unionByName(regionYear);
  }

  /** Rows with a known region and year: the only ones a region × year view can place. */
  private static Dataset<Row> regionYear(Dataset<Row> rows) {
    return rows.filter(col("region_code").isNotNull().and(col("report_year").isNotNull()));
  }

  /**
   * TF-IDF keywords per document and per region × year (from {@link #docTerms}, idf from
   * {@link #corpusTerms}), TextRank keywords per
   * document (from the content tokens in text order).
   */
  static Dataset<Row> keywords(Dataset<Row> content, Dataset<Row> docTerms, Dataset<Row> corpusTerms,
      long nDocs, int topK, Dataset<Row> docMeta) {
    // idf = ln((1 + N) / (1 + df)) + 1, scikit-learn's smoothed idf: never zero, so a term in every
    // document still ranks by its count.
    Dataset<Row> idf = corpusTerms.select(col("token"),
        log(lit(1.0 + nDocs).divide(col("doc_freq").plus(1.0))).plus(1.0).as("idf"));
    Dataset<Row> docTfidf = top(docTerms.join(idf, "token"), new String[] {"doc_id"}, topK)
        .select(lit("doc").as("scope"), lit("tfidf").as("method"), col("doc_id"), col("region_code"),
            col("region_name"), col("report_year"), col("rank"), col("token").as("term"), col("score"),
            col("count"));
    Dataset<Row> perRegionYear = regionYear(docTerms)
        .groupBy("region_code", "region_name", "report_year", "token")
        .agg(sum("count").as("count"));
    Dataset<Row> regionTfidf = top(perRegionYear.join(idf, "token"),
            new String[] {"region_code", "region_name", "report_year"}, topK)
        .select(lit("region_year").as("scope"), lit("tfidf").as("method"),
            lit(null).cast("string").as("doc_id"), col("region_code"), col("region_name"),
            col("report_year"), col("rank"), col("token").as("term"), col("score"), col("count"));
    Dataset<Row> textRank = content.select("doc_id", "token", "char_start")
        .repartition(col("doc_id"))
        .sortWithinPartitions("doc_id", "char_start")
        .select("doc_id", "token")
        .mapPartitions(new TextRankDocuments(topK), Encoders.row(TextRankDocuments.OUTPUT))
        .join(broadcast(docMeta), "doc_id")
        .select(lit("doc").as("scope"), lit("textrank").as("method"), col("doc_id"), col("region_code"),
            col("region_name"), col("report_year"), col("rank"), col("term"), col("score"), col("count"));
    return docTfidf.unionByName(regionTfidf).unionByName(textRank);
  }

  /** The topK rows per group by tf × idf, ties broken by term so reruns rank identically. */
  private static Dataset<Row> top(Dataset<Row> counted, String[] group, int topK) {
    Column[] by = java.util.Arrays.stream(group).map(org.apache.spark.sql.functions::col)
        .toArray(Column[]::new);
    return counted.withColumn("score", col("count").multiply(col("idf")))
        .withColumn("rank", row_number().over(Window.partitionBy(by)
            .orderBy(col("score").desc(), col("token").asc())))
        .filter(col("rank").leq(topK));
  }

  /**
   * The LDA documents: doc_id, unit_id, report_year and terms (the unit's content words in text order).
   * Section units are sections; chunk n of a document holds the sentences that start within characters
   * [n·chunk-chars, (n+1)·chunk-chars) of the document's sentence text, so chunks are about chunk-chars long
   * and never split a sentence. Unordered: the fit sample orders itself, and applying a model is per unit.
   */
  static Dataset<Row> units(Dataset<Row> content, Dataset<Row> sentences, GovLensConfig.Topics t) {
    Dataset<Row> keyed;
    if (t.unit.equals("chunk")) {
      Column charsBefore = coalesce(sum(col("char_end").minus(col("char_start"))).over(
          Window.partitionBy("doc_id").orderBy("idx").rowsBetween(Window.unboundedPreceding(), -1)), lit(0L));
      Dataset<Row> chunkOf = sentences.select(col("doc_id"), col("idx").as("sentence_idx"),
          format_string("c%03d", floor(charsBefore.divide(t.chunkChars)).cast("int")).as("unit_id"));
      keyed = content.join(chunkOf, new String[] {"doc_id", "sentence_idx"});
    } else {
      keyed = content.withColumn("unit_id", col("section_id"));
    }
    return keyed.groupBy("doc_id", "unit_id", "report_year")
        .agg(sort_array(collect_list(struct(col("char_start"), col("token")))).as("ordered"))
        .select(col("doc_id"), col("unit_id"), col("report_year"), col("ordered").getField("token").as("terms"));
  }

  /** The four topic tables after this run, the model they come from, and whether it was fitted now. */
  private record Topics(String modelId, Dataset<Row> topicModels, Dataset<Row> topics, Dataset<Row> docTopics,
      Dataset<Row> topicShares, boolean fitted) {
    static Topics empty(SparkSession spark) {
      return new Topics(null, Warehouse.empty(spark, AnalyticsTables.TOPIC_MODELS),
          Warehouse.empty(spark, AnalyticsTables.TOPICS), Warehouse.empty(spark, AnalyticsTables.DOC_TOPICS),
          Warehouse.empty(spark, AnalyticsTables.TOPIC_SHARES), false);
    }
  }

  private static Topics topics(SparkSession spark, GovLensConfig config, RunContext run, Delta d,
      Dataset<Row> allContent, Dataset<Row> docMeta) {
    GovLensConfig.Topics t = config.topics();
    ModelStore store = ModelStore.of(spark, config);
    var current = t.retrain ? java.util.Optional.<String>empty() : store.current();
    boolean fit = current.isEmpty();
    // Applying a saved model touches only the new documents; fitting one reads every document.
    Dataset<Row> unitContent = fit || d.rebuild() ? allContent
        : allContent.join(d.newDocIds(), "doc_id");
    Dataset<Row> unitSentences = fit || d.rebuild() ? d.allSentences() : d.newSentences();
    Dataset<Row> units = units(unitContent, unitSentences, t).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      ModelStore.Saved model;
      if (!fit) {
        model = store.load(current.get());
        checkCompatible(model, t, store);
        LOG.info("topics: applying saved model {} from {}", model.modelId(), store.root());
      } else {
        model = fitAndSave(spark, t, run, units, store);
      }
      Dataset<Row> newDocTopics = TopicModeler.apply(model.model(), units)
          .withColumn("model_id", lit(model.modelId()))
          .persist(StorageLevel.MEMORY_AND_DISK());
      newDocTopics.count(); // fills the cache while the units are still cached
      Dataset<Row> docTopics = fit || d.rebuild() ? newDocTopics : Warehouse.mergeByDoc(
          Warehouse.read(spark, config.warehouse(), AnalyticsTables.DOC_TOPICS), newDocTopics, d.newDocIds(),
          AnalyticsTables.DOC_TOPICS);
      return new Topics(model.modelId(), model.topicModels(), model.topics(), docTopics,
          topicShares(docTopics, docMeta), fit);
    } finally {
      units.unpersist();
    }
  }

  private static void checkCompatible(ModelStore.Saved saved, GovLensConfig.Topics t, ModelStore store) {
    Row m = saved.topicModels().filter(col("selected")).select("unit", "k").first();
    String unit = m.getString(0);
    int k = m.getInt(1);
    boolean kOk = t.kCandidates.isEmpty() ? k == t.k : t.kCandidates.contains(k);
    if (!unit.equals(t.unit) || !kOk) {
      throw new IllegalStateException("the current topic model " + saved.modelId() + " in " + store.root()
          + " was fitted with unit=" + unit + ", k=" + k + " but govlens.topics asks for unit=" + t.unit
          + ", k=" + (t.kCandidates.isEmpty() ? t.k : t.kCandidates)
          + ": set govlens.topics.retrain=true to fit a new model");
    }
  }

  /**
   * k-selection: one fit per candidate on the fit sample ({@link TopicModeler#fitSample}), the best mean NPMI
   * over that sample wins (the smaller k on a tie).
   */
  private static ModelStore.Saved fitAndSave(SparkSession spark, GovLensConfig.Topics t, RunContext run,
      Dataset<Row> units, ModelStore store) {
    List<Integer> ks = t.kCandidates.isEmpty() ? List.of(t.k) : t.kCandidates.stream().sorted().toList();
    Dataset<Row> fitUnits = TopicModeler.fitSample(units, t.maxFitUnits, t.seed,
        spark.sparkContext().defaultParallelism());
    try {
      return fitAndSave(spark, t, run, fitUnits, ks, store);
    } finally {
      fitUnits.unpersist();
    }
  }

  private static ModelStore.Saved fitAndSave(SparkSession spark, GovLensConfig.Topics t, RunContext run,
      Dataset<Row> units, List<Integer> ks, ModelStore store) {
    List<Candidate> candidates = new ArrayList<>();
    for (int k : ks) {
      TopicModeler.Fitted f = TopicModeler.fit(units, TopicModeler.Settings.of(t, k));
      List<Double> npmi = TopicModeler.coherence(units, f.topWords(), t.topWords);
      double mean = npmi.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      String id = modelId(run, f);
      LOG.info("topics: fitted {} (k={}, {} units, vocabulary {}): mean NPMI {}", id, k, f.nUnits(),
          f.vocabulary().size(), String.format("%.4f", mean));
      candidates.add(new Candidate(id, f, npmi, mean));
    }
    Candidate best = candidates.stream()
        .max(Comparator.comparingDouble(Candidate::meanNpmi).thenComparing(c -> -c.fitted().settings().k()))
        .orElseThrow();
    List<Row> modelRows = new ArrayList<>();
    for (Candidate c : candidates) {
      TopicModeler.Settings s = c.fitted().settings();
      modelRows.add(RowFactory.create(c.id(), s.k(), t.unit, s.optimizer(), s.maxIterations(), s.seed(),
          c.fitted().vocabulary().size(), c.fitted().nUnits(), c.meanNpmi(),
          Coherence.topicDiversity(c.fitted().topWords(), t.topWords),
          TopicModeler.logPerplexity(c.fitted().model(), units),
          c == best, run.runId(), run.startedAt()));
    }
    List<Row> topicRows = new ArrayList<>();
    for (TopicModeler.Topic topic : best.fitted().topics()) {
      for (int r = 0; r < topic.terms().size(); r++) {
        topicRows.add(RowFactory.create(best.id(), topic.topic(), r + 1, topic.terms().get(r),
            topic.weights().get(r), best.npmi().get(topic.topic())));
      }
    }
    Dataset<Row> topicModels = spark.createDataFrame(modelRows, AnalyticsTables.TOPIC_MODELS.schema());
    Dataset<Row> topics = spark.createDataFrame(topicRows, AnalyticsTables.TOPICS.schema());
    store.save(best.id(), best.fitted().model(), topics, topicModels);
    LOG.info("topics: saved {} as the current model in {}", best.id(), store.root());
    return store.load(best.id());
  }

  private record Candidate(String id, TopicModeler.Fitted fitted, List<Double> npmi, double meanNpmi) {}

  /** lda-k&lt;k&gt;-&lt;8 hex digits of SHA-256 over run, seed, k and vocabulary&gt;: unique per fit, readable. */
  static String modelId(RunContext run, TopicModeler.Fitted f) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((run.runId() + "|" + f.settings().seed() + "|" + f.settings().k() + "|")
          .getBytes(StandardCharsets.UTF_8));
      for (String w : f.vocabulary()) {
        sha.update((w + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return "lda-k" + f.settings().k() + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JVM", e);
    }
  }

  /** Token-weighted mean topic weights per region × year: the units' n_tokens are the weights. */
  static Dataset<Row> topicShares(Dataset<Row> docTopics, Dataset<Row> docMeta) {
    return docTopics.select("doc_id", "model_id", "topic", "weight", "n_tokens")
        .join(broadcast(docMeta), "doc_id")
        .transform(AnalyticsJob::regionYear)
        .groupBy("region_code", "region_name", "report_year", "model_id", "topic")
        .agg(sum(col("weight").multiply(col("n_tokens"))).divide(sum(col("n_tokens"))).as("share"),
            count(lit(1)).as("n_units"));
  }
}
