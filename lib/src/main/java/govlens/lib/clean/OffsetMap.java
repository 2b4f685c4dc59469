package govlens.lib.clean;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Maps a UTF-16 index in a cleaned text back to the UTF-16 index in the raw text it came from.
 *
 * <p>Stored as runs: inside a run consecutive cleaned characters come from consecutive raw characters, so a typical
 * report needs one run per line or per removed span, not one entry per character. Characters the cleaner inserted
 * (paragraph separators) map to the raw position right after the preceding kept character; characters produced by
 * folding (e.g. a full-width "，" turned into ",") map to the character they replaced. Immutable and serializable.
 */
public final class OffsetMap implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] cleanStarts;
    private final int[] rawStarts;
    private final int cleanLength;
    private final int rawLength;

    private OffsetMap(int[] cleanStarts, int[] rawStarts, int cleanLength, int rawLength) {
        this.cleanStarts = cleanStarts;
        this.rawStarts = rawStarts;
        this.cleanLength = cleanLength;
        this.rawLength = rawLength;
    }

    /**
     * Builds the map from a per-character table: {@code rawIndexOf[i]} is the raw index of cleaned character i.
     *
     * @param rawIndexOf raw index of each cleaned character (length = cleaned length)
     * @param rawLength length of the raw text
     */
    public static OffsetMap fromPerCharacter(int[] rawIndexOf, int rawLength) {
        int n = rawIndexOf.length;
        int[] cs = new int[Math.max(1, n)];
        int[] rs = new int[Math.max(1, n)];
        int runs = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || rawIndexOf[i] != rawIndexOf[i - 1] + 1) {
                cs[runs] = i;
                rs[runs] = rawIndexOf[i];
                runs++;
            }
        }
        return new OffsetMap(Arrays.copyOf(cs, runs), Arrays.copyOf(rs, runs), n, rawLength);
    }

    /**
     * Raw index of the cleaned character at {@code cleanedIndex}; {@code cleanedIndex == cleanedLength()} maps to the
     * raw length (end of text).
     *
     * @throws IndexOutOfBoundsException outside 0..cleanedLength()
     */
    public int toRaw(int cleanedIndex) {
        if (cleanedIndex < 0 || cleanedIndex > cleanLength) {
            throw new IndexOutOfBoundsException("cleaned index " + cleanedIndex + " outside 0.." + cleanLength);
        }
        if (cleanedIndex == cleanLength) {
            return rawLength;
        }
        int k = Arrays.binarySearch(cleanStarts, cleanedIndex);
        if (k < 0) {
            k = -k - 2;
        }
        return rawStarts[k] + (cleanedIndex - cleanStarts[k]);
    }

    /**
     * Raw exclusive end for a cleaned exclusive end: one past the raw index of the last cleaned character of the span,
     * so {@code raw.substring(toRaw(s), toRawEnd(e))} covers the cleaned span [s, e). {@code toRawEnd(0)} is 0.
     */
    public int toRawEnd(int cleanedEnd) {
        return cleanedEnd == 0 ? 0 : toRaw(cleanedEnd - 1) + 1;
    }

    /** Length of the cleaned text this map was built for. */
    public int cleanedLength() {
        return cleanLength;
    }

    /** Length of the raw text this map was built for. */
    public int rawLength() {
        return rawLength;
    }

    /** Number of stored runs (a measure of how much the cleaner rearranged; useful in tests and logs). */
    public int runCount() {
        return cleanStarts.length;
    }
}
