package govlens.lib.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoherenceTest {
    private static final double EPS = 1e-12;
    // D = 4 documents: df(a)=3, df(b)=2, df(c)=2, df(d)=2; df(a,b)=2, df(a,c)=1, df(b,c)=1, df(c,d)=1, df(b,d)=0.
    private static final Coherence C =
            Coherence.of(List.of(Set.of("a", "b", "c"), Set.of("a", "b"), Set.of("a", "d"), Set.of("c", "d")));

    // NPMI(a,b) = log((2/4)/((3/4)(2/4))) / -log(2/4) = log(4/3)/log 2.
    @Test
    void npmiOfPositivelyAssociatedPair() {
        assertEquals(Math.log(4.0 / 3.0) / Math.log(2.0), C.npmi("a", "b"), EPS);
    }

    // NPMI(c,d): P(c,d) = P(c)P(d) = 1/4, so independence gives exactly 0.
    @Test
    void npmiOfIndependentPairIsZero() {
        assertEquals(0.0, C.npmi("c", "d"), EPS);
    }

    // Never co-occurring words (and words absent from the corpus) score -1.
    @Test
    void zeroCooccurrenceIsMinusOne() {
        assertEquals(-1.0, C.npmi("b", "d"), EPS);
        assertEquals(-1.0, C.npmi("a", "unknown"), EPS);
    }

    // Words that occur together in every document score 1.
    @Test
    void cooccurrenceInEveryDocumentIsOne() {
        Coherence all = Coherence.of(List.of(Set.of("x", "y"), Set.of("x", "y", "z")));
        assertEquals(1.0, all.npmi("x", "y"), EPS);
    }

    // Topic coherence is the mean over pairs: (ab + ac + bc)/3 with ac = log(2/3)/log 4 and bc = 0.
    @Test
    void topicCoherenceIsMeanOverPairs() {
        double expected = (Math.log(4.0 / 3.0) / Math.log(2.0) + Math.log(2.0 / 3.0) / Math.log(4.0) + 0.0) / 3.0;
        assertEquals(expected, C.topicCoherence(List.of("a", "b", "c")), EPS);
        assertEquals(0.04085208297275525, expected, 1e-15);
    }

    // Only the first N words count.
    @Test
    void topicCoherenceUsesTopN() {
        assertEquals(C.npmi("a", "b"), C.topicCoherence(List.of("a", "b", "d", "c"), 2), EPS);
    }

    // Diversity = unique words / all top-N words: {a,b,c,d,e} of 6, and {a,b,d} of 4 with N=2.
    @Test
    void topicDiversity() {
        List<List<String>> topics = List.of(List.of("a", "b", "c"), List.of("a", "d", "e"));
        assertEquals(5.0 / 6.0, Coherence.topicDiversity(topics, 3), EPS);
        assertEquals(3.0 / 4.0, Coherence.topicDiversity(topics, 2), EPS);
    }
}
