package govlens.lib.indicators;

import java.util.List;

/**
 * One figure a report gives for a catalog indicator, traceable to its sentence.
 *
 * @param indicator catalog code, e.g. admin_review.cases_closed
 * @param indicatorName catalog name_zh
 * @param area catalog area
 * @param value normalized value (82.3万件 → 823000; rates in percent: 15.8% → 15.8)
 * @param unit unit as written in the text (件, 份, 名, %, …); "%" for a rate even when the report lost the sign
 * @param approx approximation marker as written (余, 近, 约, 超, 多, 以上 …) or null
 * @param rawText exact mention, equal to {@code cleanedText.substring(charStart, charEnd)}
 * @param sentence text of the sentence holding the number
 * @param sentenceIdx that sentence's idx
 * @param sectionId that sentence's sectionId
 * @param charStart offset in the cleaned text, inclusive
 * @param charEnd offset in the cleaned text, exclusive
 * @param ruleId id of the rule that claimed the number
 * @param confidence 0..1, lower when the subject phrase sits further from the number
 * @param flags plausibility flags: rate_out_of_range, parts_exceed_whole, rate_disagrees_with_parts
 */
public record IndicatorValue(
        String indicator,
        String indicatorName,
        String area,
        double value,
        String unit,
        String approx,
        String rawText,
        String sentence,
        int sentenceIdx,
        String sectionId,
        int charStart,
        int charEnd,
        String ruleId,
        double confidence,
        List<String> flags)
        implements java.io.Serializable {}
