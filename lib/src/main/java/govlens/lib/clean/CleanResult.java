package govlens.lib.clean;

import java.util.List;

/**
 * Output of {@link TextCleaner}: the cleaned text every later stage reads, flags describing what the cleaner had to
 * do, and the map from cleaned-text offsets back to raw-text offsets.
 *
 * @param text the cleaned document text (conventions in {@link TextCleaner})
 * @param flags what the cleaner changed or noticed, in a fixed vocabulary (see {@link TextCleaner}); empty when the
 *     input was already clean
 * @param offsets maps UTF-16 indices of {@code text} back to UTF-16 indices of the raw input
 */
public record CleanResult(String text, List<String> flags, OffsetMap offsets) {}
