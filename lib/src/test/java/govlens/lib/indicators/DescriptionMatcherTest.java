package govlens.lib.indicators;

import static govlens.lib.indicators.IndicatorExtractorTest.reason;
import static govlens.lib.indicators.IndicatorExtractorTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The phrasing classes the indicator descriptions of rules.conf understand, one per test, and their rejections. */
class DescriptionMatcherTest {

    // The subject stated in an earlier clause of the sentence carries to the number.
    @Test
    void subjectCarriedFromEarlierClause() {
        assertEquals(List.of("admin_review.cases_received=58件"), values("行政复议工作稳步推进，全年共受理58件。"));
    }

    // The subject may stand right after the number.
    @Test
    void subjectAfterNumber() {
        assertEquals(List.of("legal_education.legal_literates=2100名"), values("全县共培养2100名法律明白人。"));
    }

    // A long object may stand between the action and the number.
    @Test
    void longObjectBetweenActionAndNumber() {
        assertEquals(List.of("normative_docs.legality_reviews=41件"), values("市司法局审查市政府及部门报送的各类规范性文件和重大合同共41件。"));
    }

    // The count may sit inside the phrase, with the action after it.
    @Test
    void countInsideThePhrase() {
        assertEquals(List.of("leadership.exec_meetings_on_law=3次"), values("区政府常务会议3次专题听取法治工作汇报。"));
    }

    // Hedged person-times of a meeting type.
    @Test
    void hedgedPersonTimes() {
        assertEquals(List.of("leadership.cadre_law_training=110人次(余)"), values("开展会前学法110余人次。"));
    }

    // After 分别 the numbers are dealt out in order to the listed actions.
    @Test
    void listAfterFenbieByAction() {
        assertEquals(
                List.of("admin_review.cases_received=126件", "admin_review.cases_closed=119件"),
                values("全年受理、办结行政复议案件分别为126件、119件。"));
    }

    // After 分别 the numbers are dealt out in order to the listed subjects.
    @Test
    void listAfterFenbieBySubject() {
        assertEquals(
                List.of("oversight.npc_suggestions=120件", "oversight.cppcc_proposals=80件"),
                values("办理人大代表建议、政协提案分别为120件、80件。"));
    }

    // A run of action-number pairs gives each number the action just before it.
    @Test
    void listOfActionNumberPairs() {
        assertEquals(
                List.of(
                        "admin_review.cases_received=58件",
                        "admin_review.cases_closed=51件",
                        "admin_review.cases_corrected=6件"),
                values("行政复议受理58件、审结51件、纠错6件。"));
    }

    // A list whose lengths disagree is not guessed at.
    @Test
    void listMismatchRejected() {
        assertEquals("rejected:list_mismatch", reason("全年废止、修改规范性文件分别为11件、23件。", "11件"));
    }

    // A figure in brackets after its whole is a part.
    @Test
    void bracketedBreakdownRejected() {
        assertEquals("rejected:breakdown", reason("指派法律援助案件430件(刑事案件260件)。", "260件"));
    }

    // After 其中 a figure is a part unless its own action follows 其中.
    @Test
    void qizhongPartUnlessOwnAction() {
        assertEquals(List.of("leadership.exec_meetings_on_law=3次"), values("全年召开政府常务会议30次，其中专题研究法治建设议题3次。"));
        assertEquals(List.of("open_gov.disclosure_requests=134件"), values("受理信息公开申请134件，其中自然人申请120件。"));
    }

    // A total over several years is no figure of the report's year.
    @Test
    void multiYearTotalRejected() {
        assertEquals("rejected:multi_year", reason("近三年来全市共受理行政复议案件900件。", "900件"));
    }

    // A period inside a title does not make the sentence multi-year.
    @Test
    void periodInTitleIsNoMultiYearTotal() {
        assertEquals(List.of("enforcement.case_file_reviews=25份"), values("为落实《法治政府建设实施纲要(2021-2025年)》，共评查了25份案卷。"));
    }

    // A national figure quoted in the report is rejected.
    @Test
    void otherRegionRejected() {
        assertEquals("rejected:other_region", reason("全国新收行政复议案件31.5万件。", "31.5万件"));
    }

    // A description's second figure for one indicator in one sentence is not taken.
    @Test
    void secondFigureRejected() {
        assertEquals("rejected:second_figure", reason("全年受理政府信息公开申请749件，依法共办理718件。", "718件"));
    }

    // A description naming a unit the unit table lacks fails at load, naming it.
    @Test
    void descriptionWithUnknownUnitFails() {
        String conf =
                "rules = [ { id = x, indicator = legal_aid.cases, kind = count, before = [\"援助\"], units = [件] } ]\n"
                        + "descriptions = [ { indicator = notary.cases, subject = [公证], action = [办理], units = [公证书] } ]";
        var e = assertThrows(
                IllegalArgumentException.class, () -> IndicatorRules.parse(new StringReader(conf), "test.conf"));
        assertTrue(e.getMessage().contains("公证书") && e.getMessage().contains("notary.cases"), e.getMessage());
    }

    // Every catalog code has a description in the bundled rules.
    @Test
    void everyCatalogCodeDescribed() {
        var described = IndicatorRules.fromClasspath().descriptions().stream()
                .map(IndicatorRules.Description::indicator)
                .toList();
        for (String code : IndicatorRules.catalog().keySet()) {
            assertTrue(described.contains(code), "no description for " + code);
        }
    }

    // One figure after 均 holds for every listed rate, even where a trigger rule would claim it for one of them.
    @Test
    void oneFigureForListedRates() {
        assertEquals(
                List.of("hotline.completion_rate=98.6%", "hotline.satisfaction_rate=98.6%"),
                values("12345热线受理诉求1.2万件,办结率、回访满意率均达到98.6%。").subList(1, 3));
    }

    // A rate written out in words.
    @Test
    void rateInWords() {
        assertEquals(List.of("admin_litigation.head_appearance_rate=100%"), values("行政机关负责人出庭应诉率达到百分之百。"));
    }

    // A count of places is no count of cases (13个乡镇报备的文件).
    @Test
    void countOfPlacesIsNoCount() {
        assertEquals(List.of("normative_docs.filing_reviews=21件"), values("对13个乡镇报备的文件开展备案审查21件。"));
        assertEquals("rejected:entity_count", reason("对13个乡镇报备的文件开展备案审查21件。", "13个"));
    }
}
