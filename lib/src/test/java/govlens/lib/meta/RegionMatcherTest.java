package govlens.lib.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegionMatcherTest {

    private final RegionMatcher matcher = RegionMatcher.get();

    private List<String> codes(String text) {
        return matcher.findAll(text).stream()
                .map(m -> m.surface() + "="
                        + (m.unique() == null ? "?" : m.unique().code()))
                .toList();
    }

    // 岚县 must not be found inside 岢岚县: the longer name wins the overlap.
    @Test
    void longerNameWinsOverEmbeddedCounty() {
        assertEquals(List.of("岢岚县=140929"), codes("岢岚县人民政府"));
        assertEquals(List.of("岚县=141127"), codes("中共岚县县委"));
    }

    // The short form 朔州 denotes 朔州市.
    @Test
    void shortFormOfPrefecture() {
        assertEquals(List.of("朔州=140600"), codes("朔州全面推进依法行政"));
    }

    // The typo 朔州委 (for 朔州市委) still yields 朔州市.
    @Test
    void typoWithoutCitySuffix() {
        assertEquals(List.of("朔州=140600"), codes("中共朔州委"));
    }

    // Province prefix and prefecture are separate mentions, longest-first (山西省 not 山西).
    @Test
    void provinceThenPrefecture() {
        assertEquals(List.of("山西省=140000", "临汾市=141000"), codes("山西省临汾市人民政府"));
    }

    // A one-character-stem county inside an ordinary compound is not a mention (现代县域 is not 代县).
    @Test
    void weakCountyInsideCompoundDropped() {
        assertEquals(List.of(), codes("发展现代县域经济"));
    }

    // A shared name is resolved by the prefecture named elsewhere in the document.
    @Test
    void sharedNameResolvedByContext() {
        List<RegionMention> ms = matcher.findAll("阳泉市城区人民政府");
        RegionMention chengqu = ms.get(1);
        assertEquals("城区", chengqu.surface());
        assertEquals("140302", matcher.resolve(chengqu, ms).code());
    }

    // Without context a shared name stays unresolved rather than guessed.
    @Test
    void sharedNameWithoutContextIsNull() {
        List<RegionMention> ms = matcher.findAll("城区人民政府");
        assertNull(matcher.resolve(ms.get(0), ms));
    }
}
