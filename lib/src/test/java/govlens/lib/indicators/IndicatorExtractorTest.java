package govlens.lib.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.text.SectionSplitter;
import govlens.lib.text.SentenceSplitter;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IndicatorExtractorTest {
    private static final IndicatorExtractor EX = IndicatorExtractor.fromClasspath();

    static ExtractionResult extract(String text) {
        return EX.extract(text, SentenceSplitter.split(text, SectionSplitter.split(text)));
    }

    /** "indicator=value unit" for each value, in text order. */
    static List<String> values(String text) {
        return extract(text).values().stream()
                .map(v -> v.indicator() + "=" + fmt(v.value()) + v.unit()
                        + (v.approx() == null ? "" : "(" + v.approx() + ")"))
                .toList();
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Reason of the rejected mention whose raw text is {@code raw}. */
    static String reason(String text, String raw) {
        return extract(text).mentions().stream()
                .filter(m -> m.rawText().equals(raw))
                .map(m -> m.status() + ":" + m.reason())
                .collect(Collectors.joining(","));
    }

    // Three figures in one sentence are each anchored on their own subject phrase.
    @Test
    void clauseAnchoringThreeInOneSentence() {
        String s = "2024 年以来,全市新收行政复议申请 993 件,受理后已审结(含结转)892 件,受理后审结案件纠错 106 件,纠错率 15.8%。";
        assertEquals(
                List.of(
                        "admin_review.cases_received=993件",
                        "admin_review.cases_closed=892件",
                        "admin_review.cases_corrected=106件",
                        "admin_review.correction_rate=15.8%"),
                values(s));
    }

    // rawText and offsets point at the exact mention in the cleaned text.
    @Test
    void rawTextMatchesOffsets() {
        String s = "前言。\n\n用好12345服务便民热线,累计受理群众诉求 82.3 万件,满意率达 97.93%。";
        for (IndicatorValue v : extract(s).values()) {
            assertEquals(s.substring(v.charStart(), v.charEnd()), v.rawText());
        }
        assertEquals(List.of("hotline.requests=823000件", "hotline.satisfaction_rate=97.93%"), values(s));
    }

    // A subject that follows the number ("其中19件已审结") still anchors it.
    @Test
    void subjectAfterNumber() {
        assertEquals(
                List.of("admin_review.cases_received=23件", "admin_review.cases_closed=19件"),
                values("2023年共受理复议案件共23件,其中19件已审结,经复议后提起诉讼1件。"));
    }

    // Chinese numerals with a unit are values: 十二期 → 12.
    @Test
    void chineseNumeralValue() {
        assertEquals(List.of("enforcement.training_sessions=12期"), values("2023年共组织参加十二期“行政执法大讲堂”。"));
    }

    // The unit is output as written (份 vs 件 for the same indicator).
    @Test
    void unitAsWritten() {
        assertEquals(
                List.of("decisions.legal_adviser_opinions=24份", "decisions.legal_adviser_opinions=16件"),
                values("政府法律顾问参与集体会议研究并出具书面法律意见书共 24 份,出具行政复议案件法律意见书 16 件。"));
    }

    // 余 after the number is kept as approximation.
    @Test
    void approximationKept() {
        assertEquals(List.of("mediation.disputes_screened=500次(余)"), values("各基层调解组织开展矛盾纠纷排查 500 余次。"));
    }

    // A sentence cut by a page break is read as one sentence.
    @Test
    void pageBrokenSentenceJoined() {
        String s = "2024年以来,依法行政工作稳步推进,共对77件市\n\n政府行政规范性文件、重大行政决策和涉法事务进行了合法性审核。";
        assertEquals(List.of("normative_docs.legality_reviews=77件"), values(s));
    }

    // 第118次 is an ordinal, never a count of meetings.
    @Test
    void ordinalRejected() {
        assertEquals("rejected:ordinal", reason("市政府第118次常务会议,专题听取法治政府建设工作汇报。", "118次"));
    }

    // Years are rejected with reason year.
    @Test
    void yearRejected() {
        assertEquals("rejected:year", reason("2024年,全市共办理行政应诉案件241件。", "2024年"));
    }

    // Month/day dates are rejected with reason date.
    @Test
    void dateRejected() {
        assertEquals("rejected:date", reason("自3月20日金牌调解员入驻以来,参与调解处理信访问题83起。", "20日"));
    }

    // Numbers inside a document number are rejected with reason doc_number.
    @Test
    void docNumberRejected() {
        String s = "制定了《管理办法》(岚政发〔2021〕30号)。";
        assertEquals("rejected:doc_number", reason(s, "30号"));
        assertEquals("rejected:doc_number", reason(s, "2021"));
    }

    // 万名 in a programme name is not a count of people.
    @Test
    void programNameRejected() {
        assertEquals("rejected:program_name", reason("持续推进乡村万名“法律明白人”培育工程。", "万名"));
    }

    // Numbers inside a quoted model name such as “1+4+1” are rejected.
    @Test
    void quotedModelRejected() {
        String s = "推行“1+4+1”模式,成效明显。";
        assertTrue(extract(s).mentions().stream().allMatch(m -> "program_name".equals(m.reason())));
        assertEquals(3, extract(s).mentions().size());
    }

    // 12345 naming the hotline is not a request count.
    @Test
    void hotlineNameRejected() {
        assertEquals("rejected:hotline_name", reason("用好12345政务服务便民热线,受理诉求1000件。", "12345"));
        assertEquals(List.of("hotline.requests=1000件"), values("用好12345政务服务便民热线,受理诉求1000件。"));
    }

    // A rate subject followed by a number that cannot be a percentage is garbled.
    @Test
    void implausibleRateRejected() {
        assertEquals("rejected:implausible_rate", reason("全年任务完成率14327,位居前列。", "14327"));
    }

    // A report that lost its % still yields a rate when the subject is a rate and the value is 0–100.
    @Test
    void rateWithoutPercentSign() {
        assertEquals(List.of("mediation.success_rate=99%"), values("全年调解矛盾纠纷,化解率99,群众满意。"));
    }

    // Numbers no rule claims are returned as unclaimed mentions with their clause as context.
    @Test
    void unclaimedMention() {
        Mention m = extract("检查市场主体 10885 户。").mentions().get(0);
        assertEquals("unclaimed", m.status());
        assertEquals(null, m.reason());
        assertEquals(10885.0, m.value());
        assertEquals("户", m.unit());
    }

    // A rate above 100 with a % sign is kept but flagged.
    @Test
    void rateOutOfRangeFlagged() {
        IndicatorValue v = extract("12345热线群众满意率达 120%。").values().get(0);
        assertEquals(List.of("rate_out_of_range"), v.flags());
    }

    // corrected > closed is flagged on the part.
    @Test
    void partsExceedWholeFlagged() {
        List<IndicatorValue> vs =
                extract("全年新收行政复议申请 100 件,审结 80 件,纠错 90 件,纠错率 11.2%。").values();
        assertEquals(List.of("parts_exceed_whole"), vs.get(2).flags());
        assertEquals(List.of(), vs.get(1).flags());
    }

    // A correction rate far from corrected/closed is flagged.
    @Test
    void rateDisagreesFlagged() {
        List<IndicatorValue> vs =
                extract("全年新收行政复议申请 100 件,审结 80 件,纠错 8 件,纠错率 25%。").values();
        assertEquals(List.of("rate_disagrees_with_parts"), vs.get(3).flags());
    }

    // A consistent correction rate gets no flag.
    @Test
    void rateAgreesNotFlagged() {
        List<IndicatorValue> vs =
                extract("全年新收行政复议申请 100 件,审结 80 件,纠错 8 件,纠错率 10%。").values();
        assertEquals(List.of(), vs.get(3).flags());
    }

    // Cross-year check: more than 5x up or below 0.2x down.
    @Test
    void yearOverYear() {
        assertEquals(List.of("jump_gt_5x"), PlausibilityChecks.yearOverYearFlags(10, 51));
        assertEquals(List.of("drop_lt_0.2x"), PlausibilityChecks.yearOverYearFlags(100, 19));
        assertEquals(List.of(), PlausibilityChecks.yearOverYearFlags(100, 120));
        assertEquals(List.of(), PlausibilityChecks.yearOverYearFlags(0, 120));
    }

    // Traditional characters are read in their simplified form, and offsets still point at the text as written.
    @Test
    void traditionalCharactersAreRead() {
        String s = "全市行政復議機關新收案件1128件，審結1046件，糾錯率12.5%。12345熱線全年受理訴求132.6萬件。";
        assertEquals(
                List.of(
                        "admin_review.cases_received=1128件",
                        "admin_review.cases_closed=1046件",
                        "admin_review.correction_rate=12.5%",
                        "hotline.requests=1326000件"),
                values(s));
        IndicatorValue v = extract(s).values().get(3);
        assertEquals("132.6萬件", s.substring(v.charStart(), v.charEnd()));
    }
}
