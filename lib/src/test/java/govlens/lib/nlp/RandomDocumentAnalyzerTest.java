package govlens.lib.nlp;

import static govlens.lib.testing.RandomTexts.checkRandomData;

import govlens.lib.clean.TextCleaner;
import govlens.lib.testing.RandomTexts;
import govlens.lib.testing.TextInvariants;
import govlens.lib.text.Section;
import govlens.lib.text.SectionSplitter;
import govlens.lib.text.Sentence;
import govlens.lib.text.SentenceSplitter;
import java.util.List;
import java.util.Random;
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
        checkRandomData(50, RandomTexts::anyText, RandomTexts::escape, raw -> {
            Doc d = doc(raw);
            TextInvariants.assertAnalysis(
                    d.text(),
                    d.sentences(),
                    d.settings(),
                    new DocumentAnalyzer(TOKENIZER, d.settings()).analyze(d.sentences()));
        });
    }

    private static Doc doc(String raw) {
        String text = TextCleaner.clean(raw).text();
        List<Section> sections = SectionSplitter.split(text);
        Random r = new Random(raw.hashCode());
        DocumentAnalyzer.Settings settings = new DocumentAnalyzer.Settings(
                1 + r.nextInt(30), r.nextBoolean() ? "section" : "chunk", 1 + r.nextInt(2000));
        return new Doc(text, SentenceSplitter.split(text, sections), settings);
    }
}
