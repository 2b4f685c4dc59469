package govlens.lib.meta;

import govlens.lib.meta.Layout.Line;
import govlens.lib.text.Punctuation;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The year a report is ABOUT (not the year it was published).
 *
 * <p>Evidence, first found wins:
 *
 * <ol>
 *   <li>the title's year (关于2023年度…的报告, 2024年上半年…总结);
 *   <li>the formula 现将…20XX年(度)…报告/汇报/总结如下, anywhere in the first paragraphs;
 *   <li>a sentence of the first two paragraphs led by "2023年,", "2023年以来", "2023年度,";
 *   <li>a dated heading of the review: "一、2023年法治政府建设主要举措" (a heading about 20XX年工作打算/计划 is not a
 *       review heading);
 *   <li>"20XX年度" in the header;
 *   <li>a dated plan heading "20XX年工作打算/计划/安排/思路/重点": the report is about the year before
 *       ({@code year_from_plan});
 *   <li>the document-number year − 1 ({@code year_from_doc_number});
 *   <li>the publication date: its year − 1, or its year for a half-year report (上半年, 半年)
 *       ({@code year_from_publish_date}).
 * </ol>
 *
 * A 政府工作报告 is delivered in year N about year N−1: its "一、2025年工作回顾" heading gives the year, else the
 * delivery year − 1 ({@code year_from_delivery_date}). Dates of page furniture (a site clock, copyright lines)
 * are removed by the cleaner and never reach the publication date (see {@link Dates}).
 */
final class YearReader {

    private YearReader() {}

    static final String FLAG_YEAR_FROM_DOC_NUMBER = "year_from_doc_number";
    static final String FLAG_YEAR_FROM_PUBLISH_DATE = "year_from_publish_date";
    static final String FLAG_YEAR_FROM_DELIVERY_DATE = "year_from_delivery_date";
    static final String FLAG_YEAR_FROM_PLAN = "year_from_plan";

    private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");
    private static final Pattern OPENING_YEAR = Pattern.compile("^((?:19|20)\\d{2})年(?:度)?(?:[,，]|以来|来|上半年|全年)");
    private static final Pattern FORMULA =
            Pattern.compile("现[将就把]([^。:]{0,40}?)((?:19|20)\\d{2})年(?:度)?[^。:]{0,40}?(?:报告|汇报|总结|报告如下|情况如下)");
    private static final Pattern HEADER_ANNUAL = Pattern.compile("((?:19|20)\\d{2})年度");
    private static final Pattern REVIEW_HEADING = Pattern.compile(
            "^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）])?((?:19|20)\\d{2})年(?:度)?(?!工作(?:打算|计划|安排|思路|重点|目标|展望))"
                    + "[^。]{0,24}(?:情况|举措|成效|工作|做法|主要|推进|开展)");
    private static final Pattern PLAN_HEADING =
            Pattern.compile("^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）])?((?:19|20)\\d{2})年(?:度)?[^。]{0,12}?"
                    + "(?:工作)?(?:打算|计划|安排|思路|重点工作|工作重点|工作要点|展望|谋划)");
    private static final Pattern GWR_REVIEW_HEADING = Pattern.compile("((?:19|20)\\d{2})年[^。\\n]{0,12}?(?:工作回顾|主要工作)");
    private static final Pattern DELIVERY = Pattern.compile("((?:19|20)\\d{2})年\\d{1,2}月\\d{1,2}日在[^\\n]{0,30}?人民代表大会");
    private static final Pattern DOC_NUMBER_YEAR = Pattern.compile("〔(\\d{4})〕");
    private static final Pattern HALF_YEAR = Pattern.compile("上半年|半年|1-6月|1至6月|一至六月|前三季度|1-9月");

    static boolean isGovernmentWorkReport(Layout layout, TitleReader.Title title) {
        if (title.view() != null) {
            return title.view().contains("政府工作报告");
        }
        for (Line l : layout.bodyParagraphs(3)) {
            if (l.compact().contains("向大会报告")) {
                return true;
            }
        }
        return false;
    }

    static Integer read(
            Layout layout, TitleReader.Title title, String docNumber, String publishDate, Set<String> flags) {
        Integer titleYear = null;
        if (title.view() != null) {
            Matcher m = YEAR.matcher(title.view());
            if (m.find()) {
                titleYear = Integer.valueOf(m.group(1));
            }
        }
        if (isGovernmentWorkReport(layout, title)) {
            return governmentWorkReportYear(layout, titleYear, flags);
        }
        if (titleYear != null) {
            return titleYear;
        }
        for (Line l : layout.bodyParagraphs(4)) {
            Matcher m = FORMULA.matcher(l.compact());
            if (m.find()) {
                return Integer.valueOf(m.group(2));
            }
        }
        for (Line l : layout.bodyParagraphs(2)) {
            // The lead may open a later sentence of the opening paragraph.
            for (String sentence : l.compact().split("(?<=[" + Punctuation.SENTENCE_END + "])")) {
                Matcher m = OPENING_YEAR.matcher(sentence);
                if (m.find()) {
                    return Integer.valueOf(m.group(1));
                }
            }
        }
        Integer planYear = null;
        for (Line l : layout.lines) {
            String c = l.compact();
            if (c.length() > 40 || l.index() < layout.headerEnd) {
                continue;
            }
            Matcher p = PLAN_HEADING.matcher(c);
            if (p.find()) {
                if (planYear == null) {
                    planYear = Integer.valueOf(p.group(1));
                }
                continue;
            }
            Matcher m = REVIEW_HEADING.matcher(c);
            if (m.find()) {
                return Integer.valueOf(m.group(1));
            }
        }
        for (Line l : layout.headerLines()) {
            Matcher m = HEADER_ANNUAL.matcher(l.compact());
            if (m.find()) {
                return Integer.valueOf(m.group(1));
            }
        }
        if (planYear != null) {
            flags.add(FLAG_YEAR_FROM_PLAN);
            return planYear - 1;
        }
        if (docNumber != null) {
            Matcher m = DOC_NUMBER_YEAR.matcher(docNumber);
            if (m.find()) {
                flags.add(FLAG_YEAR_FROM_DOC_NUMBER);
                return Integer.parseInt(m.group(1)) - 1;
            }
        }
        if (publishDate != null) {
            flags.add(FLAG_YEAR_FROM_PUBLISH_DATE);
            int published = Integer.parseInt(publishDate.substring(0, 4));
            boolean halfYear =
                    (title.view() != null && HALF_YEAR.matcher(title.view()).find())
                            || layout.bodyParagraphs(2).stream()
                                    .anyMatch(l -> l.compact().contains("上半年工作"));
            return halfYear ? published : published - 1;
        }
        return null;
    }

    private static Integer governmentWorkReportYear(Layout layout, Integer titleYear, Set<String> flags) {
        for (Line l : layout.lines) {
            if (l.compact().length() > 40) {
                continue;
            }
            Matcher m = GWR_REVIEW_HEADING.matcher(l.compact());
            if (m.find()) {
                return Integer.valueOf(m.group(1));
            }
        }
        Integer delivered = titleYear;
        if (delivered == null) {
            Matcher m = DELIVERY.matcher(layout.view);
            if (m.find()) {
                delivered = Integer.valueOf(m.group(1));
            }
        }
        if (delivered != null) {
            flags.add(FLAG_YEAR_FROM_DELIVERY_DATE);
            return delivered - 1;
        }
        return null;
    }
}
