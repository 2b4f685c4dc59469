package govlens.jobs.analytics;

import govlens.jobs.ingest.IngestJob;
import govlens.lib.nlp.DocumentAnalyzer;
import govlens.lib.nlp.KeywordRanker;
import govlens.lib.nlp.TokenFilter;
import govlens.lib.nlp.Tokenizer;
import govlens.lib.pipeline.StepError;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Executor side of the analytics stage: one task per group of documents, one output row per document with
 * everything {@link DocumentAnalyzer} computes — the tokens of every sentence as parallel arrays (the token
 * table is exploded from them only when it is written), the content-term counts, the TextRank keywords, the
 * LDA units and the step errors. No token-level row exists before the write, and nothing token-level is
 * shuffled.
 *
 * <p>Input: IngestJob.DOC_TEXT rows. The analyzer (HanLP behind a per-JVM holder, the filter's word lists)
 * is built on the driver and shipped once with the function.
 */
public final class AnalyzeDocuments implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    static final StructType SENTENCE = new StructType()
            .add("section_id", DataTypes.StringType, false)
            .add("sentence_idx", DataTypes.IntegerType, false)
            .add("tokens", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("pos", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("starts", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add("ends", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add("content", DataTypes.createArrayType(DataTypes.BooleanType, false), false);

    static final StructType KEYWORD = new StructType()
            .add("rank", DataTypes.IntegerType, false)
            .add("term", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, false)
            .add("count", DataTypes.LongType, false);

    static final StructType UNIT = new StructType()
            .add("unit_id", DataTypes.StringType, false)
            .add("terms", DataTypes.createArrayType(DataTypes.StringType, false), false);

    static final ArrayType STRINGS = DataTypes.createArrayType(DataTypes.StringType, false);
    static final ArrayType LONGS = DataTypes.createArrayType(DataTypes.LongType, false);

    /** One row per document. */
    public static final StructType OUTPUT = new StructType()
            .add("doc_id", DataTypes.StringType, false)
            .add("source_path", DataTypes.StringType, false)
            .add("report_year", DataTypes.IntegerType, true)
            .add("region_code", DataTypes.StringType, true)
            .add("region_name", DataTypes.StringType, true)
            .add("sentences", DataTypes.createArrayType(SENTENCE, false), false)
            .add("terms", STRINGS, false)
            .add("counts", LONGS, false)
            .add("textrank", DataTypes.createArrayType(KEYWORD, false), false)
            .add("units", DataTypes.createArrayType(UNIT, false), false)
            .add("errors", DataTypes.createArrayType(IngestJob.STEP_ERROR, false), false);

    /** {@link #TOKENS_ONLY}'s rows: the document and its sentences' tokens, as in {@link #OUTPUT}. */
    public static final StructType TOKENS_ONLY = new StructType()
            .add("doc_id", DataTypes.StringType, false)
            .add("sentences", DataTypes.createArrayType(SENTENCE, false), false);

    private final DocumentAnalyzer analyzer;

    /**
     * Only the tokenization of this pass ({@link #TOKENS_ONLY} rows), for {@code bench tokenize} to tell the
     * segmenter's share of the stage from the rest (TextRank, counts, units and their columns).
     */
    public MapFunction<Row, Row> tokensOnly() {
        return new TokensOnly(analyzer);
    }

    private static final class TokensOnly implements MapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final DocumentAnalyzer analyzer;

        TokensOnly(DocumentAnalyzer analyzer) {
            this.analyzer = analyzer;
        }

        @Override
        public Row call(Row doc) {
            return RowFactory.create(doc.getString(0), sentenceRows(analyzer.tokenize(IngestJob.sentencesOf(doc))));
        }
    }

    public AnalyzeDocuments(TokenFilter filter, DocumentAnalyzer.Settings settings) {
        this.analyzer = new DocumentAnalyzer(Tokenizer.withFilter(filter), settings);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> docs) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return docs.hasNext();
            }

            @Override
            public Row next() {
                return analyze(docs.next());
            }
        };
    }

    private Row analyze(Row doc) {
        DocumentAnalyzer.Analysis a = analyzer.analyze(IngestJob.sentencesOf(doc));
        Object[] sent = sentenceRows(a.sentences());
        Object[] counts = new Object[a.counts().length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = a.counts()[i];
        }
        Object[] textRank = new Object[a.textRank().size()];
        for (int i = 0; i < textRank.length; i++) {
            KeywordRanker.Keyword k = a.textRank().get(i);
            textRank[i] = RowFactory.create(i + 1, k.term(), k.score(), (long) k.count());
        }
        Object[] units = new Object[a.units().size()];
        for (int i = 0; i < units.length; i++) {
            DocumentAnalyzer.Unit u = a.units().get(i);
            units[i] = RowFactory.create(u.unitId(), u.terms().toArray(new String[0]));
        }
        Object[] errors = new Object[a.errors().size()];
        for (int i = 0; i < errors.length; i++) {
            StepError e = a.errors().get(i);
            errors[i] = RowFactory.create(e.step(), e.exceptionClass(), e.message());
        }
        return RowFactory.create(
                doc.getString(0),
                doc.getString(1),
                doc.get(2),
                doc.getString(3),
                doc.getString(4),
                sent,
                a.terms(),
                counts,
                textRank,
                units,
                errors);
    }

    /** The {@link #SENTENCE} rows of a document's tokens. */
    static Object[] sentenceRows(List<DocumentAnalyzer.SentenceTokens> tokens) {
        Object[] sent = new Object[tokens.size()];
        for (int i = 0; i < sent.length; i++) {
            DocumentAnalyzer.SentenceTokens t = tokens.get(i);
            sent[i] = RowFactory.create(
                    t.sectionId(),
                    t.sentenceIdx(),
                    t.terms(),
                    t.pos(),
                    boxed(t.starts()),
                    boxed(t.ends()),
                    boxed(t.content()));
        }
        return sent;
    }

    private static Object[] boxed(int[] v) {
        Object[] out = new Object[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static Object[] boxed(boolean[] v) {
        Object[] out = new Object[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
