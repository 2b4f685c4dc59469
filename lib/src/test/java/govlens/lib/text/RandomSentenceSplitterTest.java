package govlens.lib.text;

import static govlens.lib.testing.RandomTexts.checkRandomData;

import govlens.lib.clean.TextCleaner;
import govlens.lib.testing.RandomTexts;
import govlens.lib.testing.TextInvariants;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs for {@link SentenceSplitter}: sentences must tile their sections up to whitespace, never
 * cross a line break or a section start, and carry the id of the section holding their first character ({@link
 * TextInvariants#assertSentencesTile}). See {@link RandomTexts} for seeds and iteration counts.
 */
class RandomSentenceSplitterTest {

    // Cleaned text with its sections, as the pipeline passes them.
    @Test
    void cleanedTextWithSections() {
        checkRandomData(150, r -> TextCleaner.clean(RandomTexts.anyText(r)).text(), RandomTexts::escape, text -> {
            List<Section> sections = SectionSplitter.split(text);
            TextInvariants.assertSentencesTile(text, sections, SentenceSplitter.split(text, sections));
        });
    }

    // Raw text, with and without sections.
    @Test
    void rawTextWithAndWithoutSections() {
        checkRandomData(120, RandomTexts::anyText, RandomTexts::escape, text -> {
            List<Section> sections = SectionSplitter.split(text);
            TextInvariants.assertSentencesTile(text, sections, SentenceSplitter.split(text, sections));
            TextInvariants.assertSentencesTile(text, null, SentenceSplitter.split(text, null));
            TextInvariants.assertSentencesTile(text, List.of(), SentenceSplitter.split(text, List.of()));
        });
    }
}
