package govlens.jobs.analytics;

import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import govlens.jobs.RunContext;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.ingest.IngestJob;
import govlens.jobs.state.Digests;
import govlens.jobs.state.DocState;
import govlens.jobs.state.PriorState;
import govlens.jobs.state.Reprocess;
import govlens.jobs.state.StageFingerprints;
import govlens.jobs.state.StageFingerprints.Stage;
import govlens.jobs.warehouse.RunTransaction;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Warehouse;
import govlens.jobs.warehouse.WarehouseWriter;
import govlens.lib.nlp.Coherence;
import govlens.lib.nlp.DocumentAnalyzer;
import govlens.lib.nlp.TokenFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents and sentences → tokens, term_stats, keywords and the LDA tables (topic_models, topics,
 * doc_topics, topic_shares). Schemas and meanings: {@link AnalyticsTables} and docs/analytics.md.
 *
 * <p><b>One pass per document.</b> The documents to analyse — new ones, and every document whose analytics
 * fingerprint is stale (a dictionary or stopword edit) — go through {@link AnalyzeDocuments} once: one
 * task emits a document's tokens, content-term counts, TextRank keywords, LDA units and step errors
 * together, so no token-level row is ever shuffled. That per-document result is written once to the run's
 * scratch folder and every table is derived from it.
 *
 * <p><b>Append, don't rewrite.</b> Per-document rows (tokens, doc_topics, term_stats' doc scope, TextRank
 * keywords) of new documents are appended as new files; only replaced documents' rows are deleted. Corpus
 * counts are updated additively from per-document counts; region × year counts are recomputed for the
 * regions and years that changed. What depends on the whole corpus is recomputed: TF-IDF keywords (every
 * idf moves when a document arrives) and topic shares.
 *
 * <p><b>Topics are stable across runs.</b> When a saved model is current (see {@link ModelStore}) and
 * {@code govlens.topics.retrain} is false, the run only applies it to the documents that need doc_topics.
 * Otherwise — first run, retrain, or a vocabulary the current model no longer covers after every document
 * was re-tokenized — it fits one model per k candidate on a fixed sample of units of every document, keeps
 * the best mean NPMI and saves it, inside the run's transaction, as the new current model. A model's id
 * derives from its settings, vocabulary and training units, so two fits of the same input have the same id.
 * The saved model must have been fitted on the configured unit, k (or one of the k-candidates) and priors
 * (doc-concentration, topic-concentration); otherwise the run fails and asks for retrain=true, because silently mixing two topic numberings in one
 * warehouse is worse than a stopped run.
 *
 * <p>Documents without a region or a year are left out of the region × year views (term_stats scope
 * region_year, keywords scope region_year, topic_shares) rather than pooled into a misleading "unknown".
 */
public final class AnalyticsJob {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsJob.class);

    static final String DOCS = "docs";
    static final String SCOPE_DOC = "doc";
    static final String SCOPE_REGION_YEAR = "region_year";
    static final String SCOPE_CORPUS = "corpus";

    /** Tables this stage owns; if any cannot be merged into, every document is analysed again. */
    public static final List<TableDef> TABLES = List.of(
            AnalyticsTables.TOKENS,
            AnalyticsTables.TERM_STATS,
            AnalyticsTables.KEYWORDS,
            AnalyticsTables.DOC_TOPICS,
            AnalyticsTables.TOPIC_MODELS,
            AnalyticsTables.TOPICS,
            AnalyticsTables.TOPIC_SHARES,
            AnalyticsTables.DOC_TERMS,
            AnalyticsTables.REGION_YEAR_TERMS);

    private AnalyticsJob() {}

    /**
     * @param analyzed documents analysed in this run (their state takes the current analytics fingerprint)
     * @param withTopics documents whose doc_topics this run wrote (their state takes {@code modelId})
     * @param modelId the current topic model after the run; null when topics are off
     * @param errors errors rows of this run's analyses
     */
    public record Result(Set<String> analyzed, Set<String> withTopics, String modelId, List<Row> errors) {}

    public static Result run(
            SparkSession spark,
            GovLensConfig config,
            RunContext run,
            RunTransaction tx,
            StageFingerprints fps,
            PriorState prior,
            IngestJob.Result ingest) {
        String fp = fps.get(Stage.ANALYTICS);
        String wh = config.warehouse();
        GovLensConfig.Topics t = config.topics();
        List<String> unusable = prior.unusable(TABLES);
        boolean all = config.fullRebuild() || ingest.all() || !unusable.isEmpty();
        Map<String, DocState> docs = ingest.docs();

        ModelStore store = ModelStore.of(spark, config);
        Optional<String> current = t.enabled && !t.retrain ? store.current() : Optional.empty();
        ModelStore.Saved saved = current.map(store::load).orElse(null);
        if (saved != null) {
            checkCompatible(saved, t, store.root());
        }
        boolean fit = t.enabled && saved == null;
        Set<String> todo = new TreeSet<>();
        for (DocState d : docs.values()) {
            boolean stale = all || fit || !fp.equals(d.analytics());
            boolean needsTopics = saved != null && !saved.modelId().equals(d.topicModel());
            if (stale || needsTopics) {
                todo.add(d.docId());
            }
        }
        boolean topicTablesMissing =
                t.enabled && !(prior.usable(AnalyticsTables.TOPICS) && prior.usable(AnalyticsTables.TOPIC_MODELS));
        if (todo.isEmpty() && ingest.deleted().isEmpty() && !topicTablesMissing) {
            LOG.info("analytics: every document is current, tables unchanged");
            return new Result(Set.of(), Set.of(), t.enabled ? current.orElse(null) : null, List.of());
        }
        Reprocess.log(LOG, Stage.ANALYTICS, todo, ingest, config.fullRebuild(), unusable, fps, prior, run);
        boolean everything = todo.size() == docs.size();
        Set<String> replaced = new TreeSet<>(todo);
        replaced.addAll(ingest.deleted().keySet());
        Dataset<Row> replacedKeys = Reprocess.committedKeys(spark, prior, ingest, replaced);
        Set<String> committedReplaced = new TreeSet<>(
                replacedKeys.select("doc_id").as(Encoders.STRING()).collectAsList());

        // 1. One pass over the documents to analyse, written once and read back by every step below.
        Dataset<Row> analysis = analyze(spark, config, tx, Reprocess.docText(spark, wh, ingest, todo));
        List<Row> errors = errors(analysis, run);

        // 2. Per-document tables: new rows appended, replaced documents' rows deleted.
        int tasks =
                WarehouseWriter.tasksFor(todo.size(), Math.max(1, analysis.rdd().getNumPartitions()));
        Dataset<Row> newVectors =
                analysis.select("doc_id", "region_code", "region_name", "report_year", "terms", "counts");
        perDocument(tx, everything, replacedKeys, AnalyticsTables.TOKENS, DOCS, tokens(analysis), tasks);
        perDocument(tx, everything, replacedKeys, AnalyticsTables.DOC_TERMS, DOCS, newVectors.coalesce(tasks), 0);

        // 3. Counts: per document (appended), corpus (additive), region × year (recomputed where touched).
        Dataset<Row> committedVectors = everything
                ? Warehouse.empty(spark, AnalyticsTables.DOC_TERMS)
                : Warehouse.read(spark, wh, AnalyticsTables.DOC_TERMS);
        Dataset<Row> removedVectors = committedVectors.join(ids(spark, committedReplaced), "doc_id");
        Dataset<Row> vectors = committedVectors
                .join(ids(spark, committedReplaced), "doc_id", "left_anti")
                .unionByName(newVectors)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long nDocs = docs.size();
        Dataset<Row> corpus = corpusCounts(
                        everything ? null : tx.readSegment(AnalyticsTables.TERM_STATS, SCOPE_CORPUS),
                        newVectors,
                        everything ? null : removedVectors)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Set<List<Object>> touched = touchedRegionYears(todo, docs, ingest.deleted());
        Dataset<Row> regionYear = regionYearVectors(
                        spark,
                        vectors,
                        everything ? null : Warehouse.read(spark, wh, AnalyticsTables.REGION_YEAR_TERMS),
                        touched)
                .persist(StorageLevel.MEMORY_AND_DISK());
        if (everything) {
            tx.truncate(AnalyticsTables.TERM_STATS);
        } else {
            tx.deleteDocs(AnalyticsTables.TERM_STATS, replacedKeys.select("doc_id"));
        }
        tx.append(
                AnalyticsTables.TERM_STATS,
                SCOPE_DOC,
                termStatsDoc(newVectors).coalesce(tasks),
                WarehouseWriter.Layout.AS_IS);
        tx.replaceSegment(
                AnalyticsTables.TERM_STATS,
                SCOPE_CORPUS,
                termStatsCorpus(corpus, nDocs),
                WarehouseWriter.Layout.SORTED);
        if (everything || !touched.isEmpty()) {
            tx.replaceTable(AnalyticsTables.REGION_YEAR_TERMS, regionYear);
            tx.replaceSegment(
                    AnalyticsTables.TERM_STATS,
                    SCOPE_REGION_YEAR,
                    termStatsRegionYear(regionYear),
                    WarehouseWriter.Layout.AS_IS);
        }

        // 4. Keywords: TF-IDF of every document and region × year (idf moved), TextRank of the new documents.
        Map<String, Double> idf = idf(corpus, nDocs);
        Broadcast<Map<String, Double>> idfB =
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(idf);
        Dataset<Row> committedTextRank = everything
                ? Warehouse.empty(spark, AnalyticsTables.KEYWORDS)
                : Warehouse.read(spark, wh, AnalyticsTables.KEYWORDS)
                        .filter(col("method").equalTo("textrank"))
                        .join(ids(spark, committedReplaced), "doc_id", "left_anti");
        tx.replaceTable(
                AnalyticsTables.KEYWORDS,
                keywords(vectors, regionYear, idfB, config.keywordsTopK())
                        .unionByName(WarehouseWriter.conform(committedTextRank, AnalyticsTables.KEYWORDS))
                        .unionByName(textRank(analysis)));

        // 5. Topics.
        String modelId = null;
        Set<String> withTopics = Set.of();
        Dataset<Row> units = t.enabled ? units(analysis).persist(StorageLevel.MEMORY_AND_DISK()) : null;
        ModelStore.Saved model = null;
        if (t.enabled) {
            model = saved;
            if (saved != null && everything && !covers(saved, idf.keySet(), t.minVocabularyCoverage)) {
                LOG.warn(
                        "topics: model {} covers less than {} of the vocabulary after every document was analysed "
                                + "again: fitting a new model",
                        saved.modelId(),
                        t.minVocabularyCoverage);
                fit = true;
            }
            if (fit) {
                model = fitAndSave(spark, t, run, tx, units, store);
                if (model == null) {
                    // This corpus cannot give a model (fitAndSave recorded why): the current one stays if it may
                    // still be used; otherwise the topic tables stay empty until a run has enough units.
                    model = saved != null ? saved : currentIfCompatible(store, t);
                    fit = false;
                }
            }
        }
        if (model != null) {
            modelId = model.modelId();
            Dataset<Row> newDocTopics = TopicModeler.apply(model.model(), units).withColumn("model_id", lit(modelId));
            perDocument(
                    tx, everything, replacedKeys, AnalyticsTables.DOC_TOPICS, DOCS, newDocTopics.coalesce(tasks), 0);
            if (fit || topicTablesMissing || all) {
                tx.replaceTable(AnalyticsTables.TOPIC_MODELS, model.topicModels());
                tx.replaceTable(AnalyticsTables.TOPICS, model.topics());
            }
            Dataset<Row> committedDocTopics = everything
                    ? Warehouse.empty(spark, AnalyticsTables.DOC_TOPICS)
                    : Warehouse.read(spark, wh, AnalyticsTables.DOC_TOPICS)
                            .join(ids(spark, committedReplaced), "doc_id", "left_anti");
            Dataset<Row> allDocTopics = WarehouseWriter.conform(committedDocTopics, AnalyticsTables.DOC_TOPICS)
                    .unionByName(WarehouseWriter.conform(newDocTopics, AnalyticsTables.DOC_TOPICS));
            Dataset<Row> docState = DocState.toDataset(spark, docs.values());
            Dataset<Row> shares;
            if (everything) {
                shares = topicShares(allDocTopics, docState);
            } else {
                // Shares of a region × year depend on its documents alone: untouched ones stay as committed.
                Dataset<Row> keys = broadcast(regionYearKeys(spark, touched));
                String[] key = {"region_code", "report_year"};
                shares = WarehouseWriter.conform(
                                Warehouse.read(spark, wh, AnalyticsTables.TOPIC_SHARES)
                                        .join(keys, key, "left_anti"),
                                AnalyticsTables.TOPIC_SHARES)
                        .unionByName(WarehouseWriter.conform(
                                topicShares(allDocTopics, docState.join(keys, key, "left_semi")),
                                AnalyticsTables.TOPIC_SHARES));
            }
            tx.replaceTable(AnalyticsTables.TOPIC_SHARES, shares);
            withTopics = todo;
        } else {
            // Topics off, or no model can be fitted on this corpus yet: empty topic tables, so that no table
            // describes documents with a model that is not the current one.
            for (TableDef topicTable : List.of(
                    AnalyticsTables.TOPIC_MODELS,
                    AnalyticsTables.TOPICS,
                    AnalyticsTables.DOC_TOPICS,
                    AnalyticsTables.TOPIC_SHARES)) {
                tx.replaceTable(topicTable, Warehouse.empty(spark, topicTable));
            }
        }
        if (units != null) {
            units.unpersist();
        }
        run.count("analytics_docs", todo.size());
        LOG.info("analytics: {} documents analysed, {} errors, topic model {}", todo.size(), errors.size(), modelId);
        vectors.unpersist();
        corpus.unpersist();
        regionYear.unpersist();
        idfB.unpersist();
        return new Result(todo, withTopics, modelId, errors);
    }

    /** Replaces replaced documents' rows of a per-document table and appends the new ones (or writes it whole). */
    private static void perDocument(
            RunTransaction tx,
            boolean everything,
            Dataset<Row> replacedKeys,
            TableDef table,
            String segment,
            Dataset<Row> rows,
            int tasks) {
        if (everything) {
            tx.truncate(table);
        } else {
            tx.deleteDocs(table, table.partitionColumn() == null ? replacedKeys.select("doc_id") : replacedKeys);
        }
        tx.append(table, segment, tasks > 0 ? rows.coalesce(tasks) : rows, WarehouseWriter.Layout.AS_IS);
    }

    /**
     * Runs {@link AnalyzeDocuments} over the documents and writes the result to the run's scratch folder,
     * partitioned by report_year so that each task of a later write holds one year's rows; returns it read
     * back. Writing once costs less than keeping 77 million tokens in a cache, and every later read takes
     * only the columns it needs.
     */
    static Dataset<Row> analyze(SparkSession spark, GovLensConfig config, RunTransaction tx, Dataset<Row> docText) {
        GovLensConfig.Topics t = config.topics();
        AnalyzeDocuments fn = new AnalyzeDocuments(
                TokenFilter.fromConfig(config.tokens()),
                new DocumentAnalyzer.Settings(config.keywordsTopK(), t.unit, t.chunkChars));
        String dir = tx.writeScratch(
                "analysis",
                d -> docText.mapPartitions(fn, Encoders.row(AnalyzeDocuments.OUTPUT))
                        .write()
                        .mode(org.apache.spark.sql.SaveMode.Overwrite)
                        .option("compression", "snappy")
                        .option("parquet.block.size", WarehouseWriter.ROW_GROUP_BYTES)
                        .partitionBy("report_year")
                        .parquet(d));
        return spark.read().schema(AnalyzeDocuments.OUTPUT).parquet(dir);
    }

    private static List<Row> errors(Dataset<Row> analysis, RunContext run) {
        List<Row> out = new ArrayList<>();
        for (Row r : analysis.filter(size(col("errors")).gt(0))
                .select("doc_id", "source_path", "errors")
                .collectAsList()) {
            for (Row e : r.<Row>getList(2)) {
                out.add(RowFactory.create(
                        run.runId(), e.getString(0), r.getString(0), r.getString(1), e.getString(1), e.getString(2)));
            }
        }
        return out;
    }

    /** The token table's rows, exploded from the per-sentence arrays. */
    static Dataset<Row> tokens(Dataset<Row> analysis) {
        return analysis.select(
                        col("doc_id"),
                        col("report_year"),
                        explode(col("sentences")).as("s"))
                .select(
                        col("doc_id"),
                        col("report_year"),
                        col("s.section_id").as("section_id"),
                        col("s.sentence_idx").as("sentence_idx"),
                        explode(arrays_zip(
                                        col("s.tokens"),
                                        col("s.pos"),
                                        col("s.starts"),
                                        col("s.ends"),
                                        col("s.content")))
                                .as("z"))
                .select(
                        col("doc_id"),
                        col("section_id"),
                        col("sentence_idx"),
                        col("z.tokens").as("token"),
                        col("z.pos").as("pos"),
                        col("z.starts").as("char_start"),
                        col("z.ends").as("char_end"),
                        col("z.content").as("is_content"),
                        col("report_year"));
    }

    /** term_stats rows of scope doc from document vectors. */
    static Dataset<Row> termStatsDoc(Dataset<Row> vectors) {
        return vectors.select(
                        col("doc_id"),
                        explode(arrays_zip(col("terms"), col("counts"))).as("z"))
                .select(
                        lit(SCOPE_DOC).as("scope"),
                        col("doc_id"),
                        lit(null).cast("string").as("region_code"),
                        lit(null).cast("string").as("region_name"),
                        lit(null).cast("int").as("report_year"),
                        col("z.terms").as("term"),
                        lit(1L).as("doc_freq"),
                        col("z.counts").as("term_freq"),
                        lit(1L).as("n_docs"));
    }

    /**
     * Corpus term counts (term, doc_freq, term_freq): the committed ones plus the new documents' vectors minus
     * the replaced documents' committed vectors; from the new vectors alone when {@code committed} is null.
     */
    static Dataset<Row> corpusCounts(Dataset<Row> committed, Dataset<Row> added, Dataset<Row> removed) {
        Dataset<Row> plus = added.select(
                        explode(arrays_zip(col("terms"), col("counts"))).as("z"))
                .select(
                        col("z.terms").as("term"),
                        lit(1L).as("doc_freq"),
                        col("z.counts").as("term_freq"));
        Dataset<Row> parts = plus;
        if (committed != null) {
            parts = parts.unionByName(committed.select("term", "doc_freq", "term_freq"));
        }
        if (removed != null) {
            parts = parts.unionByName(removed.select(
                            explode(arrays_zip(col("terms"), col("counts"))).as("z"))
                    .select(
                            col("z.terms").as("term"),
                            lit(-1L).as("doc_freq"),
                            negate(col("z.counts")).as("term_freq")));
        }
        return parts.groupBy("term")
                .agg(sum("doc_freq").as("doc_freq"), sum("term_freq").as("term_freq"))
                .filter(col("doc_freq").gt(0));
    }

    /** Corpus-scope term_stats rows from (term, doc_freq, term_freq) of a corpus of {@code nDocs} documents. */
    public static Dataset<Row> termStatsCorpus(Dataset<Row> corpus, long nDocs) {
        return corpus.select(
                lit(SCOPE_CORPUS).as("scope"),
                lit(null).cast("string").as("doc_id"),
                lit(null).cast("string").as("region_code"),
                lit(null).cast("string").as("region_name"),
                lit(null).cast("int").as("report_year"),
                col("term"),
                col("doc_freq"),
                col("term_freq"),
                lit(nDocs).as("n_docs"));
    }

    static Dataset<Row> termStatsRegionYear(Dataset<Row> regionYear) {
        return regionYear
                .select(
                        col("region_code"),
                        col("region_name"),
                        col("report_year"),
                        col("n_docs"),
                        explode(arrays_zip(col("terms"), col("counts"), col("doc_freqs")))
                                .as("z"))
                .select(
                        lit(SCOPE_REGION_YEAR).as("scope"),
                        lit(null).cast("string").as("doc_id"),
                        col("region_code"),
                        col("region_name"),
                        col("report_year"),
                        col("z.terms").as("term"),
                        col("z.doc_freqs").as("doc_freq"),
                        col("z.counts").as("term_freq"),
                        col("n_docs"));
    }

    /** Region × year keys (region_code, report_year) whose documents change: their vectors are recomputed. */
    static Set<List<Object>> touchedRegionYears(
            Set<String> todo, Map<String, DocState> docs, Map<String, DocState> deleted) {
        Set<List<Object>> out = new HashSet<>();
        for (String id : todo) {
            addKey(out, docs.get(id));
            addKey(out, deleted.get(id));
        }
        deleted.values().forEach(d -> addKey(out, d));
        return out;
    }

    private static void addKey(Set<List<Object>> keys, DocState d) {
        if (d != null && d.regionCode() != null && d.reportYear() != null) {
            keys.add(List.of(d.regionCode(), d.reportYear()));
        }
    }

    /**
     * Region × year vectors after the run: committed ones of untouched keys, recomputed ones (from the document
     * vectors) of touched keys; all recomputed when {@code committed} is null.
     */
    static Dataset<Row> regionYearVectors(
            SparkSession spark, Dataset<Row> vectors, Dataset<Row> committed, Set<List<Object>> touched) {
        Dataset<Row> located = vectors.filter(
                col("region_code").isNotNull().and(col("report_year").isNotNull()));
        Dataset<Row> recompute = located;
        Dataset<Row> keep = null;
        if (committed != null) {
            Dataset<Row> touchedKeys = regionYearKeys(spark, touched);
            recompute = located.join(broadcast(touchedKeys), new String[] {"region_code", "report_year"}, "left_semi");
            keep = committed.join(broadcast(touchedKeys), new String[] {"region_code", "report_year"}, "left_anti");
        }
        Dataset<Row> merged = recompute
                .groupByKey(new RegionYearKey(), Encoders.STRING())
                .mapGroups(new SumVectors(), Encoders.row(AnalyticsTables.REGION_YEAR_TERMS.schema()));
        // The committed part comes from a file or two, i.e. as many tasks: spread it so that exploding the
        // vectors into term_stats rows is not one task's work.
        return keep == null
                ? merged
                : WarehouseWriter.conform(keep, AnalyticsTables.REGION_YEAR_TERMS)
                        .unionByName(merged)
                        .repartition(col("region_code"));
    }

    /** The keys of {@link #touchedRegionYears} as rows (region_code, report_year). */
    static Dataset<Row> regionYearKeys(SparkSession spark, Set<List<Object>> touched) {
        List<Row> keys = new ArrayList<>();
        for (List<Object> k : touched) {
            keys.add(RowFactory.create(k.get(0), k.get(1)));
        }
        return spark.createDataFrame(
                keys,
                new org.apache.spark.sql.types.StructType()
                        .add("region_code", org.apache.spark.sql.types.DataTypes.StringType)
                        .add("report_year", org.apache.spark.sql.types.DataTypes.IntegerType));
    }

    /** Key of a document vector's region × year. */
    static final class RegionYearKey implements MapFunction<Row, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String call(Row v) {
            return v.<String>getAs("region_code") + "|" + v.<Integer>getAs("report_year");
        }
    }

    /** Sums the document vectors of one region × year into its vector (terms sorted). */
    static final class SumVectors implements MapGroupsFunction<String, Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Row call(String key, java.util.Iterator<Row> docs) {
            java.util.TreeMap<String, long[]> sums = new java.util.TreeMap<>();
            String code = null;
            String name = null;
            Integer year = null;
            long n = 0;
            while (docs.hasNext()) {
                Row d = docs.next();
                code = d.getAs("region_code");
                name = d.getAs("region_name");
                year = d.getAs("report_year");
                n++;
                List<String> terms = d.getList(d.fieldIndex("terms"));
                List<Long> counts = d.getList(d.fieldIndex("counts"));
                for (int i = 0; i < terms.size(); i++) {
                    long[] s = sums.computeIfAbsent(terms.get(i), k -> new long[2]);
                    s[0] += counts.get(i);
                    s[1]++;
                }
            }
            Object[] terms = new Object[sums.size()];
            Object[] counts = new Object[sums.size()];
            Object[] dfs = new Object[sums.size()];
            int i = 0;
            for (Map.Entry<String, long[]> e : sums.entrySet()) {
                terms[i] = e.getKey();
                counts[i] = e.getValue()[0];
                dfs[i] = e.getValue()[1];
                i++;
            }
            return RowFactory.create(code, name, year, n, terms, counts, dfs);
        }
    }

    /** idf = ln((1 + N) / (1 + df)) + 1, scikit-learn's smoothed idf: never zero, so a term in every
     * document still ranks by its count. StrictMath, as Spark's own log, so values match earlier runs. */
    static Map<String, Double> idf(Dataset<Row> corpus, long nDocs) {
        Map<String, Double> out = new HashMap<>();
        for (Row r : corpus.select("term", "doc_freq").collectAsList()) {
            out.put(r.getString(0), StrictMath.log((1.0 + nDocs) / (r.getLong(1) + 1.0)) + 1.0);
        }
        return out;
    }

    /** TF-IDF keywords per document and per region × year. */
    static Dataset<Row> keywords(
            Dataset<Row> vectors, Dataset<Row> regionYear, Broadcast<Map<String, Double>> idf, int topK) {
        Dataset<Row> doc = vectors.select("doc_id", "region_code", "region_name", "report_year", "terms", "counts")
                .flatMap(new TfidfTopTerms(SCOPE_DOC, topK, idf), Encoders.row(TfidfTopTerms.OUTPUT));
        Dataset<Row> region = regionYear
                .select(
                        lit(null).cast("string").as("doc_id"),
                        col("region_code"),
                        col("region_name"),
                        col("report_year"),
                        col("terms"),
                        col("counts"))
                .flatMap(new TfidfTopTerms(SCOPE_REGION_YEAR, topK, idf), Encoders.row(TfidfTopTerms.OUTPUT));
        return doc.unionByName(region);
    }

    /** TextRank keyword rows of the analysed documents. */
    static Dataset<Row> textRank(Dataset<Row> analysis) {
        return analysis.select(
                        col("doc_id"),
                        col("region_code"),
                        col("region_name"),
                        col("report_year"),
                        explode(col("textrank")).as("k"))
                .select(
                        lit(SCOPE_DOC).as("scope"),
                        lit("textrank").as("method"),
                        col("doc_id"),
                        col("region_code"),
                        col("region_name"),
                        col("report_year"),
                        col("k.rank").as("rank"),
                        col("k.term").as("term"),
                        col("k.score").as("score"),
                        col("k.count").as("count"));
    }

    /** The LDA documents: doc_id, unit_id, report_year and terms (content words in text order). */
    static Dataset<Row> units(Dataset<Row> analysis) {
        return analysis.select(
                        col("doc_id"), col("report_year"), explode(col("units")).as("u"))
                .select(
                        col("doc_id"),
                        col("u.unit_id").as("unit_id"),
                        col("report_year"),
                        col("u.terms").as("terms"));
    }

    /** The current model when retrain=true asked for a new one that this corpus cannot give, if it may be used. */
    private static ModelStore.Saved currentIfCompatible(ModelStore store, GovLensConfig.Topics t) {
        ModelStore.Saved current = store.current().map(store::load).orElse(null);
        if (current == null) {
            return null;
        }
        try {
            checkCompatible(current, t, store.root());
            LOG.warn("topics: keeping the current model {}", current.modelId());
            return current;
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** Whether the model's vocabulary is still mostly made of the corpus's terms. */
    private static boolean covers(ModelStore.Saved saved, Set<String> corpusTerms, double minCoverage) {
        List<String> vocab = TopicModeler.vocabulary(saved.model());
        if (vocab.isEmpty()) {
            return false;
        }
        long known = vocab.stream().filter(corpusTerms::contains).count();
        return (double) known / vocab.size() >= minCoverage;
    }

    /**
     * Fails unless the saved model was fitted with the configured unit, k (or one of the k-candidates) and
     * priors. The priors are read from the model's own parameters; a model saved before they were configurable
     * has none and counts as fitted with "auto", which is what those runs used.
     */
    static void checkCompatible(ModelStore.Saved saved, GovLensConfig.Topics t, String where) {
        Row m = saved.topicModels().filter(col("selected")).select("unit", "k").first();
        String unit = m.getString(0);
        int k = m.getInt(1);
        boolean kOk = t.kCandidates.isEmpty() ? k == t.k : t.kCandidates.contains(k);
        TopicModeler.Priors priors = TopicModeler.priors(saved.model());
        TopicModeler.Priors wanted = new TopicModeler.Priors(t.docConcentration, t.topicConcentration);
        if (!unit.equals(t.unit) || !kOk || !priors.equals(wanted)) {
            throw new IllegalStateException("the current topic model " + saved.modelId() + " in " + where
                    + " was fitted with unit=" + unit + ", k=" + k + ", " + priors
                    + " but govlens.topics asks for unit="
                    + t.unit + ", k=" + (t.kCandidates.isEmpty() ? t.k : t.kCandidates) + ", " + wanted
                    + ": set govlens.topics.retrain=true to fit a new model");
        }
    }

    /**
     * k-selection on the fit sample ({@link TopicModeler#fitSample}): one fit per candidate, the best mean
     * NPMI over that sample wins (the smaller k on a tie). With a single candidate nothing is compared, so its
     * coherence is computed once, for the tables. A candidate the corpus cannot give (fewer units than topics, no
     * term shared by min-df units) is left out; with none left, returns null and records the step as skipped.
     */
    private static ModelStore.Saved fitAndSave(
            SparkSession spark,
            GovLensConfig.Topics t,
            RunContext run,
            RunTransaction tx,
            Dataset<Row> units,
            ModelStore store) {
        List<Integer> ks = t.kCandidates.isEmpty()
                ? List.of(t.k)
                : t.kCandidates.stream().sorted().toList();
        Dataset<Row> fitUnits = TopicModeler.fitSample(
                units, t.maxFitUnits, t.seed, spark.sparkContext().defaultParallelism());
        try {
            List<String> unitIds = fitUnits.select("doc_id", "unit_id").collectAsList().stream()
                    .map(r -> r.getString(0) + "/" + r.getString(1))
                    .sorted()
                    .toList();
            List<Candidate> candidates = new ArrayList<>();
            List<String> whyNot = new ArrayList<>();
            for (int k : ks) {
                TopicModeler.Settings settings = TopicModeler.Settings.of(t, k);
                String why = TopicModeler.whyNotFit(unitIds.size(), settings);
                TopicModeler.Fitted f = null;
                if (why == null) {
                    try {
                        f = TopicModeler.fit(fitUnits, settings);
                    } catch (TopicModeler.NotFittable e) {
                        why = e.getMessage();
                    }
                }
                if (f == null) {
                    LOG.warn("topics: no model with k={} on this corpus: {}", k, why);
                    whyNot.add("k=" + k + ": " + why);
                    continue;
                }
                List<Double> npmi = TopicModeler.coherence(fitUnits, f.topWords(), t.topWords);
                double mean =
                        npmi.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                String id = modelId(t, f, unitIds);
                LOG.info(
                        "topics: fitted {} (k={}, {} units, vocabulary {}): mean NPMI {}",
                        id,
                        k,
                        f.nUnits(),
                        f.vocabulary().size(),
                        String.format("%.4f", mean));
                candidates.add(new Candidate(id, f, npmi, mean));
            }
            if (candidates.isEmpty()) {
                run.skipped(
                        "topics",
                        "no topic model can be fitted on this corpus (" + String.join("; ", whyNot)
                                + "); topics are fitted at the first run with enough units");
                return null;
            }
            boolean perplexity = unitIds.size() >= PERPLEXITY_MIN_UNITS;
            if (!perplexity) {
                LOG.info(
                        "topics: log perplexity not computed on {} units (fewer than {}: one more inference pass "
                                + "that says nothing on a corpus this small)",
                        unitIds.size(),
                        PERPLEXITY_MIN_UNITS);
            }
            Candidate best = candidates.stream()
                    .max(Comparator.comparingDouble(Candidate::meanNpmi)
                            .thenComparing(c -> -c.fitted().settings().k()))
                    .orElseThrow();
            List<Row> modelRows = new ArrayList<>();
            for (Candidate c : candidates) {
                TopicModeler.Settings s = c.fitted().settings();
                modelRows.add(RowFactory.create(
                        c.id(),
                        s.k(),
                        t.unit,
                        s.optimizer(),
                        s.maxIterations(),
                        s.seed(),
                        c.fitted().vocabulary().size(),
                        c.fitted().nUnits(),
                        c.meanNpmi(),
                        Coherence.topicDiversity(c.fitted().topWords(), t.topWords),
                        perplexity ? TopicModeler.logPerplexity(c.fitted().model(), fitUnits) : null,
                        c == best,
                        run.runId(),
                        run.startedAt()));
            }
            List<Row> topicRows = new ArrayList<>();
            for (TopicModeler.Topic topic : best.fitted().topics()) {
                for (int r = 0; r < topic.terms().size(); r++) {
                    topicRows.add(RowFactory.create(
                            best.id(),
                            topic.topic(),
                            r + 1,
                            topic.terms().get(r),
                            topic.weights().get(r),
                            best.npmi().get(topic.topic())));
                }
            }
            Dataset<Row> topicModels = spark.createDataFrame(modelRows, AnalyticsTables.TOPIC_MODELS.schema());
            Dataset<Row> topics = spark.createDataFrame(topicRows, AnalyticsTables.TOPICS.schema());
            store.save(tx, best.id(), best.fitted().model(), topics, topicModels);
            LOG.info("topics: {} becomes the current model in {} when the run commits", best.id(), store.root());
            return new ModelStore.Saved(best.id(), best.fitted().model(), topics, topicModels);
        } finally {
            fitUnits.unpersist();
        }
    }

    /** Below this many fit units the perplexity pass is skipped (topic_models.log_perplexity null). */
    static final int PERPLEXITY_MIN_UNITS = 1000;

    private record Candidate(String id, TopicModeler.Fitted fitted, List<Double> npmi, double meanNpmi) {}

    /**
     * lda-k&lt;k&gt;-&lt;8 hex digits&gt; of a digest over what determines the model — its settings, its
     * vocabulary and the units it was fitted on — so that two fits of the same input have one id.
     */
    static String modelId(GovLensConfig.Topics t, TopicModeler.Fitted f, List<String> unitIds) {
        Digests.Builder d =
                Digests.builder().add("settings", f.settings().toString()).add("unit", t.unit + "/" + t.chunkChars);
        d.add("vocabulary", String.join("\n", f.vocabulary()));
        d.add("units", String.join("\n", unitIds));
        return "lda-k" + f.settings().k() + "-" + d.hex().substring(0, 8);
    }

    /**
     * Token-weighted mean topic weights per region × year: the units' n_tokens are the weights. The sum runs over
     * the units sorted by document and unit, so the value does not depend on how the rows happened to be
     * partitioned (a nightly run and a full rebuild agree to the last bit).
     */
    static Dataset<Row> topicShares(Dataset<Row> docTopics, Dataset<Row> docState) {
        org.apache.spark.sql.Column units = org.apache.spark.sql.functions.sort_array(
                org.apache.spark.sql.functions.collect_list(org.apache.spark.sql.functions.struct(
                        col("doc_id"),
                        col("unit_id"),
                        col("weight").multiply(col("n_tokens")).as("wn"))));
        return docTopics
                .select("doc_id", "unit_id", "model_id", "topic", "weight", "n_tokens")
                .join(broadcast(docState.select("doc_id", "region_code", "region_name", "report_year")), "doc_id")
                .filter(col("region_code").isNotNull().and(col("report_year").isNotNull()))
                .groupBy("region_code", "region_name", "report_year", "model_id", "topic")
                .agg(units.as("units"), sum("n_tokens").as("n"), count(lit(1)).as("n_units"))
                .select(
                        col("region_code"),
                        col("region_name"),
                        col("report_year"),
                        col("model_id"),
                        col("topic"),
                        org.apache
                                .spark
                                .sql
                                .functions
                                .aggregate(col("units"), lit(0.0), (acc, u) -> acc.plus(u.getField("wn")))
                                .divide(col("n"))
                                .as("share"),
                        col("n_units"));
    }

    private static Dataset<Row> ids(SparkSession spark, Set<String> ids) {
        return spark.createDataset(List.copyOf(ids), Encoders.STRING()).toDF("doc_id");
    }
}
