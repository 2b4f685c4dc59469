package govlens.lib.nlp;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Topic quality measures over a reference corpus given as one term set per document.
 *
 * <p>NPMI coherence (Bouma 2009; Lau, Newman &amp; Baldwin 2014, document co-occurrence as the window):
 * for each pair of a topic's top-N words, with document probabilities P(w) = df(w)/D and
 * P(wi,wj) = df(wi,wj)/D,
 *
 * <pre>NPMI(wi,wj) = log(P(wi,wj) / (P(wi) P(wj))) / −log P(wi,wj)</pre>
 *
 * defined as −1 when the words never co-occur (including a word absent from the corpus) and as 1 when
 * P(wi,wj) = 1; the topic's coherence is the mean over all pairs. Topic diversity (Dieng et al. 2020) is
 * the share of distinct words among all topics' top-N words (1 = no overlap).
 *
 * <p>Builds an inverted index once; instances are immutable and thread-safe.
 */
public final class Coherence implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default number of top words per topic. */
    public static final int DEFAULT_TOP_N = 10;

    private final int docCount;
    private final Map<String, Set<Integer>> postings;

    private Coherence(List<? extends Set<String>> docs) {
        this.docCount = docs.size();
        this.postings = new HashMap<>();
        for (int i = 0; i < docs.size(); i++) {
            for (String w : docs.get(i)) {
                postings.computeIfAbsent(w, k -> new HashSet<>()).add(i);
            }
        }
    }

    /**
     * Indexes the reference corpus.
     *
     * @param docs each document's set of terms; must not be empty
     */
    public static Coherence of(List<? extends Set<String>> docs) {
        if (docs.isEmpty()) {
            throw new IllegalArgumentException("reference corpus is empty");
        }
        return new Coherence(docs);
    }

    /** Number of reference documents containing {@code w}. */
    public int docFreq(String w) {
        Set<Integer> p = postings.get(w);
        return p == null ? 0 : p.size();
    }

    /** Number of reference documents containing both words. */
    public int coDocFreq(String a, String b) {
        Set<Integer> pa = postings.get(a);
        Set<Integer> pb = postings.get(b);
        if (pa == null || pb == null) {
            return 0;
        }
        Set<Integer> small = pa.size() <= pb.size() ? pa : pb;
        Set<Integer> large = small == pa ? pb : pa;
        int n = 0;
        for (Integer d : small) {
            if (large.contains(d)) {
                n++;
            }
        }
        return n;
    }

    /** NPMI of one word pair, in [−1, 1]. */
    public double npmi(String a, String b) {
        int joint = coDocFreq(a, b);
        if (joint == 0) {
            return -1.0;
        }
        if (joint == docCount) {
            return 1.0;
        }
        double pab = (double) joint / docCount;
        double pa = (double) docFreq(a) / docCount;
        double pb = (double) docFreq(b) / docCount;
        return Math.log(pab / (pa * pb)) / -Math.log(pab);
    }

    /** Mean NPMI over the pairs of the first {@value #DEFAULT_TOP_N} words of {@code topWords}. */
    public double topicCoherence(List<String> topWords) {
        return topicCoherence(topWords, DEFAULT_TOP_N);
    }

    /**
     * Mean NPMI over all pairs of the first {@code n} words of {@code topWords} (all words when fewer).
     *
     * @throws IllegalArgumentException when fewer than 2 words are used
     */
    public double topicCoherence(List<String> topWords, int n) {
        List<String> w = topWords.subList(0, Math.min(n, topWords.size()));
        if (w.size() < 2) {
            throw new IllegalArgumentException("need at least 2 words, got " + w.size());
        }
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < w.size(); i++) {
            for (int j = i + 1; j < w.size(); j++) {
                sum += npmi(w.get(i), w.get(j));
                pairs++;
            }
        }
        return sum / pairs;
    }

    /** Mean {@link #topicCoherence(List, int)} over topics. */
    public double meanCoherence(List<List<String>> topics, int n) {
        double sum = 0;
        for (List<String> t : topics) {
            sum += topicCoherence(t, n);
        }
        return sum / topics.size();
    }

    /** Topic diversity over the first {@value #DEFAULT_TOP_N} words of each topic. */
    public static double topicDiversity(List<List<String>> topics) {
        return topicDiversity(topics, DEFAULT_TOP_N);
    }

    /**
     * Share of distinct words among all topics' first {@code n} words, in (0, 1].
     *
     * @throws IllegalArgumentException when there are no words at all
     */
    public static double topicDiversity(List<List<String>> topics, int n) {
        List<String> all = new ArrayList<>();
        for (List<String> t : topics) {
            all.addAll(t.subList(0, Math.min(n, t.size())));
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no topic words");
        }
        return (double) new HashSet<>(all).size() / all.size();
    }
}
