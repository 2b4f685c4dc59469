package govlens.lib.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.pipeline.FaultInjection;
import govlens.lib.text.Sentence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one-pass analysis of a document: units, TextRank in text order, term counts, offsets, and the
 * isolation of each step's failure.
 *
 * <p>Units fixture: four sentences at [0,300), [300,450), [450,700), [700,1200) in sections s000, s000, s001,
 * s001, with one content term each: a, b, c, d.
 */
class DocumentAnalyzerTest {
    static final List<Sentence> SENTENCES = List.of(
            new Sentence("s000", 0, "…", 0, 300),
            new Sentence("s000", 1, "…", 300, 450),
            new Sentence("s001", 2, "…", 450, 700),
            new Sentence("s001", 3, "…", 700, 1200));

    static List<DocumentAnalyzer.SentenceTokens> oneTermEach() {
        List<DocumentAnalyzer.SentenceTokens> out = new ArrayList<>();
        String[] terms = {"a", "b", "c", "d"};
        for (int i = 0; i < 4; i++) {
            Sentence s = SENTENCES.get(i);
            out.add(new DocumentAnalyzer.SentenceTokens(
                    s.sectionId(),
                    s.idx(),
                    new String[] {terms[i], "，"},
                    new String[] {"n", "w"},
                    new int[] {s.charStart(), s.charStart() + 1},
                    new int[] {s.charStart() + 1, s.charStart() + 2},
                    new boolean[] {true, false}));
        }
        return out;
    }

    static List<String> units(String unit) {
        return DocumentAnalyzer.units(oneTermEach(), SENTENCES, new DocumentAnalyzer.Settings(20, unit, 500)).stream()
                .map(u -> u.unitId() + "=" + u.terms())
                .toList();
    }

    @AfterEach
    void noFaults() {
        System.clearProperty(FaultInjection.PROPERTY);
    }

    // Section units are the sections, content terms in text order.
    @Test
    void sectionUnits() {
        assertEquals(List.of("s000=[a, b]", "s001=[c, d]"), units("section"));
    }

    // A chunk takes the sentences starting within its 500 characters; chunks cross section boundaries.
    @Test
    void chunkUnits() {
        assertEquals(List.of("c000=[a, b, c]", "c001=[d]"), units("chunk"));
    }

    private static final String TEXT = "全年共受理行政复议案件58件。行政复议纠错率达到15%。依法行政能力持续提升。";

    static List<Sentence> sentencesOf(String text) {
        List<Sentence> out = new ArrayList<>();
        int start = 0;
        int idx = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '。') {
                out.add(new Sentence("s000", idx++, text.substring(start, i + 1), start, i + 1));
                start = i + 1;
            }
        }
        return out;
    }

    static DocumentAnalyzer analyzer() {
        return new DocumentAnalyzer(Tokenizer.fromClasspath(), new DocumentAnalyzer.Settings(5, "section", 500));
    }

    // Every token's offsets point at its text in the document; content flags follow the filter.
    @Test
    void tokenOffsetsPointIntoTheDocument() {
        DocumentAnalyzer.Analysis a = analyzer().analyze(sentencesOf(TEXT));
        TokenFilter filter = Tokenizer.fromClasspath().filter();
        int n = 0;
        for (DocumentAnalyzer.SentenceTokens s : a.sentences()) {
            for (int i = 0; i < s.terms().length; i++) {
                assertEquals(s.terms()[i], TEXT.substring(s.starts()[i], s.ends()[i]));
                assertEquals(
                        filter.test(new Token(s.terms()[i], s.pos()[i], 0, s.terms()[i].length())), s.content()[i]);
                n++;
            }
        }
        assertTrue(n > 10, "tokens: " + n);
    }

    // Term counts are the content tokens counted, terms sorted; TextRank is KeywordRanker over them in order.
    @Test
    void countsAndTextRankComeFromTheContentTokensInOrder() {
        DocumentAnalyzer.Analysis a = analyzer().analyze(sentencesOf(TEXT));
        List<String> content = new ArrayList<>();
        for (DocumentAnalyzer.SentenceTokens s : a.sentences()) {
            for (int i = 0; i < s.terms().length; i++) {
                if (s.content()[i]) {
                    content.add(s.terms()[i]);
                }
            }
        }
        List<String> sorted = content.stream().distinct().sorted().toList();
        assertEquals(sorted, Arrays.asList(a.terms()));
        for (int i = 0; i < a.terms().length; i++) {
            String t = a.terms()[i];
            assertEquals(content.stream().filter(t::equals).count(), a.counts()[i], t);
        }
        assertEquals(KeywordRanker.rank(content, 5), a.textRank());
    }

    // A tokenizer failure leaves the whole analysis empty with one tokenize error.
    @Test
    void tokenizeFailureLeavesAnEmptyAnalysis() {
        System.setProperty(FaultInjection.PROPERTY, "tokenize:纠错率");
        DocumentAnalyzer.Analysis a = analyzer().analyze(sentencesOf(TEXT));
        assertEquals(List.of(), a.sentences());
        assertEquals(0, a.terms().length);
        assertEquals(
                List.of(DocumentAnalyzer.STEP_TOKENIZE),
                a.errors().stream().map(e -> e.step()).toList());
    }

    // A TextRank failure leaves only the keywords empty; tokens, counts and units stay.
    @Test
    void textRankFailureKeepsTheOtherOutputs() {
        System.setProperty(FaultInjection.PROPERTY, "textrank:纠错率");
        DocumentAnalyzer.Analysis a = analyzer().analyze(sentencesOf(TEXT));
        assertEquals(List.of(), a.textRank());
        assertTrue(a.terms().length > 0 && !a.units().isEmpty());
        assertEquals(
                List.of(DocumentAnalyzer.STEP_TEXTRANK),
                a.errors().stream().map(e -> e.step()).toList());
    }

    // A unit failure leaves only the units empty.
    @Test
    void unitFailureKeepsTheOtherOutputs() {
        System.setProperty(FaultInjection.PROPERTY, "units:纠错率");
        DocumentAnalyzer.Analysis a = analyzer().analyze(sentencesOf(TEXT));
        assertEquals(List.of(), a.units());
        assertTrue(a.terms().length > 0 && !a.textRank().isEmpty());
        assertEquals(
                List.of(DocumentAnalyzer.STEP_UNITS),
                a.errors().stream().map(e -> e.step()).toList());
    }
}
