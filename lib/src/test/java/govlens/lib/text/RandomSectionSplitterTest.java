package govlens.lib.text;

import static govlens.lib.testing.RandomTexts.checkRandomData;
import static org.junit.jupiter.api.Assertions.assertEquals;

import govlens.lib.clean.TextCleaner;
import govlens.lib.testing.RandomTexts;
import govlens.lib.testing.TextInvariants;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs for {@link SectionSplitter}: cleaned and raw report-like texts with broken, out-of-order
 * and mid-line headings. Sections must tile the text as the class doc promises ({@link
 * TextInvariants#assertSectionsTile}) and the split must be deterministic. See {@link RandomTexts} for seeds.
 */
class RandomSectionSplitterTest {

    // Cleaned text, as the pipeline passes it.
    @Test
    void cleanedText() {
        checkRandomData(150, r -> TextCleaner.clean(RandomTexts.anyText(r)).text(), RandomTexts::escape, text -> {
            TextInvariants.assertSectionsTile(text, SectionSplitter.split(text));
            assertEquals(SectionSplitter.split(text), SectionSplitter.split(text), "not deterministic");
        });
    }

    // Any string at all (the splitter accepts raw text too: markdown markers, CRLF, controls).
    @Test
    void rawText() {
        checkRandomData(150, RandomTexts::anyText, RandomTexts::escape, text -> {
            TextInvariants.assertSectionsTile(text, SectionSplitter.split(text));
        });
    }
}
