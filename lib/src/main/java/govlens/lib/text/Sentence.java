package govlens.lib.text;

/**
 * One sentence of a cleaned report.
 *
 * @param sectionId the section that contains the sentence's first character
 * @param idx position of the sentence in the document, from 0
 * @param text exactly {@code documentText.substring(charStart, charEnd)}
 * @param charStart UTF-16 offset into the cleaned document text, inclusive
 * @param charEnd exclusive
 */
public record Sentence(String sectionId, int idx, String text, int charStart, int charEnd) {}
