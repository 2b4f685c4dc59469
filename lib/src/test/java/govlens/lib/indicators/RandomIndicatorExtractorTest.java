package govlens.lib.indicators;

import static govlens.lib.testing.RandomTexts.checkRandomData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.clean.TextCleaner;
import govlens.lib.testing.RandomTexts;
import govlens.lib.text.Section;
import govlens.lib.text.SectionSplitter;
import govlens.lib.text.Sentence;
import govlens.lib.text.SentenceSplitter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random documents through {@link IndicatorExtractor} (kept apart from the other random tests because the
 * extractor's API is being reworked): no exception; every value and mention points into the cleaned text with
 * {@code rawText} equal to {@code text.substring(charStart, charEnd)}, names an existing sentence and that
 * sentence's section, and lies inside the text; values are finite with confidence in [0, 1]. Texts are dense in
 * numbers of every notation. See {@link RandomTexts} for seeds and iteration counts.
 */
class RandomIndicatorExtractorTest {
    private static final IndicatorExtractor EXTRACTOR = IndicatorExtractor.fromClasspath();

    private record Doc(String text, List<Sentence> sentences) {}

    private static String raw(Random r) {
        return r.nextInt(3) == 0 ? RandomTexts.fragments(r, 5 + r.nextInt(60)) : RandomTexts.anyText(r);
    }

    private static Doc doc(String raw) {
        String text = TextCleaner.clean(raw).text();
        List<Section> sections = SectionSplitter.split(text);
        return new Doc(text, SentenceSplitter.split(text, sections));
    }

    // Numbers in every notation inside noisy reports: offsets, raw_text, sentence references, value ranges.
    @Test
    void randomDocuments() {
        checkRandomData(80, RandomIndicatorExtractorTest::raw, RandomTexts::escape, raw -> {
            Doc d = doc(raw);
            ExtractionResult res = EXTRACTOR.extract(d.text(), d.sentences());
            assertNotNull(res);
            String text = d.text();
            for (IndicatorValue v : res.values()) {
                String at = "value " + v.indicator() + " " + RandomTexts.escape(v.rawText()) + " [" + v.charStart()
                        + "," + v.charEnd() + ")";
                assertOffsets(text, v.charStart(), v.charEnd(), v.rawText(), at);
                assertSentence(d.sentences(), v.sentenceIdx(), v.sectionId(), at);
                assertTrue(Double.isFinite(v.value()), at + ": value " + v.value());
                assertTrue(v.confidence() >= 0 && v.confidence() <= 1, at + ": confidence " + v.confidence());
                assertNotNull(v.flags(), at + ": flags");
            }
            int prev = -1;
            for (Mention m : res.mentions()) {
                String at =
                        "mention " + RandomTexts.escape(m.rawText()) + " [" + m.charStart() + "," + m.charEnd() + ")";
                assertOffsets(text, m.charStart(), m.charEnd(), m.rawText(), at);
                assertSentence(d.sentences(), m.sentenceIdx(), m.sectionId(), at);
                assertTrue(Mention.UNCLAIMED.equals(m.status()) || Mention.REJECTED.equals(m.status()), at);
                assertEquals(Mention.UNCLAIMED.equals(m.status()), m.reason() == null, at + ": reason " + m.reason());
                assertTrue(m.value() == null || Double.isFinite(m.value()), at + ": value " + m.value());
                assertTrue(m.charStart() >= prev, at + ": mentions not in text order");
                prev = m.charStart();
            }
        });
    }

    /**
     * A scraped page can hold one line of figures without punctuation. Each number looks at a bounded window for
     * its clause and sentence, so the mention contexts (and the time) grow linearly with the line: ten times the
     * line gives at most about ten times the context characters (it was quadratic: 100,000 characters ran a 1 GB
     * JVM out of memory).
     */
    @Test
    void longLineOfNumbersStaysLinear() {
        long small = contextChars("法治1政府".repeat(2_000));
        long large = contextChars("法治1政府".repeat(20_000));
        assertTrue(small > 0, "no mention on the short line");
        assertTrue(
                large <= 11 * small, "context characters: " + small + " for 10,000 chars, " + large + " for 100,000");
    }

    private static long contextChars(String text) {
        Doc d = doc(text);
        ExtractionResult res = EXTRACTOR.extract(d.text(), d.sentences());
        return res.mentions().stream()
                .mapToLong(m -> m.context() == null ? 0 : m.context().length())
                .sum();
    }

    private static void assertOffsets(String text, int start, int end, String raw, String at) {
        assertTrue(0 <= start && start < end && end <= text.length(), at + ": offsets outside the text");
        assertEquals(text.substring(start, end), raw, at + ": raw_text is not text[char_start:char_end]");
    }

    private static void assertSentence(List<Sentence> sentences, int idx, String sectionId, String at) {
        assertTrue(idx >= 0 && idx < sentences.size(), at + ": sentence idx " + idx);
        assertEquals(sentences.get(idx).sectionId(), sectionId, at + ": section id of sentence " + idx);
    }
}
