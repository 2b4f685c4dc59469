package govlens.lib.clean;

import static govlens.lib.testing.RandomTexts.checkRandomData;

import govlens.lib.testing.RandomTexts;
import govlens.lib.testing.TextInvariants;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs for {@link TextCleaner}: report-like texts with noise, character soups with lone
 * surrogates and controls, blank texts. Asserts the documented guarantees on the cleaned text, idempotence and an
 * offset map that points every cleaned character back to the raw character it came from ({@link
 * TextInvariants#assertCleaned}). See {@link RandomTexts} for seeds and iteration counts.
 */
class RandomTextCleanerTest {

    // Any text: the cleaned text keeps every promise of the class doc, and the offset map points into the raw text.
    @Test
    void anyText() {
        checkRandomData(150, RandomTexts::anyText, RandomTexts::escape, raw -> {
            TextInvariants.assertCleaned(raw, TextCleaner.clean(raw));
        });
    }

    // Web-page furniture and markdown in bulk: the same promises (these inputs exercise the line rules).
    @Test
    void furnitureHeavyText() {
        checkRandomData(150, r -> RandomTexts.fragments(r, 5 + r.nextInt(60)), RandomTexts::escape, raw -> {
            TextInvariants.assertCleaned(raw, TextCleaner.clean(raw));
        });
    }
}
