package govlens.lib.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden inputs in cleaned-text form (half-width punctuation, paragraphs separated by blank lines). */
class MetadataExtractorTest {

    private static final String BODY = "深入学习贯彻习近平法治思想,全面推进依法行政,扎实推动法治政府建设各项工作取得积极成效,为高质量发展提供了有力法治保障。";

    private static DocumentMetadata extract(String... paragraphs) {
        return MetadataExtractor.extract(String.join("\n\n", paragraphs));
    }

    // The addressee (the superior government reported TO) is not the report's region, even when it is the only
    // place named in the header.
    @Test
    void addresseeIsNotTheRegion() {
        DocumentMetadata m = extract("关于2023年度法治政府建设情况的报告", "中共吕梁市委、吕梁市人民政府:", "2023年,我县" + BODY);
        assertNull(m.regionName());
        assertEquals(List.of("no_region"), m.qualityFlags());
    }

    // A county reporting to its prefecture gets the county, not the prefecture of the addressee line.
    @Test
    void countyOverAddresseePrefecture() {
        DocumentMetadata m = extract("岚县人民政府", "关于2023年度法治政府建设情况的报告", "中共吕梁市委、吕梁市人民政府:", "2023年,我县" + BODY);
        assertEquals(
                List.of("岚县", "141127", "county", "山西省"),
                List.of(m.regionName(), m.regionCode(), m.adminLevel(), m.province()));
    }

    // 岢岚县 in the title is 岢岚县, not the 岚县 embedded in it.
    @Test
    void embeddedCountyNameNotTaken() {
        DocumentMetadata m = extract("岢岚县人民政府关于2023年度法治政府建设情况的报告", "县委:", "2023年,岢岚县" + BODY);
        assertEquals("140929", m.regionCode());
    }

    // The typo 朔州委 (for 朔州市委) still resolves to 朔州市.
    @Test
    void typoShortFormResolves() {
        DocumentMetadata m = extract("中共朔州委关于2023年度法治建设情况的报告", "省委:", "2023年,我市" + BODY);
        assertEquals(List.of("朔州市", "140600", "prefecture"), List.of(m.regionName(), m.regionCode(), m.adminLevel()));
        assertEquals("中共朔州委", m.issuer());
    }

    // A shared name (城区) is resolved by the prefecture named elsewhere, here in the addressee line.
    @Test
    void sharedNameResolvedByAddresseeContext() {
        DocumentMetadata m = extract("城区人民政府关于2023年度法治政府建设情况的报告", "中共阳泉市委、阳泉市人民政府:", "2023年,我区" + BODY);
        assertEquals("140302", m.regionCode());
    }

    // A shared name with nothing to decide it gives null and region_ambiguous, never a guess.
    @Test
    void sharedNameWithoutContextIsFlagged() {
        DocumentMetadata m = extract("城区人民政府关于2023年度法治政府建设情况的报告", "区委:", "2023年,我区" + BODY);
        assertNull(m.regionCode());
        assertNull(m.province());
        assertEquals(List.of("region_ambiguous"), m.qualityFlags());
    }

    // No place name anywhere in the header: null region and the no_region flag.
    @Test
    void missingRegionIsFlagged() {
        DocumentMetadata m = extract("关于2023年度法治政府建设情况的报告", "县委:", "2023年,我县" + BODY);
        assertNull(m.regionName());
        assertEquals(List.of("no_region"), m.qualityFlags());
    }

    // A document number cited in the body is not the document's own.
    @Test
    void bodyCitedDocNumberIgnored() {
        DocumentMetadata m =
                extract("临汾市人民政府关于2023年度法治政府建设情况的报告", "市委:", "依据《政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号)规定,编制本报告。" + BODY);
        assertNull(m.docNumber());
    }

    // The header number is taken and its brackets normalised to 〔〕.
    @Test
    void headerDocNumberNormalised() {
        DocumentMetadata m =
                extract("临汾市人民政府文件", "临政[2025]2号", "临汾市人民政府关于2024年度法治政府建设情况的报告", "市委:", "2024年,临汾市" + BODY);
        assertEquals("临政〔2025〕2号", m.docNumber());
    }

    // A web metadata row ("文号: … 成文日期: …") gives number and date even on one long line.
    @Test
    void webMetadataRow() {
        DocumentMetadata m = extract(
                "索引号:11141000MB1957040X/2024-00013 文号:临政函[2024]13号 发布机构:临汾市人民政府 成文日期:2024-03-01",
                "临汾市人民政府关于2023年度法治政府建设情况的报告",
                "市委:",
                "2023年,临汾市" + BODY);
        assertEquals(List.of("临政函〔2024〕13号", "2024-03-01"), List.of(m.docNumber(), m.publishDate()));
    }

    // The title year is the reported year even when the document number is a year later.
    @Test
    void yearFromTitleBeatsDocNumber() {
        DocumentMetadata m = extract("临政〔2025〕2号", "临汾市人民政府关于2024年度法治政府建设情况的报告", "市委:", "一年来,我市" + BODY);
        assertEquals(2024, m.reportYear());
        assertEquals(List.of(), m.qualityFlags());
    }

    // With no stated year, the document-number year minus one is used and flagged.
    @Test
    void yearFromDocNumberIsFlagged() {
        DocumentMetadata m = extract("临政〔2025〕2号", "临汾市人民政府关于法治政府建设情况的报告", "市委:", "一年来,我市" + BODY);
        assertEquals(2024, m.reportYear());
        assertEquals(List.of("year_from_doc_number"), m.qualityFlags());
    }

    // The opening "2024年,…" gives the year when the title has none.
    @Test
    void yearFromOpeningSentence() {
        DocumentMetadata m = extract("临汾市人民政府关于法治政府建设情况的报告", "市委:", "2024年,临汾市" + BODY);
        assertEquals(2024, m.reportYear());
    }

    // A government work report of year N reports on its "一、N−1年工作回顾", and the province wins over a city in it.
    @Test
    void governmentWorkReportYearAndProvince() {
        DocumentMetadata m = extract(
                "2026年山西省政府工作报告",
                "——2026年2月2日在山西省第十四届人民代表大会第五次会议上",
                "各位代表:",
                "现在,我代表省人民政府向大会报告工作,请予审议。",
                "一、2025年工作回顾",
                "太原市、大同市、临汾市" + BODY);
        assertEquals(List.of("山西省", "140000", "province"), List.of(m.regionName(), m.regionCode(), m.adminLevel()));
        assertEquals(2025, m.reportYear());
        assertEquals("山西省人民政府", m.issuer());
        assertNull(m.publishDate());
    }

    // Without a dated review heading, a government work report's year is the delivery year minus one, flagged.
    @Test
    void governmentWorkReportYearFromDelivery() {
        DocumentMetadata m = extract("2026年山西省政府工作报告", "各位代表:", "现在,我代表省人民政府向大会报告工作。", "一、“十四五”时期工作回顾", BODY);
        assertEquals(2025, m.reportYear());
        assertEquals(List.of("year_from_delivery_date"), m.qualityFlags());
    }

    // The State Council's report is national: no region, flag national, issuer 国务院.
    @Test
    void nationalReport() {
        DocumentMetadata m = extract("各位代表:", "现在,我代表国务院,向大会报告政府工作,请予审议。", "一、2018年工作回顾", BODY);
        assertNull(m.regionCode());
        assertEquals(2018, m.reportYear());
        assertEquals("国务院", m.issuer());
        assertEquals(List.of("national", "no_title"), m.qualityFlags());
    }

    // Run-together joint issuers are split and joined by one space.
    @Test
    void jointIssuersSplit() {
        DocumentMetadata m = extract("中共岚县县委岚县人民政府", "关于2023年度法治政府建设情况的报告", "中共吕梁市委:", "2023年,岚县" + BODY);
        assertEquals("中共岚县县委 岚县人民政府", m.issuer());
        assertEquals("中共岚县县委 岚县人民政府关于2023年度法治政府建设情况的报告", m.title());
    }

    // Signer: the name after 签发人, inner spaces removed.
    @Test
    void signerWithSpaces() {
        DocumentMetadata m = extract("临政〔2025〕2号", "签发人: 王 延峰", "临汾市人民政府关于2024年度法治政府建设情况的报告", "市委:", BODY);
        assertEquals("王延峰", m.signer());
    }

    // A web "时间:" label gives the publish date, also when the value is on the next line.
    @Test
    void publishDateFromTimeLabel() {
        DocumentMetadata m = extract("2026年北京市政府工作报告", "时间:", "2026-02-02", "各位代表:", BODY);
        assertEquals("2026-02-02", m.publishDate());
    }

    // A parenthesised date under the title is the publish date.
    @Test
    void publishDateUnderTitle() {
        DocumentMetadata m = extract("某县人民政府2025年政府信息公开工作年度报告", "(2026年1月23日)", "依据条例规定,编制本报告。" + BODY);
        assertEquals("2026-01-23", m.publishDate());
    }

    // A date-only closing line, in Chinese numerals, is the publish date; dates in the narrative are not.
    @Test
    void publishDateFromClosingLine() {
        DocumentMetadata m =
                extract("临汾市人民政府关于2024年度法治政府建设情况的报告", "市委:", "2024年3月5日召开常务会议," + BODY, "临汾市人民政府", "二〇二五年一月四日");
        assertEquals("2025-01-04", m.publishDate());
        assertEquals("临汾市人民政府", m.issuer());
    }

    // A narrative date alone is not a publish date.
    @Test
    void narrativeDateNotPublishDate() {
        DocumentMetadata m = extract("临汾市人民政府关于2024年度法治政府建设情况的报告", "市委:", "2024年3月5日召开常务会议," + BODY);
        assertNull(m.publishDate());
    }

    // Empty input gives nulls and flags, not an exception.
    @Test
    void emptyInput() {
        DocumentMetadata m = MetadataExtractor.extract("");
        assertNull(m.title());
        assertEquals(List.of("no_title", "no_region", "no_year"), m.qualityFlags());
    }

    // A crawled page: the labelled 标题 line gives the title; without an issuer of its own it takes the one the
    // flattened body opens with, not the 发布机构 that posted the page.
    @Test
    void crawledPageWithLabelledHeader() {
        String page = "标题：关于2023年法治工作情况暨2024年工作要点的报告\n发布时间：2024-03-08 10:21\n发布机构：某某市司法局\n"
                + "来源：寿光市人民政府\n原文链接：http://example.gov.cn/a.html\n"
                + "寿光市人民政府关于2023年法治工作情况暨2024年工作要点的报告 潍坊市人民政府： 2023年，寿光市" + BODY;
        DocumentMetadata m = MetadataExtractor.extract(page);
        assertEquals("关于2023年法治工作情况暨2024年工作要点的报告", m.title());
        assertEquals("寿光市人民政府", m.issuer());
        assertEquals(Integer.valueOf(2023), m.reportYear());
    }
}
