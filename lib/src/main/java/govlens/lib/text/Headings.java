package govlens.lib.text;

import java.util.regex.Pattern;

/**
 * Heading and list-marker patterns in one place. All are anchored at the start of a line (or of a heading's
 * text) and expect width-folded text where it matters (full-width brackets are accepted too).
 *
 * <ul>
 *   <li>the five numbered section styles the {@link SectionSplitter} builds its outline from, each capturing the
 *       ordinal: {@link #CN_COMMA} 一、, {@link #CN_PAREN} (一), {@link #ARABIC} 1. or 1、, {@link #ARABIC_PAREN}
 *       (1), {@link #LEAD_IN} 一是 (not 一是否);
 *   <li>{@link #PARAGRAPH_START}: any marker that opens a heading or an enumerated paragraph (the styles above plus
 *       第X章, ①, 其一, 首先 …, 附件), so a line starting with one never continues the line before;
 *   <li>{@link #NUMBERING}: the numbering and markdown emphasis in front of a heading's words, for
 *       {@link #stripNumbering}.
 * </ul>
 */
public final class Headings {
    private Headings() {}

    private static final String CN_ORDINAL = "[一二三四五六七八九十]{1,3}";

    public static final Pattern CN_COMMA = Pattern.compile("^(" + CN_ORDINAL + ")\\s*、");
    public static final Pattern CN_PAREN = Pattern.compile("^[(（]\\s*(" + CN_ORDINAL + ")\\s*[)）]");
    public static final Pattern ARABIC = Pattern.compile("^(\\d{1,2})\\s*[.、．](?![\\d.])");
    public static final Pattern ARABIC_PAREN = Pattern.compile("^[(（]\\s*(\\d{1,2})\\s*[)）]");
    public static final Pattern LEAD_IN = Pattern.compile("^(" + CN_ORDINAL + ")是(?![否非])");

    public static final Pattern PARAGRAPH_START = Pattern.compile("^(第[一二三四五六七八九十百千零〇两\\d]+[章节条部分篇编]"
            + "|[一二三四五六七八九十百]+[、.]"
            + "|[(（][一二三四五六七八九十百]{1,3}[)）]"
            + "|[(（]\\d{1,2}[)）]"
            + "|\\d{1,2}、"
            + "|\\d{1,2}\\.(?!\\d)"
            + "|[①-⑳]"
            + "|[一二三四五六七八九十]+是"
            + "|其[一二三四五六]|首先|其次|再次|最后|附件|附:)");

    /**
     * A numbered section heading inside a line, as a crawler leaves a body flattened onto one line (…报告如下：一、主要成效
     * …。（二）…): 一、 or (一) after a sentence end, a colon or a space, and (一) anywhere (it follows the title of its
     * section directly: 一、工作情况（一）强化统筹). Only the two numbered styles that open sections; 一是 items stay
     * inline, and items after a semicolon are a list.
     */
    public static final Pattern INLINE_SECTION =
            Pattern.compile("(?<=[。！？!?：:]|\\s)(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])|(?=[（(]一[）)])");

    public static final Pattern NUMBERING =
            Pattern.compile("^[\\s#*]*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\\d]+[)）]|\\d+[.、．]|[一二三四五六七八九十]+是)\\s*");

    /** {@code heading} without its numbering (一、 (二) 3. 四是) and markdown asterisks, trimmed. */
    public static String stripNumbering(String heading) {
        return NUMBERING.matcher(heading).replaceFirst("").replace("*", "").trim();
    }
}
