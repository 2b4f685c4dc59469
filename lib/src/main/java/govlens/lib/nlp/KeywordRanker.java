package govlens.lib.nlp;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
   * @param score its TextRank score (mean over all words is 1)
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
    for (Token t : tokenizer.contentTokens(text)) terms.add(t.term());
    return rank(terms, topK);
  }

  /** TextRank over an already filtered token sequence; see the class doc. */
  public static List<Keyword> rank(List<String> terms, int topK) {
    Map<String, Set<String>> graph = new LinkedHashMap<>(); // insertion order = first occurrence
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < terms.size(); i++) {
      String w = terms.get(i);
      counts.merge(w, 1, Integer::sum);
      graph.computeIfAbsent(w, k -> new LinkedHashSet<>());
      for (int j = Math.max(0, i - WINDOW + 1); j < i; j++) {
        String u = terms.get(j);
        if (u.equals(w)) continue;
        graph.get(w).add(u);
        graph.get(u).add(w);
      }
    }
    Map<String, Double> scores = textRank(graph);
    List<String> order = new ArrayList<>(graph.keySet());
    // Stable sort keeps first-occurrence order among equal scores.
    order.sort((a, b) -> Double.compare(scores.get(b), scores.get(a)));
    List<Keyword> out = new ArrayList<>();
    for (String w : order.subList(0, Math.min(topK, order.size()))) {
      out.add(new Keyword(w, scores.get(w), counts.get(w)));
    }
    return out;
  }

  /** Iterates TextRank scores on an undirected graph (adjacency sets must be symmetric). */
  static Map<String, Double> textRank(Map<String, Set<String>> graph) {
    Map<String, Double> score = new HashMap<>();
    for (String v : graph.keySet()) score.put(v, 1.0);
    for (int iter = 0; iter < MAX_ITER; iter++) {
      Map<String, Double> next = new HashMap<>();
      double maxDiff = 0;
      for (Map.Entry<String, Set<String>> e : graph.entrySet()) {
        double s = 1 - DAMPING;
        for (String u : e.getValue()) s += DAMPING * score.get(u) / graph.get(u).size();
        next.put(e.getKey(), s);
        maxDiff = Math.max(maxDiff, Math.abs(s - score.get(e.getKey())));
      }
      score = next;
      if (maxDiff <= TOLERANCE) break;
    }
    return score;
  }
}
