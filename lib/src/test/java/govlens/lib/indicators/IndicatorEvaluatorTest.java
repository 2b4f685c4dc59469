package govlens.lib.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import govlens.lib.indicators.IndicatorEvaluator.GoldRow;
import govlens.lib.indicators.IndicatorEvaluator.Prediction;
import govlens.lib.indicators.IndicatorEvaluator.Result;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorEvaluatorTest {
    private static final String GOLD = "doc\tindicator\tvalue\tunit\tapprox\tstatus\tevidence\n"
            + "d\ta.x\t100\t件\t\trequired\tx 100 件\n"
            + "d\ta.y\t15.8\t%\t\trequired\ty 15.8%\n"
            + "d\ta.z\t7\t件\t\toptional\tz 7 件\n";

    // Values within 0.5% match, optional rows are neither hits nor false positives, duplicates count once.
    @Test
    void scoresWithToleranceOptionalAndDuplicates() {
        List<GoldRow> gold = IndicatorEvaluator.readGold(new StringReader(GOLD));
        Result r = IndicatorEvaluator.evaluate(
                gold,
                List.of(
                        new Prediction("d", "a.x", 100.4, "件", null),
                        new Prediction("d", "a.x", 100.4, "件", null),
                        new Prediction("d", "a.z", 7, "件", null),
                        new Prediction("d", "a.y", 16.0, "%", null),
                        new Prediction("e", "a.x", 100, "件", null)));
        assertEquals(1, r.matched());
        assertEquals(0.5, r.recall(), 1e-9);
        assertEquals(1.0 / 3, r.precision(), 1e-9);
        assertEquals(2 * (0.5 / 3) / (0.5 + 1.0 / 3), r.f1(), 1e-9);
        assertEquals(List.of("a.y"), r.misses().stream().map(GoldRow::indicator).toList());
        assertEquals(2, r.falsePositives().size());
    }

    // The report lists the scores line, then each miss and false positive.
    @Test
    void reportListsMissesAndFalsePositives() {
        Result r = IndicatorEvaluator.evaluate(
                IndicatorEvaluator.readGold(new StringReader(GOLD)), List.of(new Prediction("d", "a.q", 3, "件", null)));
        assertEquals(
                "precision 0.0000  recall 0.0000  F1 0.0000  (matched 0 of 2 required, 1 false positives)\n"
                        + "MISS\td\ta.x\t100\tx 100 件\n"
                        + "MISS\td\ta.y\t15.8\ty 15.8%\n"
                        + "FP\td\ta.q\t3\t件\n",
                r.report().replace(System.lineSeparator(), "\n"));
    }
}
