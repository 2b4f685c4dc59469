package govlens.lib.nlp;

import static govlens.lib.testing.RandomTexts.checkRandomData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.testing.RandomTexts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded random term sequences for {@link KeywordRanker}: the ranking lists each distinct term once, best first,
 * with its count; scores are finite and at least 1 − d; over all words they sum to n − d·(isolated words), which
 * makes their mean 1 when every word has a neighbour. Also whole random texts through {@link
 * KeywordRanker#keywords}. See {@link RandomTexts} for seeds and iteration counts.
 */
class RandomKeywordRankerTest {

    private static final String[] WORDS = {"法治", "政府", "行政", "复议", "执法", "监督", "公开", "决策", "服务", "改革", "𠀀", "😀", ""};

    @Test
    void randomTermSequences() {
        checkRandomData(
                300,
                r -> {
                    int n = r.nextInt(r.nextInt(10) == 0 ? 3000 : 60);
                    List<String> terms = new ArrayList<>(n);
                    int vocabulary = 1 + r.nextInt(WORDS.length);
                    for (int i = 0; i < n; i++) {
                        terms.add(r.nextInt(20) == 0 ? "w" + r.nextInt(1000) : WORDS[r.nextInt(vocabulary)]);
                    }
                    return terms;
                },
                List::toString,
                terms -> {
                    List<KeywordRanker.Keyword> all = KeywordRanker.rank(terms, Integer.MAX_VALUE);
                    Map<String, Integer> counts = new HashMap<>();
                    for (String t : terms) {
                        counts.merge(t, 1, Integer::sum);
                    }
                    assertEquals(counts.size(), all.size(), "one keyword per distinct term");
                    Set<String> isolated = isolated(terms);
                    double sum = 0;
                    double prev = Double.POSITIVE_INFINITY;
                    for (KeywordRanker.Keyword k : all) {
                        assertEquals(counts.get(k.term()), k.count(), "count of " + k.term());
                        assertTrue(Double.isFinite(k.score()), "score of " + k.term());
                        assertTrue(k.score() >= 1 - KeywordRanker.DAMPING - 1e-9, "score below 1 - d: " + k);
                        assertTrue(k.score() <= prev, "not best first at " + k);
                        if (isolated.contains(k.term())) {
                            assertEquals(1 - KeywordRanker.DAMPING, k.score(), 1e-9, "isolated word " + k.term());
                        }
                        prev = k.score();
                        sum += k.score();
                    }
                    double expected = all.size() - KeywordRanker.DAMPING * isolated.size();
                    assertEquals(expected, sum, Math.max(1e-6, all.size() * 0.01), "sum of scores");
                    int topK = 1 + terms.size() % 7;
                    assertEquals(all.subList(0, Math.min(topK, all.size())), KeywordRanker.rank(terms, topK), "top k");
                });
    }

    /** Words that never share a window with another word. */
    private static Set<String> isolated(List<String> terms) {
        Set<String> linked = new HashSet<>();
        for (int i = 0; i < terms.size(); i++) {
            for (int j = Math.max(0, i - KeywordRanker.WINDOW + 1); j < i; j++) {
                if (!terms.get(i).equals(terms.get(j))) {
                    linked.add(terms.get(i));
                    linked.add(terms.get(j));
                }
            }
        }
        Set<String> out = new HashSet<>(terms);
        out.removeAll(linked);
        return out;
    }

    @Test
    void randomTexts() {
        KeywordRanker ranker = KeywordRanker.fromClasspath();
        checkRandomData(50, RandomTexts::anyText, RandomTexts::escape, text -> {
            List<KeywordRanker.Keyword> ks = ranker.keywords(text, 10);
            assertTrue(ks.size() <= 10);
            for (KeywordRanker.Keyword k : ks) {
                assertTrue(text.contains(k.term()), "keyword not in the text: " + k.term());
                assertTrue(k.count() >= 1 && Double.isFinite(k.score()));
            }
        });
    }
}
