package govlens.lib.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IndicatorRulesTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(
                IndicatorRulesTest.class.getResource("/indicators/" + name).toURI());
    }

    // A misspelt rule key fails the load and the message names it.
    @Test
    void unknownRuleKeyFailsNamingIt() throws Exception {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> IndicatorRules.fromFile(fixture("unknown_key.conf")));
        assertTrue(e.getMessage().contains("[triger]"), e.getMessage());
    }

    // An indicator code missing from the catalog fails the load and the message names it.
    @Test
    void unknownIndicatorCodeFailsNamingIt() throws Exception {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> IndicatorRules.fromFile(fixture("unknown_code.conf")));
        assertTrue(e.getMessage().contains("legal_aid.casez"), e.getMessage());
    }

    // A rules file given by path replaces the default rules.
    @Test
    void fromFileOverridesDefaults() throws Exception {
        IndicatorExtractor ex = IndicatorExtractor.fromFile(fixture("minimal.conf"));
        String s = "受理法律援助案件45件,人民调解组织调解矛盾纠纷706件。";
        List<String> got =
                ex.extract(s, List.of(new govlens.lib.text.Sentence("s000", 0, s, 0, s.length()))).values().stream()
                        .map(v -> v.indicator() + "=" + (long) v.value())
                        .toList();
        assertEquals(List.of("legal_aid.cases=45"), got);
    }

    // The default rules load once per JVM and only use catalog codes.
    @Test
    void defaultRulesUseCatalogCodes() {
        IndicatorRules r = IndicatorRules.fromClasspath();
        assertTrue(r == IndicatorRules.fromClasspath());
        Set<String> codes =
                r.rules().stream().map(IndicatorRules.Rule::indicator).collect(Collectors.toSet());
        assertTrue(r.catalogEntries().keySet().containsAll(codes));
        assertEquals(34, r.catalogEntries().size());
    }
}
