package govlens.lib.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class UnitsTest {

    // The bundled table lists longer units first, so 人次 is tried before 人.
    @Test
    void bundledTableLongestFirst() {
        var order = Units.get().longestFirst();
        assertTrue(order.indexOf("人次") < order.indexOf("人"), order.toString());
        assertEquals(10000, Units.get().unit("万人次").factor());
        assertEquals("人次", Units.get().unit("万人次").base());
    }

    // An unknown kind fails naming the line.
    @Test
    void unknownKindFails() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> Units.parse(new StringReader("件\tcounts\t1\n"), "t.tsv"));
        assertTrue(e.getMessage().contains("t.tsv line 1") && e.getMessage().contains("counts"), e.getMessage());
    }

    // A base unit that is not itself listed fails naming it.
    @Test
    void unknownBaseFails() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> Units.parse(new StringReader("万件\tcount\t10000\t件\n"), "t.tsv"));
        assertTrue(e.getMessage().contains("'件'"), e.getMessage());
    }

    // A duplicate unit fails naming it.
    @Test
    void duplicateFails() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Units.parse(new StringReader("件\tcount\t1\n件\tcount\t1\n"), "t.tsv"));
        assertTrue(e.getMessage().contains("duplicate unit '件'"), e.getMessage());
    }

    // A rule naming a unit the table does not know fails at load, naming the unit.
    @Test
    void ruleWithUnknownUnitFails() {
        String conf =
                "rules = [ { id = x, indicator = legal_aid.cases, kind = count, before = [\"援助\"], units = [件, 卷宗数] } ]";
        var e = assertThrows(
                IllegalArgumentException.class, () -> IndicatorRules.parse(new StringReader(conf), "test.conf"));
        assertTrue(e.getMessage().contains("卷宗数"), e.getMessage());
    }
}
