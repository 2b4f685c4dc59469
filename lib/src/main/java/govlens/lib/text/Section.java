package govlens.lib.text;

/**
 * One section of a cleaned report. Sections partition the document: each covers the text from its own
 * heading (inclusive) to the next heading of any level, so children are separate rows linked by
 * {@code parentId}. Text before the first heading is a level-0 section with a null heading.
 *
 * @param sectionId unique within the document, stable for the same cleaned text ("s000", "s001", … in
 *     document order)
 * @param parentId the enclosing section's id, null for top level (level 0 or 1)
 * @param level 0 preamble, 1 for 一、, 2 for （一）, 3 for 1. / 一是 …
 * @param path ordinal path such as "2.1.3" (0 for the preamble)
 * @param heading the heading line or lead-in as written, null when the section has none
 * @param kind achievements | problems | plans | other (inherited from the ancestor that decides it)
 * @param text exactly {@code documentText.substring(charStart, charEnd)}
 * @param charStart UTF-16 offset into the cleaned document text, inclusive
 * @param charEnd exclusive
 */
public record Section(
        String sectionId,
        String parentId,
        int level,
        String path,
        String heading,
        String kind,
        String text,
        int charStart,
        int charEnd) {

    public static final String KIND_ACHIEVEMENTS = "achievements";
    public static final String KIND_PROBLEMS = "problems";
    public static final String KIND_PLANS = "plans";
    public static final String KIND_OTHER = "other";
}
