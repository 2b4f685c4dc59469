package govlens.jobs.analytics;

import static govlens.jobs.warehouse.Tables.col;
import static govlens.jobs.warehouse.Tables.schema;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import govlens.jobs.warehouse.TableDef;
import java.util.List;

/**
 * The schemas of the text-analytics tables written by {@link AnalyticsJob}, defined once. docs/analytics.md
 * carries {@code Tables.markdown(AnalyticsTables.ALL)} verbatim (a test compares the two), so a schema change
 * is also a documentation change.
 */
public final class AnalyticsTables {
    private AnalyticsTables() {}

    public static final TableDef TOKENS = new TableDef(
            "tokens",
            schema(
                    col("doc_id", StringType, false, "document the token belongs to"),
                    col("section_id", StringType, false, "section of the token's sentence"),
                    col("sentence_idx", IntegerType, false, "sentences.idx of the token's sentence"),
                    col(
                            "token",
                            StringType,
                            false,
                            "the word as written: documents.text.substring(char_start, char_end)"),
                    col("pos", StringType, false, "HanLP part-of-speech tag (PKU style: n, vn, ns, nz, m, w, …)"),
                    col("char_start", IntegerType, false, "start offset into documents.text, inclusive"),
                    col("char_end", IntegerType, false, "end offset into documents.text, exclusive"),
                    col(
                            "is_content",
                            BooleanType,
                            false,
                            "true when the token passes the content filter of govlens.tokens (part of speech, stopwords, minimum length); only content tokens feed term_stats, keywords and topics"),
                    col("report_year", IntegerType, true, "the document's report_year; partition column")),
            "report_year",
            List.of("doc_id", "char_start"));

    public static final TableDef TERM_STATS = new TableDef(
            "term_stats",
            schema(
                    col("scope", StringType, false, "corpus | doc | region_year: what the counts are over"),
                    col("doc_id", StringType, true, "the document when scope = doc, else null"),
                    col("region_code", StringType, true, "the region when scope = region_year, else null"),
                    col("region_name", StringType, true, "name of region_code when scope = region_year, else null"),
                    col("report_year", IntegerType, true, "the year when scope = region_year, else null"),
                    col("term", StringType, false, "a content word (tokens.is_content)"),
                    col(
                            "doc_freq",
                            LongType,
                            false,
                            "number of documents of the scope that contain the term (1 for scope = doc)"),
                    col("term_freq", LongType, false, "occurrences of the term in the scope"),
                    col("n_docs", LongType, false, "number of documents in the scope, the denominator of doc_freq")),
            null,
            List.of("scope", "region_code", "report_year", "doc_id", "term"));

    public static final TableDef KEYWORDS = new TableDef(
            "keywords",
            schema(
                    col("scope", StringType, false, "doc | region_year"),
                    col("method", StringType, false, "tfidf | textrank (textrank for scope = doc only)"),
                    col("doc_id", StringType, true, "the document when scope = doc, else null"),
                    col(
                            "region_code",
                            StringType,
                            true,
                            "the document's region (scope = doc) or the region (scope = region_year)"),
                    col("region_name", StringType, true, "name of region_code"),
                    col(
                            "report_year",
                            IntegerType,
                            true,
                            "the document's year (scope = doc) or the year (scope = region_year)"),
                    col("rank", IntegerType, false, "1 = best; at most govlens.keywords.top-k per scope and method"),
                    col("term", StringType, false, "the keyword, a content word"),
                    col(
                            "score",
                            DoubleType,
                            false,
                            "tfidf: count · (ln((1 + N) / (1 + df)) + 1), N documents, df documents containing the term; textrank: TextRank score (mean over the document's words is 1)"),
                    col("count", LongType, false, "exact occurrences of the term as a content word in the scope")),
            null,
            List.of("scope", "method", "region_code", "report_year", "doc_id", "rank"));

    public static final TableDef TOPIC_MODELS = new TableDef(
            "topic_models",
            schema(
                    col(
                            "model_id",
                            StringType,
                            false,
                            "lda-k<k>-<hash>; the folder of the saved model under the model directory"),
                    col("k", IntegerType, false, "number of topics"),
                    col("unit", StringType, false, "section | chunk: what one LDA document was"),
                    col("optimizer", StringType, false, "em | online"),
                    col("max_iterations", IntegerType, false, "LDA iterations"),
                    col("seed", LongType, false, "random seed of the fit"),
                    col(
                            "vocab_size",
                            IntegerType,
                            false,
                            "terms kept by the CountVectorizer (min-df, max-df, vocab-size)"),
                    col("n_units", LongType, false, "non-empty units the model was fitted on"),
                    col(
                            "mean_npmi",
                            DoubleType,
                            false,
                            "mean over topics of topic_coherence (NPMI of the top words, unit co-occurrence)"),
                    col(
                            "diversity",
                            DoubleType,
                            false,
                            "share of distinct words among all topics' top words (1 = no overlap)"),
                    col(
                            "log_perplexity",
                            DoubleType,
                            true,
                            "Spark's upper bound on log perplexity over the training units (lower is better)"),
                    col(
                            "selected",
                            BooleanType,
                            false,
                            "true for the model whose topics and doc_topics are in the warehouse; false for k-selection candidates that lost"),
                    col(
                            "trained_in_run",
                            StringType,
                            false,
                            "run that fitted the model; differs from the current run when a saved model was reused"),
                    col("created_at", TimestampType, false, "start time of that run (UTC)")),
            null,
            List.of("k", "model_id"));

    public static final TableDef TOPICS = new TableDef(
            "topics",
            schema(
                    col("model_id", StringType, false, "model the topic belongs to (topic_models.model_id, selected)"),
                    col("topic", IntegerType, false, "topic number, 0 … k−1"),
                    col(
                            "rank",
                            IntegerType,
                            false,
                            "1 = most probable word of the topic; govlens.topics.top-words words per topic"),
                    col("term", StringType, false, "the word"),
                    col("weight", DoubleType, false, "P(term | topic)"),
                    col(
                            "topic_coherence",
                            DoubleType,
                            false,
                            "NPMI coherence of the topic's top words over the training units, in [−1, 1]; repeated on every row of the topic")),
            null,
            List.of("model_id", "topic", "rank"));

    public static final TableDef DOC_TOPICS = new TableDef(
            "doc_topics",
            schema(
                    col("doc_id", StringType, false, "document of the unit"),
                    col(
                            "unit_id",
                            StringType,
                            false,
                            "sections.section_id when the model's unit is section; c000, c001, … (chunks of consecutive sentences, in document order) when it is chunk"),
                    col("model_id", StringType, false, "model that produced the distribution"),
                    col("topic", IntegerType, false, "topic number"),
                    col("weight", DoubleType, false, "P(topic | unit); a unit's weights sum to 1"),
                    col(
                            "n_tokens",
                            LongType,
                            false,
                            "in-vocabulary content tokens of the unit, the evidence behind the distribution (units with none get no rows)"),
                    col("report_year", IntegerType, true, "the document's report_year; partition column")),
            "report_year",
            List.of("doc_id", "unit_id", "topic"));

    public static final TableDef TOPIC_SHARES = new TableDef(
            "topic_shares",
            schema(
                    col("region_code", StringType, false, "region (documents without a region or year are left out)"),
                    col("region_name", StringType, true, "name of region_code"),
                    col("report_year", IntegerType, false, "year"),
                    col("model_id", StringType, false, "model"),
                    col("topic", IntegerType, false, "topic number"),
                    col(
                            "share",
                            DoubleType,
                            false,
                            "mean of the units' weights for the topic, weighted by doc_topics.n_tokens; shares of a region × year sum to 1"),
                    col("n_units", LongType, false, "units of the region × year behind the share")),
            null,
            List.of("region_code", "report_year", "topic"));

    /**
     * Internal state, not an analyst table: each document's content-term counts as one row, so that corpus
     * and region × year counts and the TF-IDF keywords of every document can be recomputed when the corpus
     * grows without reading the token table.
     */
    public static final TableDef DOC_TERMS = new TableDef(
            "_state/doc_terms",
            schema(
                    col("doc_id", StringType, false, "document"),
                    col("region_code", StringType, true, "its region"),
                    col("region_name", StringType, true, "name of region_code"),
                    col("report_year", IntegerType, true, "its year"),
                    col("terms", createArrayType(StringType, false), false, "distinct content terms, sorted"),
                    col("counts", createArrayType(LongType, false), false, "occurrences of each term")),
            null,
            List.of("doc_id"));

    /** Internal state: the summed counts of each region × year's documents (for term_stats and keywords). */
    public static final TableDef REGION_YEAR_TERMS = new TableDef(
            "_state/region_year_terms",
            schema(
                    col("region_code", StringType, false, "region"),
                    col("region_name", StringType, true, "name of region_code"),
                    col("report_year", IntegerType, false, "year"),
                    col("n_docs", LongType, false, "documents of the region and year"),
                    col("terms", createArrayType(StringType, false), false, "distinct content terms, sorted"),
                    col("counts", createArrayType(LongType, false), false, "occurrences of each term"),
                    col("doc_freqs", createArrayType(LongType, false), false, "documents containing each term")),
            null,
            List.of("region_code", "report_year"));

    /** Every table {@link AnalyticsJob} writes, in documentation order. */
    public static final List<TableDef> ALL =
            List.of(TOKENS, TERM_STATS, KEYWORDS, TOPIC_MODELS, TOPICS, DOC_TOPICS, TOPIC_SHARES);
}
