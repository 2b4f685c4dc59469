package govlens.lib.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SectionKindsTest {

    // Top-level headings map to the report part they name.
    @ParameterizedTest
    @CsvSource({
        "一、主要举措和成效,achievements",
        "一、2025年工作回顾,achievements",
        "二、存在的不足,problems",
        "二、存在的问题,problems",
        "三、下一步重点工作,plans",
        "三、2026年重点工作,plans"
    })
    void classifiesTopLevelHeadings(String heading, String kind) {
        assertEquals(kind, SectionKinds.classifyTopLevel(heading));
    }

    // When a heading names two parts, the part named first wins.
    @Test
    void earliestCueWins() {
        assertEquals("problems", SectionKinds.classifyTopLevel("五、政府信息公开工作存在的主要问题及改进情况"));
    }

    // Nested headings describing a measure decide nothing, so the parent's kind is inherited.
    @Test
    void nestedMeasureHeadingIsUndecided() {
        assertNull(SectionKinds.classifyNested("(三)持续推进法治政府建设举措任务"));
    }

    // Typical openers of an un-headed problems part are recognised.
    @ParameterizedTest
    @ValueSource(
            strings = {
                "在取得成绩的同时,我们也清醒的认识到,我市法治政府建设还存在一定差距,主要表现在:一是职责有待压实。",
                "同时也要看到,工作中还有一些薄弱环节。",
                "存在的问题主要是:法治意识不强。",
                "我市法治政府建设还存在一些不足,主要是:思想引领高度还不够。"
            })
    void recognisesProblemsOpeners(String paragraph) {
        assertTrue(SectionKinds.opensProblems(paragraph));
    }

    // A paragraph that merely mentions problems later on does not open a problems part.
    @Test
    void achievementMentioningProblemsIsNotOpener() {
        assertFalse(SectionKinds.opensProblems("主动接受监督。针对政务公开等方面存在的问题,开展专题约谈10次。"));
    }

    // The report year is the most frequent 20XX年, not the largest one mentioned.
    @Test
    void dominantYearIsMostFrequent() {
        assertEquals(2021, SectionKinds.dominantYear("2021年,我市…2021年底…2020年汇报…2025年目标…2021年度"));
        assertEquals(-1, SectionKinds.dominantYear("没有年份"));
    }

    // A heading in traditional characters is classified like its simplified form.
    @Test
    void traditionalHeading() {
        assertEquals(Section.KIND_PROBLEMS, SectionKinds.classifyTopLevel("二、存在的問題"));
    }
}
