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

    private static Doc doc(Random r) {
        String raw = r.nextInt(3) == 0 ? RandomTexts.fragments(r, 5 + r.nextInt(60)) : RandomTexts.anyText(r);
        String text = TextCleaner.clean(raw).text();
        List<Section> sections = SectionSplitter.split(text);
        return new Doc(text, SentenceSplitter.split(text, sections));
    }

    @Test
    void randomDocuments() {
        checkRandomData(300, RandomIndicatorExtractorTest::doc, d -> RandomTexts.escape(d.text()), d -> {
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

    private static void assertOffsets(String text, int start, int end, String raw, String at) {
        assertTrue(0 <= start && start < end && end <= text.length(), at + ": offsets outside the text");
        assertEquals(text.substring(start, end), raw, at + ": raw_text is not text[char_start:char_end]");
    }

    private static void assertSentence(List<Sentence> sentences, int idx, String sectionId, String at) {
        assertTrue(idx >= 0 && idx < sentences.size(), at + ": sentence idx " + idx);
        assertEquals(sentences.get(idx).sectionId(), sectionId, at + ": section id of sentence " + idx);
    }
}
