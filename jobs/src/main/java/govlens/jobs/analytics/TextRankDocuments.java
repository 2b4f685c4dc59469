package govlens.jobs.analytics;

import govlens.lib.nlp.KeywordRanker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Executor side of TextRank keywords: content tokens (doc_id, token), clustered by document and in text
 * order within it (the caller repartitions by doc_id and sorts by doc_id, char_start) → the top-k keywords
 * of each document via {@link KeywordRanker#rank}.
 *
 * <p>Documents are streamed one at a time, so a task holds one document's tokens, never a partition's.
 */
final class TextRankDocuments implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    static final StructType OUTPUT = new StructType()
            .add("doc_id", DataTypes.StringType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("term", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, false)
            .add("count", DataTypes.LongType, false);

    private final int topK;

    TextRankDocuments(int topK) {
        this.topK = topK;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> tokens) {
        return new Iterator<>() {
            private final Deque<Row> pending = new ArrayDeque<>();
            private Row lookahead = tokens.hasNext() ? tokens.next() : null;

            @Override
            public boolean hasNext() {
                while (pending.isEmpty() && lookahead != null) {
                    String docId = lookahead.getString(0);
                    List<String> terms = new ArrayList<>();
                    while (lookahead != null && lookahead.getString(0).equals(docId)) {
                        terms.add(lookahead.getString(1));
                        lookahead = tokens.hasNext() ? tokens.next() : null;
                    }
                    int rank = 1;
                    for (KeywordRanker.Keyword k : KeywordRanker.rank(terms, topK)) {
                        pending.add(RowFactory.create(docId, rank++, k.term(), k.score(), (long) k.count()));
                    }
                }
                return !pending.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pending.poll();
            }
        };
    }
}
