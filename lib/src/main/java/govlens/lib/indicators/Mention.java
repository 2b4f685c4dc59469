package govlens.lib.indicators;

/**
 * A number that did not become an indicator value: either {@code unclaimed} (reason null: a total of the report's
 * period that no indicator describes) or {@code rejected} with a reason: not a figure at all (ordinal, year, date,
 * doc_number, program_name, hotline_name, phone, doc_structure), a figure of another period or scope (its {@link
 * Frames frame}: other_year, sub_period, multi_year; target, prevented, prior_stage, change, other_region,
 * breakdown), or a figure the descriptions could not settle (implausible_rate, list_mismatch, excluded_term,
 * ambiguous, second_figure); see docs/indicator-rules.md.
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
 * @param period the number's period ({@link Frames#PERIODS}); null when it is no figure (a year, a date …)
 * @param scope the number's scope ({@link Frames#SCOPES}); null when it is no figure
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
        String reason,
        String period,
        String scope)
        implements java.io.Serializable {
    public static final String UNCLAIMED = "unclaimed";
    public static final String REJECTED = "rejected";
}
