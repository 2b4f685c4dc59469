package govlens.lib.indicators;

import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.indicators.IndicatorEvaluator.Result;
import govlens.lib.pipeline.DocumentProcessor;
import govlens.lib.pipeline.IndicatorEvaluation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The blind batches (src/test/resources/indicator-blind, docs/indicator-rules.md "Blind batches"), once scored
 * before tuning, are development material afterwards: each must keep the level it reached after its round, so
 * that later rounds do not lose what an earlier one gained. The figures that count for generalization are the
 * blind ones in the docs, not these.
 */
class IndicatorBlindBatchesTest {
    static final double MIN_PRECISION = 0.98;
    static final double MIN_RECALL = 0.95;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-12-07-a", "2026-12-07-b"})
    void batchKeepsItsLevel(String batch) throws Exception {
        Path dir = Path.of(IndicatorBlindBatchesTest.class
                        .getResource("/indicator-blind/" + batch + "/expected_indicators.tsv")
                        .toURI())
                .getParent();
        Result r = IndicatorEvaluator.evaluate(
                IndicatorEvaluator.readGold(dir.resolve("expected_indicators.tsv")),
                IndicatorEvaluation.predictAll(
                        dir, new DocumentProcessor(List.of("txt", "html"), 20), IndicatorExtractor.fromClasspath()));
        assertTrue(
                r.precision() >= MIN_PRECISION && r.recall() >= MIN_RECALL,
                batch + ": precision " + r.precision() + ", recall " + r.recall() + "\n" + r.report());
    }
}
