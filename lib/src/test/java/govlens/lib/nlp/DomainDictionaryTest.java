package govlens.lib.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DomainDictionaryTest {

    // Short forms strip the administrative suffix, and ethnic names before 自治….
    @Test
    void shortForms() {
        assertEquals("朔州", DomainDictionary.shortForm("朔州市"));
        assertEquals("宁夏", DomainDictionary.shortForm("宁夏回族自治区"));
        assertEquals("恩施", DomainDictionary.shortForm("恩施土家族苗族自治州"));
        assertEquals("黔东南", DomainDictionary.shortForm("黔东南苗族侗族自治州"));
        assertEquals("浦东", DomainDictionary.shortForm("浦东新区"));
        assertEquals("阿克苏", DomainDictionary.shortForm("阿克苏地区"));
    }

    // No 1-character stems: 岚县 has no short form.
    @Test
    void noSingleCharacterShortForm() {
        assertNull(DomainDictionary.shortForm("岚县"));
    }

    // Region entries keep real places and skip names that would hijack ordinary words.
    @Test
    void regionEntriesSkipAmbiguousNames() {
        Set<String> words = DomainDictionary.regionEntries().stream()
                .map(DomainDictionary.Entry::word)
                .collect(Collectors.toSet());
        assertTrue(words.containsAll(List.of("朔州", "朔州市", "岢岚县", "岚县", "临汾", "宁夏")));
        assertFalse(words.contains("城区"), "城区 is an ordinary noun");
        assertFalse(words.contains("和平"), "short form of 和平区 is an ordinary word");
        assertFalse(words.contains("和县"), "would glue 和 to 县");
        assertFalse(words.contains("市辖区"), "placeholder row");
    }

    // Term lines: bare term gets the default nature, "POS" alone gets a frequency, comments are skipped.
    @Test
    void parsesTermLines() {
        List<DomainDictionary.Entry> entries =
                DomainDictionary.parseTerms(List.of("# comment", "", "行政复议", "首违不罚\tvn", "法律明白人\tn 300"));
        assertEquals(
                List.of(
                        new DomainDictionary.Entry("行政复议", "nz 1024"),
                        new DomainDictionary.Entry("首违不罚", "vn 1024"),
                        new DomainDictionary.Entry("法律明白人", "n 300")),
                entries);
    }

    // The shipped list is large enough to matter and has no duplicates.
    @Test
    void shippedListHasNoDuplicates() {
        List<String> words = DomainDictionary.readTerms(DomainDictionary.TERMS_RESOURCE).stream()
                .map(DomainDictionary.Entry::word)
                .toList();
        assertTrue(words.size() >= 300, "only " + words.size() + " terms");
        assertEquals(words.size(), Set.copyOf(words).size());
    }
}
