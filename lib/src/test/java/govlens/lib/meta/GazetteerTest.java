package govlens.lib.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class GazetteerTest {

    private final Gazetteer g = Gazetteer.get();

    // Prefecture code = 4-digit city code + "00"; county keeps its prefecture and province names.
    @Test
    void countyCarriesPrefectureAndProvince() {
        Region lan = g.byName("岚县").get(0);
        assertEquals(new Region("岚县", "141127", Region.COUNTY, "山西省", "吕梁市"), lan);
        assertEquals(new Region("临汾市", "141000", Region.PREFECTURE, "山西省", null), g.byCode("141000"));
    }

    // Municipalities are provinces; their 市辖区 placeholder rows are not divisions.
    @Test
    void municipalityIsProvinceAndPlaceholderDropped() {
        assertEquals(List.of(new Region("北京市", "110000", Region.PROVINCE, "北京市", null)), g.byName("北京市"));
        assertEquals(List.of(), g.byName("市辖区"));
        assertNull(g.byName("东城区").get(0).parent());
    }

    // Short forms drop the generic suffix but keep two characters; districts get none.
    @Test
    void shortForms() {
        assertEquals("朔州", Gazetteer.shortForm(g.byName("朔州市").get(0)));
        assertEquals("山西", Gazetteer.shortForm(g.byName("山西省").get(0)));
        assertEquals("宁夏", Gazetteer.shortForm(g.byName("宁夏回族自治区").get(0)));
        assertEquals("内蒙古", Gazetteer.shortForm(g.byName("内蒙古自治区").get(0)));
        assertEquals("延边", Gazetteer.shortForm(g.byName("延边朝鲜族自治州").get(0)));
        assertNull(Gazetteer.shortForm(g.byName("岚县").get(0)));
        assertNull(Gazetteer.shortForm(g.byName("朝阳区").get(0)));
        assertFalse(g.surfaceForms().containsKey("岚"));
    }

    // Shared names map to every division that bears them.
    @Test
    void sharedNameHasAllCandidates() {
        assertEquals(
                List.of("140302", "140502", "441502"),
                g.surfaceForms().get("城区").stream().map(Region::code).toList());
    }

    // One instance per JVM.
    @Test
    void loadedOnce() {
        assertSame(Gazetteer.get(), Gazetteer.get());
    }
}
