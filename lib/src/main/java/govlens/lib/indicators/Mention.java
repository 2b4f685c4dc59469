package govlens.lib.indicators;

/**
 * A number that no rule turned into an indicator value: either {@code unclaimed} (reason null) or
 * {@code rejected} with a reason such as ordinal, year, date, doc_number, program_name, hotline_name, phone,
 * doc_structure, target, implausible_rate, multi_year, other_region (context exclusions), or from the indicator
 * descriptions breakdown, list_mismatch, excluded_term, ambiguous, second_figure (docs/indicator-rules.md).
 *
 * @param rawText exact text, equal to {@code cleanedText.substring(charStart, charEnd)}
 * @param value normalized value, null when it could not be normalized
 * @param unit unit as written or null
 * @param approx approximation marker or null
 * @param context the clause holding the number
 * @param sentenceIdx idx of the sentence holding the number
 * @param sectionId that sentence's sectionId
 * @param charStart offset in the cleaned text, inclusive
 * @param charEnd offset in the cleaned text, exclusive
 * @param status {@link #UNCLAIMED} or {@link #REJECTED}
 * @param reason null for unclaimed mentions
 */
public record Mention(
        String rawText,
        Double value,
        String unit,
        String approx,
        String context,
        int sentenceIdx,
        String sectionId,
        int charStart,
        int charEnd,
        String status,
        String reason)
        implements java.io.Serializable {
    public static final String UNCLAIMED = "unclaimed";
    public static final String REJECTED = "rejected";
}
