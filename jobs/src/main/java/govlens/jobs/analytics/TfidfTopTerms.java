package govlens.jobs.analytics;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Executor side of the TF-IDF keywords: one term-count vector (a document's or a region × year's: key
 * columns, then terms and counts) in, its {@code topK} terms by count · idf out, ties broken by term so that
 * reruns rank identically. The idf of every corpus term arrives once per executor as a broadcast map.
 *
 * <p>Input columns: doc_id, region_code, region_name, report_year, terms, counts (doc_id null for a region ×
 * year vector). Output: {@link AnalyticsTables#KEYWORDS} columns.
 */
final class TfidfTopTerms implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    static final StructType OUTPUT = AnalyticsTables.KEYWORDS.schema();

    private final String scope;
    private final int topK;
    private final Broadcast<Map<String, Double>> idf;

    TfidfTopTerms(String scope, int topK, Broadcast<Map<String, Double>> idf) {
        this.scope = scope;
        this.topK = topK;
        this.idf = idf;
    }

    private record Scored(String term, double score, long count) {}

    @Override
    public Iterator<Row> call(Row v) {
        Map<String, Double> weights = idf.value();
        List<String> terms = v.getList(4);
        List<Long> counts = v.getList(5);
        // Min-heap of the best topK: the worst kept one is on top (lower score, then the larger term).
        PriorityQueue<Scored> best = new PriorityQueue<>(
                topK + 1,
                (a, b) -> a.score() != b.score()
                        ? Double.compare(a.score(), b.score())
                        : b.term().compareTo(a.term()));
        for (int i = 0; i < terms.size(); i++) {
            Double w = weights.get(terms.get(i));
            if (w == null) {
                continue;
            }
            long c = counts.get(i);
            best.add(new Scored(terms.get(i), c * w, c));
            if (best.size() > topK) {
                best.poll();
            }
        }
        List<Scored> ordered = new ArrayList<>(best);
        ordered.sort((a, b) -> a.score() != b.score()
                ? Double.compare(b.score(), a.score())
                : a.term().compareTo(b.term()));
        List<Row> out = new ArrayList<>(ordered.size());
        for (int r = 0; r < ordered.size(); r++) {
            Scored s = ordered.get(r);
            out.add(RowFactory.create(
                    scope,
                    "tfidf",
                    v.getString(0),
                    v.getString(1),
                    v.getString(2),
                    v.get(3),
                    r + 1,
                    s.term(),
                    s.score(),
                    s.count()));
        }
        return out.iterator();
    }
}
