package govlens.lib.meta;

import java.util.List;

/**
 * A place name found in a text.
 *
 * @param start UTF-16 offset of the first character, inclusive
 * @param end exclusive offset
 * @param surface the matched text ({@code text.substring(start, end)})
 * @param candidates every division the surface may denote (several for 城区, 吉林); never empty
 * @param shortForm true when the surface is a short form (朔州) rather than a full name (朔州市)
 */
public record RegionMention(int start, int end, String surface, List<Region> candidates, boolean shortForm) {

    /** The single division when the surface is unambiguous, else null. */
    public Region unique() {
        return candidates.size() == 1 ? candidates.get(0) : null;
    }
}
