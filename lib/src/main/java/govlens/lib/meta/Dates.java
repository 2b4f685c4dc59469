package govlens.lib.meta;

import govlens.lib.meta.Layout.Line;
import govlens.lib.text.ChineseNumerals;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calendar dates in report text (2024-03-28, 2024年3月28日, 二〇二五年一月四日) and the document's publication date.
 *
 * <p>Publication date, in order: a labelled header field ("发布时间:", "发布日期:", "成文日期:", "更新时间:"; the value
 * may stand on the next line), a header line that is a date (and time) optionally followed by "来源…", the
 * imprint "…印发" (the last one), a "(2026年1月23日)" line under the title, a date-only line among the last six
 * lines. A site's clock ("今天是2019年10月31日 星期三") is none of these: it carries a weekday, not a label.
 */
final class Dates {

    private Dates() {}

    private static final Pattern ISO_DATE = Pattern.compile("((?:19|20)\\d{2})[-/.](\\d{1,2})[-/.](\\d{1,2})");
    private static final Pattern CN_DATE = Pattern.compile("((?:19|20)\\d{2})年(\\d{1,2})月(\\d{1,2})日");
    private static final Pattern HANZI_DATE =
            Pattern.compile("([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,4})日");
    private static final Pattern TIME_LABEL =
            Pattern.compile("(?:发布|发表|成文|印发|更新)?(?:时间|日期)[:：]((?:19|20)\\d{2}[-/.年]\\d{1,2}[-/.月]\\d{1,2})");
    private static final Pattern DATE_LEAD_LINE = Pattern.compile(
            "^((?:19|20)\\d{2}[-/.年]\\d{1,2}[-/.月]\\d{1,2}日?)(?:\\d{1,2}[:时]\\d{1,2}(?:[:分]\\d{0,2}秒?)?)?(?:来源.*)?$");
    private static final Pattern PAREN_DATE_LINE = Pattern.compile("^[(（]([^()（）]{6,16})[)）]$");
    private static final Pattern PRINTED = Pattern.compile("(\\S{8,16}?日)\\s*印发");

    /**
     * ISO date of {@code s}; with {@code whole} the string must be nothing but the date, otherwise the first date
     * found is taken. Invalid calendar dates give null.
     */
    static String parse(String s, boolean whole) {
        Matcher[] ms = {ISO_DATE.matcher(s), CN_DATE.matcher(s), HANZI_DATE.matcher(s)};
        for (int k = 0; k < ms.length; k++) {
            Matcher m = ms[k];
            if (whole ? !m.matches() : !m.find()) {
                continue;
            }
            try {
                int y = k == 2 ? hanzi(m.group(1)) : Integer.parseInt(m.group(1));
                int mo = k == 2 ? hanzi(m.group(2)) : Integer.parseInt(m.group(2));
                int d = k == 2 ? hanzi(m.group(3)) : Integer.parseInt(m.group(3));
                return LocalDate.of(y, mo, d).toString();
            } catch (DateTimeException | IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** 二〇二五 → 2025, 十二 → 12, through the one Chinese-numeral parser; a malformed numeral throws. */
    private static int hanzi(String s) {
        Double v = ChineseNumerals.value(s.replace('○', '〇'));
        if (v == null) {
            throw new IllegalArgumentException(s);
        }
        return v.intValue();
    }

    static String publishDate(Layout layout) {
        StringBuilder head = new StringBuilder();
        for (Line l : layout.headerLines()) {
            head.append(l.compact()).append('\n');
        }
        Matcher tm = TIME_LABEL.matcher(head.toString().replace(":\n", ":").replace("：\n", ":"));
        if (tm.find()) {
            String d = parse(tm.group(1), false);
            if (d != null) {
                return d;
            }
        }
        for (Line l : layout.headerLines()) {
            Matcher m = DATE_LEAD_LINE.matcher(l.compact());
            if (m.matches()) {
                String d = parse(m.group(1), false);
                if (d != null) {
                    return d;
                }
            }
        }
        Matcher pm = PRINTED.matcher(layout.view);
        String printed = null;
        while (pm.find()) {
            printed = parse(pm.group(1), false); // the imprint is the last one
        }
        if (printed != null) {
            return printed;
        }
        for (Line l : layout.headerLines()) {
            Matcher m = PAREN_DATE_LINE.matcher(l.compact());
            if (m.matches()) {
                String d = parse(m.group(1), true);
                if (d != null) {
                    return d;
                }
            }
        }
        int seen = 0;
        for (int i = layout.lines.size() - 1; i >= Math.max(0, layout.headerEnd) && seen < 6; i--) {
            Line l = layout.line(i);
            if (l.blank()) {
                continue;
            }
            seen++;
            String d = parse(l.compact(), true);
            if (d != null) {
                return d;
            }
        }
        return null;
    }
}
