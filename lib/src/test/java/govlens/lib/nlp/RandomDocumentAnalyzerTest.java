package govlens.lib.nlp;

import static govlens.lib.testing.RandomTexts.checkRandomData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.clean.TextCleaner;
import govlens.lib.testing.RandomTexts;
import govlens.lib.text.Section;
import govlens.lib.text.SectionSplitter;
import govlens.lib.text.Sentence;
import govlens.lib.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Seeded random documents through {@link DocumentAnalyzer}: no step fails, every token's offsets point into the
 * document text inside its sentence, term counts are the content tokens', the keywords are among the terms with
 * their counts, and the units hold the content tokens in text order. See {@link RandomTexts} for seeds.
 */
class RandomDocumentAnalyzerTest {
    private static final Tokenizer TOKENIZER = Tokenizer.fromClasspath();

    private record Doc(String text, List<Sentence> sentences, DocumentAnalyzer.Settings settings) {}

    // Any text, cleaned and split as the pipeline does; the settings vary with the text.
    @Test
    void randomDocuments() {
        checkRandomData(100, RandomTexts::anyText, RandomTexts::escape, raw -> check(doc(raw)));
    }

    private static Doc doc(String raw) {
        String text = TextCleaner.clean(raw).text();
        List<Section> sections = SectionSplitter.split(text);
        Random r = new Random(raw.hashCode());
        DocumentAnalyzer.Settings settings = new DocumentAnalyzer.Settings(
                1 + r.nextInt(30), r.nextBoolean() ? "section" : "chunk", 1 + r.nextInt(2000));
        return new Doc(text, SentenceSplitter.split(text, sections), settings);
    }

    private static void check(Doc d) {
        String text = d.text();
        DocumentAnalyzer.Analysis a = new DocumentAnalyzer(TOKENIZER, d.settings()).analyze(d.sentences());
        assertEquals(List.of(), a.errors(), "a step failed");
        assertEquals(d.sentences().size(), a.sentences().size(), "one token row per sentence");
        List<String> content = new ArrayList<>();
        TreeMap<String, Long> counts = new TreeMap<>();
        for (int k = 0; k < a.sentences().size(); k++) {
            DocumentAnalyzer.SentenceTokens st = a.sentences().get(k);
            Sentence s = d.sentences().get(k);
            assertEquals(s.idx(), st.sentenceIdx());
            assertEquals(s.sectionId(), st.sectionId());
            int n = st.terms().length;
            assertTrue(
                    st.pos().length == n
                            && st.starts().length == n
                            && st.ends().length == n
                            && st.content().length == n,
                    "parallel arrays");
            int prev = s.charStart();
            for (int i = 0; i < n; i++) {
                String at = "sentence " + k + " token " + i;
                assertTrue(
                        st.starts()[i] >= prev && st.starts()[i] < st.ends()[i] && st.ends()[i] <= s.charEnd(),
                        at + ": offsets outside the sentence or overlapping");
                assertEquals(text.substring(st.starts()[i], st.ends()[i]), st.terms()[i], at + ": term");
                prev = st.ends()[i];
                if (st.content()[i]) {
                    content.add(st.terms()[i]);
                    counts.merge(st.terms()[i], 1L, Long::sum);
                }
            }
        }
        assertArrayEquals(counts.keySet().toArray(new String[0]), a.terms(), "distinct sorted content terms");
        assertArrayEquals(counts.values().stream().mapToLong(Long::longValue).toArray(), a.counts(), "term counts");
        assertTrue(a.textRank().size() <= Math.min(d.settings().topK(), counts.size()), "keyword count");
        for (KeywordRanker.Keyword k : a.textRank()) {
            assertTrue(counts.containsKey(k.term()), "keyword not a content term: " + k.term());
            assertEquals(counts.get(k.term()).intValue(), k.count(), "keyword count of " + k.term());
            assertTrue(Double.isFinite(k.score()) && k.score() > 0, "score of " + k.term());
        }
        List<String> unitTerms = new ArrayList<>();
        Set<String> sectionIds = d.sentences().stream().map(Sentence::sectionId).collect(Collectors.toSet());
        for (DocumentAnalyzer.Unit u : a.units()) {
            assertTrue(!u.terms().isEmpty(), "empty unit " + u.unitId());
            if (d.settings().unit().equals("chunk")) {
                assertTrue(u.unitId().matches("c\\d{3,}"), "chunk id " + u.unitId());
            } else {
                assertTrue(sectionIds.contains(u.unitId()), "unit id " + u.unitId());
            }
            unitTerms.addAll(u.terms());
        }
        if (d.settings().unit().equals("chunk")) {
            assertEquals(content, unitTerms, "chunks hold the content tokens in text order");
        } else {
            assertEquals(content.size(), unitTerms.size(), "section units hold every content token");
        }
    }
}
