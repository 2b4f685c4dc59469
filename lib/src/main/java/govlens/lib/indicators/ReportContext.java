package govlens.lib.indicators;

import java.util.regex.Pattern;

/**
 * What the indicator extractor must know of a report to tell its own figures from the others (see {@link
 * Frames}): the year it reports on, the last character of its region's name (县, 市, 区, 旗 …: 全县 in a county's
 * report is its own area, 全市 another one), and whether it covers only part of the year (a half-year or
 * quarterly report, whose 1-6月 figures are its own). Read by the metadata stage before indicators run.
 *
 * @param year the report year, or null when unknown (then no written-out year is judged)
 * @param ownAreaChar the last character of the report's region name, or null when the region is unknown
 * @param subPeriod whether the report covers part of a year
 * @param subUnit whether the report is a street office's or a township's (its title names a 街道, 镇 or 乡): its own
 *     area is the street or town, and 全区 or 全县 is its district's or county's
 */
public record ReportContext(Integer year, Character ownAreaChar, boolean subPeriod, boolean subUnit)
        implements java.io.Serializable {
    /** Nothing known: only the frame markers themselves decide. */
    public static final ReportContext UNKNOWN = new ReportContext(null, null, false, false);

    /** A report of a region (not of a street office or township). */
    public ReportContext(Integer year, Character ownAreaChar, boolean subPeriod) {
        this(year, ownAreaChar, subPeriod, false);
    }

    /** A title of a street office's or a township's report. */
    private static final Pattern SUB_UNIT_TITLE =
            Pattern.compile("街道(办事处|党工委)?|(?<!城)镇(人民政府|党委)?(?=关于|[0-9]|上半年|年度|法治|依法)|乡(人民政府)?(?=关于|[0-9]|法治|依法)");

    /** A title that announces part of a year: 上半年, 1-6月, 一季度, 前三季度 … */
    private static final Pattern SUB_PERIOD_TITLE =
            Pattern.compile("上半年|下半年|[0-9一二三四五六七八九十]{1,2}(?:-|—|－|~|至|到)[0-9一二三四五六七八九十]{1,2}月|第?[一二三四1-4]季度|前三季度");

    private static final Pattern TITLE_END = Pattern.compile("报告|总结|情况|要点");

    /** How far into the text the title is looked for. */
    private static final int TITLE_REACH = 200;

    /**
     * The context of a report from its metadata and text.
     *
     * @param text the cleaned text (its opening holds the title)
     * @param year the report year from the metadata, or null
     * @param regionName the report's region name from the metadata (东城区, 寿光市, 鄂托克旗), or null
     */
    public static ReportContext of(String text, Integer year, String regionName) {
        Character own = regionName == null || regionName.isBlank() ? null : regionName.charAt(regionName.length() - 1);
        String head = govlens.lib.text.TraditionalChars.simplify(
                text == null ? "" : text.substring(0, Math.min(text.length(), TITLE_REACH)));
        // The title ends at its first 报告 / 总结 / 情况 (a flattened page has no line break after it), else at the
        // first line break.
        java.util.regex.Matcher end = TITLE_END.matcher(head);
        int cut = end.find() ? end.end() : head.indexOf('\n') > 0 ? head.indexOf('\n') : head.length();
        String title = head.substring(0, cut).replaceAll("\\s", "");
        return new ReportContext(
                year,
                own,
                SUB_PERIOD_TITLE.matcher(title).find(),
                SUB_UNIT_TITLE.matcher(title).find());
    }
}
