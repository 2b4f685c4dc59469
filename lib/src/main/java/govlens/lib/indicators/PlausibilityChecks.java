package govlens.lib.indicators;

import govlens.lib.indicators.IndicatorRules.RatioCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plausibility checks on extracted values. Checks only add flags; a flagged value is still reported so a
 * reviewer can see it next to its sentence.
 *
 * <p>Inside one document (driven by the {@code checks} block of the rules file): {@value #RATE_OUT_OF_RANGE} for a
 * rate outside 0–100, {@value #PARTS_EXCEED_WHOLE} when an ordered chain (corrected ≤ closed ≤ received) is
 * violated, {@value #RATE_DISAGREES} when a rate is more than the tolerance away from 100·part/whole. When an
 * indicator has several values in a document, the highest-confidence one (first on ties) stands for it.
 * Across years: {@link #yearOverYearFlags}.
 */
public final class PlausibilityChecks {
    public static final String RATE_OUT_OF_RANGE = "rate_out_of_range";
    public static final String PARTS_EXCEED_WHOLE = "parts_exceed_whole";
    public static final String RATE_DISAGREES = "rate_disagrees_with_parts";
    public static final String JUMP = "jump_gt_5x";
    public static final String DROP = "drop_lt_0.2x";

    private PlausibilityChecks() {}

    /**
     * Flags for the same indicator of the same reporter in consecutive years: {@value #JUMP} when current &gt; 5 ×
     * previous, {@value #DROP} when current &lt; 0.2 × previous; empty when previous ≤ 0 (no base to compare).
     */
    public static List<String> yearOverYearFlags(double previous, double current) {
        if (previous <= 0) {
            return List.of();
        }
        if (current > 5 * previous) {
            return List.of(JUMP);
        }
        if (current < 0.2 * previous) {
            return List.of(DROP);
        }
        return List.of();
    }

    /** Returns the values with the in-document flags added (a new immutable list; input order kept). */
    static List<IndicatorValue> apply(List<IndicatorValue> values, IndicatorRules rules) {
        Map<String, Integer> rep = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            IndicatorValue v = values.get(i);
            Integer cur = rep.get(v.indicator());
            if (cur == null || values.get(cur).confidence() < v.confidence()) {
                rep.put(v.indicator(), i);
            }
        }
        List<Set<String>> extra = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            extra.add(new LinkedHashSet<>(values.get(i).flags()));
        }

        for (List<String> chain : rules.orderChecks()) {
            for (int a = 0; a < chain.size(); a++) {
                Integer part = rep.get(chain.get(a));
                if (part == null) {
                    continue;
                }
                for (int b = a + 1; b < chain.size(); b++) {
                    Integer whole = rep.get(chain.get(b));
                    if (whole != null
                            && values.get(part).value() > values.get(whole).value()) {
                        extra.get(part).add(PARTS_EXCEED_WHOLE);
                    }
                }
            }
        }
        for (RatioCheck rc : rules.ratioChecks()) {
            Integer rate = rep.get(rc.rate());
            Integer num = rep.get(rc.numerator());
            Integer den = rep.get(rc.denominator());
            if (rate == null || num == null || den == null || values.get(den).value() <= 0) {
                continue;
            }
            double expected = 100.0 * values.get(num).value() / values.get(den).value();
            if (Math.abs(expected - values.get(rate).value()) > rc.tolerance()) {
                extra.get(rate).add(RATE_DISAGREES);
            }
        }

        List<IndicatorValue> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            IndicatorValue v = values.get(i);
            out.add(new IndicatorValue(
                    v.indicator(),
                    v.indicatorName(),
                    v.area(),
                    v.value(),
                    v.unit(),
                    v.approx(),
                    v.rawText(),
                    v.sentence(),
                    v.sentenceIdx(),
                    v.sectionId(),
                    v.charStart(),
                    v.charEnd(),
                    v.ruleId(),
                    v.confidence(),
                    List.copyOf(extra.get(i))));
        }
        return List.copyOf(out);
    }
}
