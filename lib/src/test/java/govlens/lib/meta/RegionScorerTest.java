package govlens.lib.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Region decisions through {@link MetadataExtractor}, one kind of evidence per test. */
class RegionScorerTest {

    private static final String BODY = "全面推进依法行政,扎实推动法治政府建设各项工作取得积极成效,为高质量发展提供了有力法治保障。";

    private static DocumentMetadata extract(String... paragraphs) {
        return MetadataExtractor.extract(String.join("\n\n", paragraphs));
    }

    private static List<String> region(DocumentMetadata m) {
        return Arrays.asList(m.regionName(), m.regionCode());
    }

    // A typo where the opening names the city is outweighed by the city's own bodies named in the text.
    @Test
    void typoInOpeningNamedBodiesDecide() {
        DocumentMetadata m = extract(
                "关于2023年度法治政府建设情况的报告",
                "省委:",
                "2023年,晋成市坚持依法行政,全市" + BODY,
                "晋城市人民政府办公室印发工作要点,晋城市司法局开展案卷评查,晋城市委全面依法治市委员会召开会议。");
        assertEquals(List.of("晋城市", "140500"), region(m));
    }

    // The title of the region's own document is enough when nothing else names a place.
    @Test
    void ownDocumentTitle() {
        DocumentMetadata m =
                extract("关于2022年度法治政府建设工作的报告", "区委:", "2022年,我区" + BODY, "区政府印发《滨湖区2022年法治政府建设工作要点》,全区落实。");
        assertEquals(List.of("滨湖区", "320211"), region(m));
    }

    // A province report naming its cities in an enumeration stays the province's.
    @Test
    void enumerationOfCitiesIgnored() {
        DocumentMetadata m =
                extract("关于2023年度法治政府建设情况的报告", "国务院:", "2023年,河北省" + BODY, "石家庄市、唐山市、保定市、邯郸市率先建成平台。石家庄市、唐山市获评示范市。");
        assertEquals(List.of("河北省", "130000"), region(m));
    }

    // The self-reference level picks the county among a county and a city sharing the stem (南昌 in 法治南昌).
    @Test
    void selfReferenceLevelResolvesSharedStem() {
        DocumentMetadata m = extract(
                "关于2022年度法治政府建设情况的报告", "市委、市政府:", "2022年,在市委的领导下,我县" + BODY, "全县推进法治南昌建设,县政府专题学法12次,全县规范性文件全部清理。");
        assertEquals(List.of("南昌县", "360121"), region(m));
    }

    // 朝阳区 with no province or city named anywhere is left open, flagged, never guessed.
    @Test
    void sharedNameWithoutContext() {
        DocumentMetadata m = extract("朝阳区2023年法治政府建设情况报告", "2023年,朝阳区" + BODY);
        assertNull(m.regionCode());
        assertEquals(List.of("region_ambiguous"), m.qualityFlags());
    }

    // The city named right before a shared district name decides it.
    @Test
    void qualifierDecidesSharedName() {
        assertEquals(List.of("朝阳区", "220104"), region(extract("长春市朝阳区2022年度法治政府建设工作报告", "2022年,朝阳区" + BODY)));
    }

    // A street office gets the district it belongs to, the flag street and its own name as issuer.
    @Test
    void streetOfficeGetsItsDistrict() {
        DocumentMetadata m = extract("杭州市上城区清波街道办事处2023年法治政府建设年度报告", "2023年,清波街道" + BODY);
        assertEquals(List.of("上城区", "330102"), region(m));
        assertEquals("杭州市上城区清波街道办事处", m.issuer());
        assertEquals(List.of("street"), m.qualityFlags());
    }

    // A town whose county stands only in the addressee line gets that county.
    @Test
    void townTakesAddresseeCounty() {
        DocumentMetadata m = extract("白莲镇人民政府关于2024年度法治政府建设情况的报告", "中共将乐县委员会、将乐县人民政府:", "2024年,白莲镇" + BODY);
        assertEquals(List.of("将乐县", "350428"), region(m));
    }

    // A county report's addressee (its prefecture) is not the region.
    @Test
    void countyAddresseeIgnored() {
        DocumentMetadata m = extract("关于2023年度法治政府建设情况的报告", "中共吕梁市委、吕梁市人民政府:", "2023年,我县" + BODY);
        assertNull(m.regionCode());
    }

    // Another city's experience, named twice, does not beat the report's own title and opening.
    @Test
    void otherCityExperience() {
        DocumentMetadata m = extract("长沙市人民政府关于2022年度法治政府建设情况的报告", "2022年,长沙市" + BODY, "市政府组织赴杭州市学习,对标杭州市推行改革。");
        assertEquals(List.of("长沙市", "430100"), region(m));
    }

    // A province report republished on a county's site keeps the province: the site banner weighs little.
    @Test
    void provinceOnCountySite() {
        DocumentMetadata m =
                extract("隆德县人民政府", "宁夏回族自治区人民政府关于2018年法治政府建设工作的报告", "一年来,自治区党委和政府" + BODY + "现将2018年自治区法治政府建设情况报告如下:");
        assertEquals(List.of("宁夏回族自治区", "640000"), region(m));
    }

    // A banner named by its common abbreviation (aliases.csv).
    @Test
    void bannerAlias() {
        assertEquals(List.of("东乌珠穆沁旗", "152525"), region(extract("东乌旗人民政府关于2021年度法治政府建设情况的报告", "2021年,全旗" + BODY)));
    }
}
