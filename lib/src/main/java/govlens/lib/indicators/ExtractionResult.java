package govlens.lib.indicators;

import java.util.List;

/** Output of {@link IndicatorExtractor#extract}: indicator values and the numbers left over, in text order. */
public record ExtractionResult(List<IndicatorValue> values, List<Mention> mentions) implements java.io.Serializable {}
