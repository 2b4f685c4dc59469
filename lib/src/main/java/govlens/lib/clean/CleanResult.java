package govlens.lib.clean;

import java.util.List;

/**
 * Output of {@link TextCleaner}: the cleaned text every later stage reads, plus flags describing what the
 * cleaner had to do. (Shape may grow: an offset map back to the raw text.)
 */
public record CleanResult(String text, List<String> flags) {}
