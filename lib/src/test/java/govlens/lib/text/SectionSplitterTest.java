package govlens.lib.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SectionSplitterTest {

    /** id|parent|level|path|heading|kind — the structural fields, one string per section. */
    private static List<String> outline(List<Section> sections) {
        return sections.stream()
                .map(s -> String.join(
                        "|",
                        s.sectionId(),
                        String.valueOf(s.parentId()),
                        String.valueOf(s.level()),
                        s.path(),
                        String.valueOf(s.heading()),
                        s.kind()))
                .collect(Collectors.toList());
    }

    private static void assertPartition(String text, List<Section> sections) {
        int pos = 0;
        for (Section s : sections) {
            assertEquals(pos, s.charStart(), "gap or overlap before " + s.sectionId());
            assertEquals(text.substring(s.charStart(), s.charEnd()), s.text());
            pos = s.charEnd();
        }
        assertEquals(text.length(), pos);
    }

    private static final String REPORT = "某市人民政府关于2023年度法治政府建设情况的报告\n\n"
            + "2023年,我市扎实推进法治政府建设。\n\n"
            + "一、主要举措和成效\n\n"
            + "(一)强化党的领导\n\n"
            + "市政府先后4次听取法治政府建设工作汇报。\n\n"
            + "(二)提高行政效能\n\n"
            + "1.深化放管服改革\n\n"
            + "满意率达97.93%。\n\n"
            + "2.优化营商环境\n\n"
            + "办理审批3964件。\n\n"
            + "二、存在的不足\n\n"
            + "我市法治政府建设还存在一些不足。\n\n"
            + "三、下一步工作打算\n\n"
            + "(一)持续深化学习宣传。坚持把学习贯彻习近平法治思想紧密结合起来。\n\n"
            + "(二)持续完善推进机制。加强党对法治政府建设的领导。\n";

    // Levels come from the ordinal style; parents are the nearest lower level; paths follow the ordinals.
    @Test
    void buildsHeadingHierarchy() {
        List<Section> sections = SectionSplitter.split(REPORT);
        assertEquals(
                List.of(
                        "s000|null|0|0|null|other",
                        "s001|null|1|1|一、主要举措和成效|achievements",
                        "s002|s001|2|1.1|(一)强化党的领导|achievements",
                        "s003|s001|2|1.2|(二)提高行政效能|achievements",
                        "s004|s003|3|1.2.1|1.深化放管服改革|achievements",
                        "s005|s003|3|1.2.2|2.优化营商环境|achievements",
                        "s006|null|1|2|二、存在的不足|problems",
                        "s007|null|1|3|三、下一步工作打算|plans",
                        "s008|s007|2|3.1|(一)持续深化学习宣传|plans",
                        "s009|s007|2|3.2|(二)持续完善推进机制|plans"),
                outline(sections));
    }

    // Sections partition the text: contiguous, no overlap, text equals the substring of its span.
    @Test
    void sectionsPartitionTheText() {
        assertPartition(REPORT, SectionSplitter.split(REPORT));
    }

    // A section starts at its heading and runs to the next heading of any level.
    @Test
    void sectionSpansFromHeadingToNextHeading() {
        Section s = SectionSplitter.split(REPORT).get(6);
        assertEquals("二、存在的不足\n\n我市法治政府建设还存在一些不足。\n\n", s.text());
        assertEquals(REPORT.indexOf("二、存在的不足"), s.charStart());
    }

    // 一是 lead-ins sit one level below the enclosing numbered heading; the heading is the opening clause.
    @Test
    void leadInsNestUnderEnclosingHeading() {
        String text = "一、聚焦一把手工程\n\n我市坚持把法治建设当做一把手工程来抓。\n\n"
                + "一是坚持高位推动。市政府高度重视。\n\n"
                + "二是压实责任,建立工作清单。\n\n"
                + "二、把握关键环节\n\n"
                + "(一)规范政府行为\n\n"
                + "一是全面落实权责清单制度。动态调整权责清单。\n";
        assertEquals(
                List.of(
                        "s000|null|1|1|一、聚焦一把手工程|other",
                        "s001|s000|2|1.1|一是坚持高位推动|other",
                        "s002|s000|2|1.2|二是压实责任|other",
                        "s003|null|1|2|二、把握关键环节|other",
                        "s004|s003|2|2.1|(一)规范政府行为|other",
                        "s005|s004|3|2.1.1|一是全面落实权责清单制度|other"),
                outline(SectionSplitter.split(text)));
    }

    // Text before the first heading is omitted when empty, so ids start at the first heading.
    @Test
    void omitsEmptyPreamble() {
        List<Section> sections = SectionSplitter.split("一、总体情况\n\n正文。\n");
        assertEquals(List.of("s000|null|1|1|一、总体情况|achievements"), outline(sections));
    }

    // Ordinals and markers inside a sentence are not headings.
    @Test
    void ignoresOrdinalsInsideSentences() {
        String text = "一、主要做法\n\n主要表现在:一是职责有待压实。二是人才不足,二、三中全会精神需落实。\n";
        assertEquals(List.of("s000|null|1|1|一、主要做法|achievements"), outline(SectionSplitter.split(text)));
    }

    // A level-1 list restarting at 一、 inside a section is an inner list, not new top-level headings.
    @Test
    void ignoresInnerListRestartingAtOne() {
        String text = "一、基本情况\n\n正文。\n\n一、申请数量\n\n二、结转数量\n\n" + "二、主动公开情况\n\n正文。\n";
        List<Section> sections = SectionSplitter.split(text);
        assertEquals(List.of("s000|null|1|1|一、基本情况|achievements", "s001|null|1|2|二、主动公开情况|other"), outline(sections));
    }

    // A long line is not a heading unless its opening clause ends early (a lead-in paragraph).
    @Test
    void rejectsLongLinesWithoutLeadIn() {
        String longLine = "二、" + "推进".repeat(45) + "。";
        String text = "一、主要做法\n\n正文。\n\n" + longLine + "\n";
        assertEquals(List.of("s000|null|1|1|一、主要做法|achievements"), outline(SectionSplitter.split(text)));
    }

    // A line continuing a paragraph cut mid-word by a page break is never a heading.
    @Test
    void rejectsPageBreakContinuation() {
        String body = "深入贯彻落实党的二十大和二十届".repeat(6);
        String text = "一、主要做法\n\n" + body + "\n\n二、三中全会精神\n\n正文。\n";
        assertEquals(List.of("s000|null|1|1|一、主要做法|achievements"), outline(SectionSplitter.split(text)));
    }

    // A line opening with a decimal number ("3.2 万人次") is not a level-3 heading.
    @Test
    void decimalAtLineStartIsNotHeading() {
        String text = "一、主要做法\n\n(一)公共法律服务\n\n3.2 万人次。\n";
        assertEquals(
                List.of("s000|null|1|1|一、主要做法|achievements", "s001|s000|2|1.1|(一)公共法律服务|achievements"),
                outline(SectionSplitter.split(text)));
    }

    // Two-digit Chinese ordinals give numeric paths (十一 → 11).
    @Test
    void twoDigitOrdinalsInPath() {
        StringBuilder sb = new StringBuilder("一、重点工作\n\n");
        String[] cn = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"};
        for (String n : cn) {
            sb.append('(').append(n).append(")任务").append(n).append("\n\n");
        }
        List<Section> sections = SectionSplitter.split(sb.toString());
        Section last = sections.get(sections.size() - 1);
        assertEquals("1.11", last.path());
        assertEquals("(十一)任务十一", last.heading());
    }

    // Level-1 headings decide kinds; undecided sections before the problems part are achievements.
    @Test
    void undecidedTopLevelBeforeProblemsIsAchievements() {
        String text =
                "一、聚焦一把手工程\n\n正文。\n\n二、把握关键环节\n\n正文。\n\n" + "三、存在的问题\n\n正文。\n\n四、下一步工作安排\n\n正文。\n\n五、其他事项\n\n正文。\n";
        List<String> kinds =
                SectionSplitter.split(text).stream().map(Section::kind).toList();
        assertEquals(List.of("achievements", "achievements", "problems", "plans", "other"), kinds);
    }

    // A nested heading overrides the inherited kind only when it names a report part outright.
    @Test
    void nestedHeadingOverridesOnlyWithStrongCue() {
        String text = "一、工作情况\n\n(一)主要举措任务\n\n正文。\n\n(二)存在的问题\n\n正文。\n\n" + "二、下一步打算\n\n(一)持续推进法治政府建设举措任务\n\n正文。\n";
        List<String> kinds =
                SectionSplitter.split(text).stream().map(Section::kind).toList();
        assertEquals(List.of("achievements", "achievements", "problems", "plans", "plans"), kinds);
    }

    private static final String UNHEADED = "一、深化体制改革\n\n2021年,我市深化改革。\n\n一是深化改革。改革正文。\n\n二是提升能力。能力正文。\n\n"
            + "在取得成绩的同时,我们也清醒的认识到,我市还存在一定差距,主要表现在:一是职责有待压实。\n\n"
            + "2022年是关键一年。我们将坚持以习近平新时代中国特色社会主义思想为指导。一是要完善制度。\n";

    // A paragraph announcing problems without a heading starts a synthetic problems section there.
    @Test
    void startsSyntheticProblemsSection() {
        List<Section> sections = SectionSplitter.split(UNHEADED);
        Section problems = sections.get(3);
        assertEquals("s003|null|1|2|null|problems", outline(sections).get(3));
        assertEquals(UNHEADED.indexOf("在取得成绩的同时"), problems.charStart());
    }

    // A later paragraph announcing next-year work ("2022年是…我们将…") starts a synthetic plans section.
    @Test
    void startsSyntheticPlansSection() {
        List<Section> sections = SectionSplitter.split(UNHEADED);
        assertEquals(5, sections.size());
        assertEquals("s004|null|1|3|null|plans", outline(sections).get(4));
        assertEquals(UNHEADED.indexOf("2022年是"), sections.get(4).charStart());
    }

    // A year that is the report's own year does not open a plans part.
    @Test
    void reportYearParagraphIsNotPlans() {
        String text =
                "一、工作情况\n\n2021年,我市推进改革。2021年完成审批。\n\n" + "在取得成绩的同时,我们也清醒地认识到还存在一些问题。\n\n" + "2021年,我们将坚持改革的成果写入制度。\n";
        List<String> kinds =
                SectionSplitter.split(text).stream().map(Section::kind).toList();
        assertEquals(List.of("achievements", "problems"), kinds);
    }

    // When headings name the problems and plans parts, no synthetic sections are added.
    @Test
    void noSyntheticPartsWhenHeadingsExist() {
        String text = "一、主要成效\n\n在取得成绩的同时,我们也清醒地认识到还存在一些不足。\n\n"
                + "二、存在的不足\n\n正文。\n\n三、下一步工作打算\n\n正文。\n\n2025年是收官之年,市政府将全力推动。\n";
        assertEquals(
                List.of(
                        "s000|null|1|1|一、主要成效|achievements",
                        "s001|null|1|2|二、存在的不足|problems",
                        "s002|null|1|3|三、下一步工作打算|plans"),
                outline(SectionSplitter.split(text)));
    }

    // A problems passage followed by further top-level headings becomes a child of its section.
    @Test
    void midDocumentProblemsPassageIsNested() {
        String text = "一、2024年工作回顾\n\n一是稳增长。正文。\n\n" + "在肯定成绩的同时,我们也清醒看到面临的问题和挑战。\n\n" + "二、2025年政府工作任务\n\n正文。\n";
        assertEquals(
                List.of(
                        "s000|null|1|1|一、2024年工作回顾|achievements",
                        "s001|s000|2|1.1|一是稳增长|achievements",
                        "s002|s000|2|1.2|null|problems",
                        "s003|null|1|2|二、2025年政府工作任务|plans"),
                outline(SectionSplitter.split(text)));
    }

    // Blank and null input give no sections; text without headings is one preamble section.
    @Test
    void degenerateInputs() {
        assertTrue(SectionSplitter.split("").isEmpty());
        assertTrue(SectionSplitter.split(null).isEmpty());
        assertEquals(List.of("s000|null|0|0|null|other"), outline(SectionSplitter.split("只有正文。\n")));
    }

    // A body a crawler flattened onto one line still splits into its sections, headings inline; a heading running
    // straight into its first 一是 item ends there.
    @Test
    void flattenedBodySplitsAtInlineHeadings() {
        String filler = "全面推进依法行政,持续优化法治化营商环境,各项工作取得明显成效。".repeat(5);
        String text = "现将有关情况报告如下:一、主要成效(一)强化组织领导。" + filler + "(二)规范行政执法。" + filler
                + "二、存在的问题一是力量不足;二是保障不够。三、下一步打算 一是加强学习;二是强化监督。";
        List<String> headings = SectionSplitter.split(text).stream()
                .map(Section::heading)
                .filter(java.util.Objects::nonNull)
                .toList();
        assertEquals(List.of("一、主要成效", "(一)强化组织领导", "(二)规范行政执法", "二、存在的问题", "三、下一步打算"), headings);
    }

    // A paragraph that lists items after a colon is no flattened body: its items are not sections.
    @Test
    void listAfterAColonIsNoSection() {
        String text = "工作要求包括:" + "一、加强组织领导,明确责任分工,确保各项任务落到实处;二、强化督促检查;三、严格考核奖惩。".repeat(4);
        assertEquals(1, SectionSplitter.split(text).size());
    }
}
