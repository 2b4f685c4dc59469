package govlens.lib.indicators;

import static govlens.lib.indicators.IndicatorExtractorTest.fmt;
import static govlens.lib.testing.RandomTexts.checkRandomData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.testing.RandomTexts;
import govlens.lib.text.SectionSplitter;
import govlens.lib.text.SentenceSplitter;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The period and scope of a number, read before any indicator claims it (sentences written for these tests). A
 * county's 2023 report unless a test says otherwise.
 */
class FramesTest {
    static final IndicatorExtractor EX = IndicatorExtractor.fromClasspath();
    static final ReportContext COUNTY_2023 = new ReportContext(2023, '县', false);

    static ExtractionResult extract(String text, ReportContext ctx) {
        return EX.extract(text, SentenceSplitter.split(text, SectionSplitter.split(text)), ctx);
    }

    static List<String> values(String text, ReportContext ctx) {
        return extract(text, ctx).values().stream()
                .map(v -> v.indicator() + "=" + fmt(v.value()) + v.unit())
                .toList();
    }

    /** "period/scope" of the mention whose raw text is {@code raw}. */
    static String frame(String text, String raw, ReportContext ctx) {
        return extract(text, ctx).mentions().stream()
                .filter(m -> m.rawText().equals(raw))
                .map(m -> m.period() + "/" + m.scope())
                .collect(Collectors.joining(","));
    }

    // Last year's figure beside this year's: only this year's is a value; last year's is a mention of other_year.
    @Test
    void lastYearBesideThisYear() {
        String s = "全县行政复议案件有所增加,上年受理52件,今年受理71件。";
        assertEquals(List.of("admin_review.cases_received=71件"), values(s, COUNTY_2023));
        assertEquals("other_year/total", frame(s, "52件", COUNTY_2023));
    }

    // A year written out is the report's own year or another one.
    @Test
    void writtenYearAgainstReportYear() {
        String s = "2022年全县受理行政复议案件40件,2023年受理行政复议案件58件。";
        assertEquals(List.of("admin_review.cases_received=58件"), values(s, COUNTY_2023));
        assertEquals("other_year/total", frame(s, "40件", COUNTY_2023));
    }

    // "Since <report year>" is the report's own period; "since an earlier year" runs over several.
    @Test
    void sinceAYear() {
        assertEquals(List.of("admin_review.cases_received=63件"), values("2023年以来,全县新收行政复议申请63件。", COUNTY_2023));
        assertEquals("multi_year/total", frame("2020年以来,全县累计新收行政复议申请310件。", "310件", COUNTY_2023));
    }

    // A month or half-year inside a yearly report is a sub-period, a running total over years is multi_year.
    @Test
    void subPeriodAndRunningTotal() {
        assertEquals("sub_period/total", frame("其中4月份受理热线诉求2100件。", "2100件", COUNTY_2023));
        assertEquals("sub_period/total", frame("1-6月受理群众诉求3.1万件。", "3.1万件", COUNTY_2023));
        assertEquals("multi_year/total", frame("历年累计办理法律援助案件2.4万件。", "2.4万件", COUNTY_2023));
    }

    // A running total of the year (全年累计) is the year's figure, and the nearest marker wins: 历年 before a comma
    // does not carry past 2023年.
    @Test
    void nearestPeriodMarkerWins() {
        String s = "历年累计办理法律援助案件1.1万件,2023年办理法律援助案件760件。";
        assertEquals(List.of("legal_aid.cases=760件"), values(s, COUNTY_2023));
        assertEquals(
                List.of("leadership.cadre_law_training=3400人次"), values("组织领导干部法治专题培训,全年累计培训3400人次。", COUNTY_2023));
    }

    // In a half-year report, its half-year is its own period.
    @Test
    void halfYearReportOwnsItsHalfYear() {
        ReportContext half = ReportContext.of("某市2024年上半年法治政府建设工作情况\n\n正文", 2024, "某市");
        assertTrue(half.subPeriod());
        assertEquals(List.of("hotline.requests=21000件"), values("1-6月,12345热线受理群众诉求2.1万件。", half));
    }

    // A comparison concerns its own clause: the rates after it are this period's.
    @Test
    void comparisonStaysInItsClause() {
        String s = "12345热线受理诉求4.2万件,较去年同期的3.8万件有所增加,办结率98.6%,满意率97.1%。";
        assertEquals(
                List.of("hotline.requests=42000件", "hotline.completion_rate=98.6%", "hotline.satisfaction_rate=97.1%"),
                values(s, COUNTY_2023));
        assertEquals("other_year/total", frame(s, "3.8万件", COUNTY_2023));
    }

    // Another region's figure quoted in a county's report: 全市 and 全省 are not the county's own area.
    @Test
    void otherAreaInACountysReport() {
        String s = "据市司法局通报,全市行政机关负责人出庭应诉率为95.4%,我县高于全市平均水平。";
        assertEquals(List.of(), values(s, COUNTY_2023));
        assertEquals("report/other_region", frame(s, "95.4%", COUNTY_2023));
    }

    // The same words are the report's own area in a city's report (and in a county-level city's, whose name ends
    // in 市).
    @Test
    void ownAreaInACitysReport() {
        String s = "全市行政机关负责人出庭应诉率为95.4%。";
        assertEquals(
                List.of("admin_litigation.head_appearance_rate=95.4%"), values(s, new ReportContext(2023, '市', false)));
    }

    // Targets and norms, prevented counts and stages before acceptance are no figures of the year.
    @Test
    void targetsPreventedAndPriorStage() {
        assertEquals("report/target", frame("力争新培育“法律明白人”300名。", "300名", COUNTY_2023));
        assertEquals("report/target", frame("每个村不少于2名法律明白人。", "2名", COUNTY_2023));
        assertEquals("report/prevented", frame("成功避免40余件矛盾纠纷进入诉讼程序。", "40余件", COUNTY_2023));
        assertEquals("report/prior_stage", frame("行政复议受理前协商化解争议17件。", "17件", COUNTY_2023));
        assertEquals(List.of(), values("行政复议受理前协商化解争议17件。", COUNTY_2023));
    }

    // Words that only look like markers: an adjective 拟出台 far from its number, a plan named in an earlier clause.
    @Test
    void markersThatAreNot() {
        assertEquals(
                List.of("normative_docs.legality_reviews=44件"),
                values("对县政府拟出台的规范性文件和重大行政决策开展合法性审核共44件。", COUNTY_2023));
        assertEquals(
                List.of("leadership.cadre_law_training=5200人次"), values("将法治教育纳入年度培训计划,共培训领导干部5200人次。", COUNTY_2023));
    }

    // A change against another period is no count of the year.
    @Test
    void changeAgainstAnotherPeriod() {
        assertEquals("other_year/change", frame("行政复议案件较上年增加12件。", "12件", COUNTY_2023));
    }

    // Without a known year or region nothing is judged against them, and a number that is no figure has no frame.
    @Test
    void unknownContextAndNoFigure() {
        assertEquals(List.of("admin_review.cases_received=40件"), values("2022年全县受理行政复议案件40件。", ReportContext.UNKNOWN));
        assertEquals("null/null", frame("根据《某某办法》第12条规定办理。", "12条", COUNTY_2023));
    }

    // Any text, any context: a frame of known values or none, and every value a report total.
    @Test
    void randomTextsKeepFramesWellFormed() {
        checkRandomData(15, RandomTexts::reportLike, RandomTexts::escape, text -> {
            for (ReportContext ctx : List.of(ReportContext.UNKNOWN, COUNTY_2023, new ReportContext(2021, '市', true))) {
                ExtractionResult r = extract(text, ctx);
                for (Mention m : r.mentions()) {
                    assertTrue(m.period() == null || Frames.PERIODS.contains(m.period()), m.toString());
                    assertTrue(m.scope() == null || Frames.SCOPES.contains(m.scope()), m.toString());
                    assertEquals(m.period() == null, m.scope() == null, m.toString());
                    assertFalse(
                            m.status().equals(Mention.UNCLAIMED)
                                    && !(Frames.REPORT.equals(m.period()) && Frames.TOTAL.equals(m.scope())),
                            "an unclaimed mention must be a report total: " + m);
                }
            }
        });
    }

    // A semicolon ends a period's reach, and a remark in brackets concerns what is inside it only.
    @Test
    void semicolonsAndBracketsBoundAPeriod() {
        assertEquals(
                List.of("legal_aid.cases=2860件", "notary.cases=7400件"),
                values("全县办理法律援助案件2860件,自2019年以来累计办理9100余件;公证机构办理公证事项7400余件。", COUNTY_2023));
        assertEquals(
                List.of("admin_review.cases_received=138件", "admin_review.cases_closed=131件"),
                values("县政府受理行政复议案件138件(2022年为96件),审结131件。", COUNTY_2023));
    }

    // A year compared with concerns its own clause only.
    @Test
    void comparedYearStaysInItsClause() {
        assertEquals(
                List.of("admin_review.cases_received=1520件", "admin_review.cases_closed=1430件"),
                values("全县新收行政复议案件1520件,较2022年的1070件增长42%,审结1430件。", COUNTY_2023));
    }

    // A street office's own area is the street: 全区 in its report is the district's.
    @Test
    void streetOfficeAndItsDistrict() {
        ReportContext street = ReportContext.of("五常街道办事处关于2023年法治政府建设工作情况的报告\n\n正文", 2023, "余杭区");
        assertTrue(street.subUnit());
        assertEquals("report/other_region", frame("截至年底,全区法律明白人已达6400余名。", "6400余名", street));
        assertEquals(List.of("legal_education.legal_literates=74名"), values("全街道新增法律明白人74名。", street));
    }

    // A wider area's average is another region's figure.
    @Test
    void averageOfAWiderArea() {
        assertEquals("report/other_region", frame("纠错率低于全地区11.2%的平均水平。", "11.2%", COUNTY_2023));
    }
}
