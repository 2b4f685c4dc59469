package govlens.lib.nlp;

import static govlens.lib.testing.RandomTexts.checkRandomData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.clean.TextCleaner;
import govlens.lib.testing.RandomTexts;
import govlens.lib.testing.TextInvariants;
import govlens.lib.text.SectionSplitter;
import govlens.lib.text.Sentence;
import govlens.lib.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs for {@link Tokenizer}: token offsets within the text, terms equal to their substring, in
 * order, and nothing but whitespace skipped ({@link TextInvariants#assertTokens}); content tokens are the tokens the
 * filter accepts. See {@link RandomTexts} for seeds and iteration counts.
 */
class RandomTokenizerTest {
    private static final Tokenizer TOKENIZER = Tokenizer.fromClasspath();

    // Sentences of cleaned noisy reports, as the analytics stage tokenizes them.
    @Test
    void sentencesOfCleanedReports() {
        checkRandomData(50, r -> TextCleaner.clean(RandomTexts.anyText(r)).text(), RandomTexts::escape, text -> {
            for (Sentence s : SentenceSplitter.split(text, SectionSplitter.split(text))) {
                List<Token> tokens = TOKENIZER.tokenize(s.text());
                TextInvariants.assertTokens(s.text(), tokens);
                List<Token> expected = new ArrayList<>();
                for (Token t : tokens) {
                    if (TOKENIZER.filter().test(t)) {
                        expected.add(t);
                    }
                }
                assertEquals(expected, TOKENIZER.contentTokens(s.text()), "content tokens");
            }
        });
    }

    // Any string at all: character soups with lone surrogates and controls, raw text, blanks.
    @Test
    void anyString() {
        checkRandomData(
                150,
                r -> r.nextBoolean()
                        ? RandomTexts.charSoup(r, r.nextInt(300))
                        : RandomTexts.fragments(r, 1 + r.nextInt(10)),
                RandomTexts::escape,
                text -> {
                    List<Token> tokens = TOKENIZER.tokenize(text);
                    TextInvariants.assertTokens(text, tokens);
                    assertTrue(TOKENIZER.contentTokens(text).size() <= tokens.size());
                });
    }
}
