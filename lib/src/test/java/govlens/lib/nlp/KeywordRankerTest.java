package govlens.lib.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeywordRankerTest {

    // Star graph, centre c with 3 leaves: c = 0.15 + 0.85·3·l, l = 0.15 + 0.85·c/3, so
    // c = 0.5325/0.2775 and l = 0.15 + 0.85·c/3 (converged to within the 1e-4 tolerance).
    @Test
    void starGraphFixedPoint() {
        Map<String, Set<String>> g = new LinkedHashMap<>();
        g.put("c", Set.of("x", "y", "z"));
        g.put("x", Set.of("c"));
        g.put("y", Set.of("c"));
        g.put("z", Set.of("c"));
        Map<String, Double> s = KeywordRanker.textRank(g);
        double c = 0.5325 / 0.2775;
        assertEquals(c, s.get("c"), 1e-3);
        assertEquals(0.15 + 0.85 * c / 3, s.get("x"), 1e-3);
    }

    // Window 5: tokens 5 apart are not linked. In a b c d e f, a links b..e only, and a repeated word
    // collects the neighbours of all its occurrences; counts are exact occurrence counts.
    @Test
    void windowAndCounts() {
        List<KeywordRanker.Keyword> k = KeywordRanker.rank(List.of("执法", "a", "b", "c", "d", "执法", "e", "f"), 10);
        assertEquals("执法", k.get(0).term());
        assertEquals(2, k.get(0).count());
        assertEquals(7, k.size()); // distinct words
    }

    // Two words linked to each other only: both converge to exactly 1, ordered by first occurrence.
    @Test
    void tiesKeepFirstOccurrenceOrder() {
        List<KeywordRanker.Keyword> k = KeywordRanker.rank(List.of("复议", "应诉", "复议"), 5);
        assertEquals(
                List.of("复议", "应诉"), k.stream().map(KeywordRanker.Keyword::term).toList());
        assertEquals(1.0, k.get(0).score(), 1e-9);
        assertEquals(List.of(2, 1), k.stream().map(KeywordRanker.Keyword::count).toList());
    }

    // On real text the domain term that recurs and links most ranks first; counts come from content tokens.
    @Test
    void keywordsOfAParagraph() {
        String text = "全面推进行政复议体制改革,行政复议案件受理量持续上升。发挥行政复议化解行政争议主渠道作用," + "提高行政机关负责人出庭应诉率,行政复议纠错率稳定。";
        List<KeywordRanker.Keyword> k = KeywordRanker.fromClasspath().keywords(text, 3);
        assertEquals("行政复议", k.get(0).term());
        assertEquals(4, k.get(0).count());
    }
}
