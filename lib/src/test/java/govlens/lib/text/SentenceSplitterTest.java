package govlens.lib.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static List<String> texts(String text) {
        return SentenceSplitter.split(text, SectionSplitter.split(text)).stream()
                .map(Sentence::text)
                .toList();
    }

    // Sentences end at 。!? and keep the closing quotes or brackets that follow.
    @Test
    void splitsAtTerminatorsKeepingClosers() {
        assertEquals(List.of("他说:“要依法行政。”", "是否落实?", "已落实!", "(此件公开发布。)"), texts("他说:“要依法行政。”是否落实?已落实!(此件公开发布。)"));
    }

    // Decimal points and "1." ordinals do not end a sentence.
    @Test
    void decimalsAndOrdinalsAreNotEnds() {
        assertEquals(List.of("满意率达97.93%,1.深化改革2.优化服务。"), texts("满意率达97.93%,1.深化改革2.优化服务。"));
    }

    // A line break ends a sentence, so a heading line is a sentence of its own; whitespace is trimmed.
    @Test
    void headingLineIsOwnSentence() {
        String text = "一、主要举措和成效\n\n  市政府高度重视。 \n";
        List<Sentence> sentences = SentenceSplitter.split(text, SectionSplitter.split(text));
        assertEquals(
                List.of("一、主要举措和成效", "市政府高度重视。"),
                sentences.stream().map(Sentence::text).toList());
        assertEquals(text.indexOf("市政府"), sentences.get(1).charStart());
    }

    // Each sentence carries the id of the section holding its first character and its document index.
    @Test
    void assignsSectionIdsAndIndexes() {
        String text = "前言。\n\n一、成效\n\n正文一。正文二。\n\n二、存在的问题\n\n问题一。\n";
        List<Sentence> sentences = SentenceSplitter.split(text, SectionSplitter.split(text));
        assertEquals(
                List.of("0:s000", "1:s001", "2:s001", "3:s001", "4:s002", "5:s002"),
                sentences.stream().map(s -> s.idx() + ":" + s.sectionId()).toList());
    }

    // A sentence longer than 500 characters is cut after semicolons, packing clauses up to the limit.
    @Test
    void cutsLongSentencesAtSemicolons() {
        String clause = "推进".repeat(100) + ";"; // 201 chars
        String text = clause + clause + clause + "完成。";
        List<String> parts = texts(text);
        assertEquals(List.of(clause + clause, clause + "完成。"), parts);
    }

    // A long sentence without semicolons stays whole rather than being cut mid-clause.
    @Test
    void longSentenceWithoutSemicolonStaysWhole() {
        String text = "推进".repeat(300) + "。";
        assertEquals(List.of(text), texts(text));
    }

    // Sentence spans reproduce the text and stay inside their section.
    @Test
    void spansMatchTextAndStayInSection() {
        String text = "序言。\n\n一、工作情况\n\n一是坚持高位推动。市政府高度重视。\n\n" + "在取得成绩的同时,我们也清醒地认识到还存在一些差距。一是职责待压实。\n";
        List<Section> sections = SectionSplitter.split(text);
        List<Sentence> sentences = SentenceSplitter.split(text, sections);
        assertEquals(6, sentences.size());
        for (Sentence s : sentences) {
            assertEquals(text.substring(s.charStart(), s.charEnd()), s.text());
            Section owner = sections.stream()
                    .filter(x -> x.sectionId().equals(s.sectionId()))
                    .findFirst()
                    .orElseThrow();
            assertTrue(owner.charStart() <= s.charStart() && s.charEnd() <= owner.charEnd(), s.text());
        }
    }

    // Without sections the sentences are still produced, with a null section id.
    @Test
    void worksWithoutSections() {
        List<Sentence> sentences = SentenceSplitter.split("甲。乙。", List.of());
        assertEquals(2, sentences.size());
        assertEquals(null, sentences.get(0).sectionId());
    }
}
