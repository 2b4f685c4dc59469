package govlens.lib.nlp;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * TextRank keywords of one document (Mihalcea &amp; Tarau 2004) over the document's content tokens
 * ({@link Tokenizer#contentTokens}).
 *
 * <p>HanLP's {@code TextRankKeyword} is not used because it re-segments with its own segmenter and stopword
 * filter, and fixes its convergence threshold at 1e-3. This implementation follows the same graph: words are
 * nodes, and two different words are linked (undirected, unweighted) when they occur within a window of
 * {@value #WINDOW} consecutive content tokens. Scores start at 1 and are iterated as
 * S(v) = (1 − d) + d · Σ S(u)/deg(u) with d = {@value #DAMPING}, at most {@value #MAX_ITER} rounds, stopping
 * when no score changes by more than {@value #TOLERANCE}. Ties are ordered by first occurrence.
 *
 * <p>Stateless apart from its tokenizer; thread-safe and serializable.
 */
public final class KeywordRanker implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int WINDOW = 5;
    public static final double DAMPING = 0.85;
    public static final int MAX_ITER = 200;
    public static final double TOLERANCE = 1e-4;

    /**
     * One keyword.
     *
     * @param term the word
     * @param score its TextRank score: at least 1 − d; the scores of all words sum to n − d·i for n words of
     *     which i share no window with another word (an isolated word scores exactly 1 − d), so their mean is 1
     *     when every word has a neighbour
     * @param count how many times it occurs as a content token of the document
     */
    public record Keyword(String term, double score, int count) implements Serializable {}

    private final Tokenizer tokenizer;

    public KeywordRanker(Tokenizer tokenizer) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    }

    /** A ranker over {@link Tokenizer#fromClasspath()}'s content tokens. */
    public static KeywordRanker fromClasspath() {
        return new KeywordRanker(Tokenizer.fromClasspath());
    }

    /** The {@code topK} best keywords of {@code text}, best first (fewer when the text has fewer words). */
    public List<Keyword> keywords(String text, int topK) {
        List<String> terms = new ArrayList<>();
        for (Token t : tokenizer.contentTokens(text)) {
            terms.add(t.term());
        }
        return rank(terms, topK);
    }

    /**
     * TextRank over an already filtered token sequence; see the class doc. Words are numbered by first
     * occurrence and the graph is held in int arrays: two-character CJK words collide in String.hashCode
     * (31·a + b = 31·(a+1) + (b−31)), so a map-based graph degraded to tree bins and boxed doubles, and was
     * the largest executor hotspot of the analytics stage in a JFR profile.
     */
    public static List<Keyword> rank(List<String> terms, int topK) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> words = new ArrayList<>(); // id → word, in order of first occurrence
        int[] seq = new int[terms.size()];
        for (int i = 0; i < seq.length; i++) {
            String w = terms.get(i);
            Integer id = ids.get(w);
            if (id == null) {
                id = words.size();
                ids.put(w, id);
                words.add(w);
            }
            seq[i] = id;
        }
        int n = words.size();
        int[] counts = new int[n];
        List<LinkedHashSet<Integer>> adjacent = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            adjacent.add(new LinkedHashSet<>());
        }
        for (int i = 0; i < seq.length; i++) {
            int w = seq[i];
            counts[w]++;
            for (int j = Math.max(0, i - WINDOW + 1); j < i; j++) {
                int u = seq[j];
                if (u == w) {
                    continue;
                }
                adjacent.get(w).add(u);
                adjacent.get(u).add(w);
            }
        }
        int[][] graph = new int[n][];
        for (int v = 0; v < n; v++) {
            graph[v] = adjacent.get(v).stream().mapToInt(Integer::intValue).toArray();
        }
        double[] scores = textRank(graph);
        List<Integer> order = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            order.add(v);
        }
        // Stable sort keeps first-occurrence order among equal scores.
        order.sort((a, b) -> Double.compare(scores[b], scores[a]));
        List<Keyword> out = new ArrayList<>();
        for (int v : order.subList(0, Math.min(topK, n))) {
            out.add(new Keyword(words.get(v), scores[v], counts[v]));
        }
        return out;
    }

    /** Iterates TextRank scores on an undirected graph (adjacency sets must be symmetric). */
    static Map<String, Double> textRank(Map<String, Set<String>> graph) {
        List<String> words = new ArrayList<>(graph.keySet());
        Map<String, Integer> ids = new HashMap<>();
        for (int v = 0; v < words.size(); v++) {
            ids.put(words.get(v), v);
        }
        int[][] g = new int[words.size()][];
        for (int v = 0; v < words.size(); v++) {
            g[v] = graph.get(words.get(v)).stream().mapToInt(ids::get).toArray();
        }
        double[] s = textRank(g);
        Map<String, Double> out = new HashMap<>();
        for (int v = 0; v < words.size(); v++) {
            out.put(words.get(v), s[v]);
        }
        return out;
    }

    /** The iteration itself over adjacency lists of word ids, neighbours in first-linked order. */
    private static double[] textRank(int[][] graph) {
        int n = graph.length;
        double[] score = new double[n];
        java.util.Arrays.fill(score, 1.0);
        double[] next = new double[n];
        for (int iter = 0; iter < MAX_ITER; iter++) {
            double maxDiff = 0;
            for (int v = 0; v < n; v++) {
                double s = 1 - DAMPING;
                for (int u : graph[v]) {
                    s += DAMPING * score[u] / graph[u].length;
                }
                next[v] = s;
                maxDiff = Math.max(maxDiff, Math.abs(s - score[v]));
            }
            double[] t = score;
            score = next;
            next = t;
            if (maxDiff <= TOLERANCE) {
                break;
            }
        }
        return score;
    }
}
