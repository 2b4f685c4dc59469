package govlens.lib.meta;

import govlens.lib.meta.Layout.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the report's own title in the header zone and the issuer it names.
 *
 * <p>The title is the first header line (joined with up to two short following lines when broken: "政府工作报" /
 * "告", "关于…" / "…的报告") that names a report or summary (报告, 总结) and is not a metadata, caption or
 * breadcrumb line. Its issuer is either the body named before 关于 or before the year ("临沂市司法局2022年度…"), or
 * the government lines standing directly above a "关于…的报告" line in red-header documents. Both are returned
 * as written (traditional characters stay) with whitespace removed, joint issuers separated by one space.
 */
final class TitleReader {

    private TitleReader() {}

    /**
     * @param text the title as written, or null when there is none
     * @param view the same in simplified characters
     * @param lines indexes of the lines it was read from
     * @param issuer the issuer it names as written, or null
     * @param issuerView the issuer in simplified characters
     */
    record Title(String text, String view, List<Integer> lines, String issuer, String issuerView, int gluedEnd) {
        static final Title NONE = new Title(null, null, List.of(), null, null, -1);

        /** True when offset {@code pos} of the text lies in the title. */
        boolean covers(Layout layout, int pos) {
            Line l = layout.lineAt(pos);
            return lines.contains(l.index()) && (gluedEnd < 0 || pos < gluedEnd);
        }
    }

    /**
     * A title run together with the first sentence ("…情况的报告2023年,省政府坚持…"), as PDF or page-text
     * conversion leaves it: a prefix without sentence punctuation ending in 报告 or 总结 (not 报告如下).
     */
    private static final Pattern GLUED =
            Pattern.compile("^([^,，。:：;；!！?？《》]{4,80}?(?:的报告|情况报告|工作报告|年度报告|建设报告|工作总结))(?!如下)(?=\\d{4}年|[\\p{IsHan}])");

    private static boolean candidate(String c) {
        return c.length() <= 80
                && !c.contains("。")
                && !c.startsWith("——")
                && !c.startsWith("(")
                && !c.startsWith("（")
                && !c.contains("记者")
                && !c.contains("来源")
                && !c.contains("解读")
                && !c.endsWith("摄")
                && !c.contains(":")
                && !c.contains("：")
                && !c.contains(">")
                && !c.contains("】")
                && !c.contains("【")
                && !c.contains("|")
                && !c.startsWith("《");
    }

    private static boolean namesReport(String c) {
        return c.contains("报告") || c.contains("总结");
    }

    /** A crawled page's labelled title line: 标题: …, 题目：…, 信息名称: … */
    private static final Pattern LABELLED = Pattern.compile("^(?:标题|题目|文章标题|信息名称|名称)[:：]");

    static Title read(Layout layout) {
        Title labelled = labelled(layout);
        if (labelled != null) {
            return labelled;
        }
        return unlabelled(layout);
    }

    /**
     * The title of a page saved with its labelled metadata (标题: … / 发布时间: … / 发布机构: …): the label's value
     * when it names a report. Without an issuer of its own (标题: 关于2023年…的报告) it takes the one the body names
     * when the body opens with the same title (寿光市人民政府关于2023年…的报告 潍坊市人民政府：…).
     */
    private static Title labelled(Layout layout) {
        for (Line l : layout.headerLines()) {
            Matcher m = LABELLED.matcher(l.compact());
            if (!m.find()) {
                continue;
            }
            String view = l.compact().substring(m.end());
            if (view.isEmpty() || !namesReport(view) || view.length() > 80) {
                return null;
            }
            String r = l.raw().strip();
            int labelEnd = Math.max(r.indexOf(':'), r.indexOf('：')) + 1;
            String raw = r.substring(labelEnd).replaceAll("\\s", "");
            String[] named = namedIssuer(view, raw);
            String issuerRaw = named == null ? null : named[0];
            String issuerView = named == null ? null : named[1];
            if (named == null) {
                // The body opens with the same title, its issuer in front (a flattened page keeps it on one line,
                // sometimes glued to the last metadata field: 原文链接：http://…html寿光市人民政府关于…).
                Line b = l;
                for (int k = 0; k < 8 && (b = layout.nextNonBlank(b.index() + 1)) != null; k++) {
                    int at = b.compact().indexOf(view);
                    if (at < 0) {
                        continue;
                    }
                    int from = at;
                    while (from > 0 && Character.isIdeographic(b.compact().charAt(from - 1)) && at - from < 30) {
                        from--;
                    }
                    String before = b.compact().substring(from, at);
                    if (!before.isEmpty() && Bodies.ANY_END.matcher(before).find()) {
                        issuerView = Bodies.joinOrgs(before);
                        issuerRaw = issuerView;
                    }
                    break;
                }
            }
            return new Title(raw, view, List.of(l.index()), issuerRaw, issuerView, -1);
        }
        return null;
    }

    private static Title unlabelled(Layout layout) {
        List<Line> header = layout.headerLines();
        for (Line l : header) {
            if (l.blank() || !candidate(l.compact())) {
                continue;
            }
            List<Integer> used = new ArrayList<>(List.of(l.index()));
            String c = l.compact();
            String r = l.raw();
            Line cur = l;
            for (int j = 0; j < 2 && !namesReport(c); j++) {
                Line nx = layout.nextNonBlank(cur.index() + 1);
                if (nx == null || nx.index() >= layout.headerEnd || !candidate(nx.compact())) {
                    break;
                }
                if (!c.contains("关于") && !(c.endsWith("报") && nx.compact().startsWith("告"))) {
                    break;
                }
                c = c + nx.compact();
                r = r + nx.raw();
                used.add(nx.index());
                cur = nx;
            }
            if (!namesReport(c)) {
                continue;
            }
            String issuerView = null;
            String issuerRaw = null;
            String restView = c;
            String restRaw = r;
            if (c.startsWith("关于")) {
                // Issuers stand on their own line(s) above "关于…的报告" in red-header documents.
                StringBuilder ov = new StringBuilder();
                StringBuilder or = new StringBuilder();
                int n = 0;
                Line p = layout.prevNonBlank(l.index() - 1);
                while (p != null
                        && n < 3
                        && Bodies.GOV_LINE.matcher(p.compact()).matches()) {
                    ov.insert(0, p.compact());
                    or.insert(0, p.raw());
                    used.add(0, p.index());
                    n++;
                    p = layout.prevNonBlank(p.index() - 1);
                }
                if (n > 0) {
                    issuerView = Bodies.joinOrgs(ov.toString());
                    issuerRaw = Bodies.joinOrgsAsWritten(ov.toString(), or.toString());
                }
            } else {
                String[] named = namedIssuer(c, r);
                if (named != null) {
                    issuerRaw = named[0];
                    issuerView = named[1];
                    int prefix = c.indexOf("关于") > 0
                            ? c.indexOf("关于")
                            : leadingIssuer(c).length();
                    restView = c.substring(prefix);
                    restRaw = r.substring(prefix);
                }
            }
            String titleView = issuerView == null ? restView : issuerView + restView;
            String titleRaw = issuerRaw == null ? restRaw : issuerRaw + restRaw;
            return new Title(titleRaw, titleView, List.copyOf(used), issuerRaw, issuerView, -1);
        }
        return glued(layout);
    }

    private static Title glued(Layout layout) {
        List<Line> body = layout.bodyParagraphs(1);
        if (body.isEmpty()) {
            return Title.NONE;
        }
        Line l = body.get(0);
        Matcher m = GLUED.matcher(l.compact());
        if (!m.find()) {
            return Title.NONE;
        }
        String view = m.group(1);
        if (!view.contains("关于") && !view.matches(".*\\d{4}年.*")) {
            return Title.NONE; // "严格落实年度报告制度…" is a sentence, not a title
        }
        String raw = l.raw().substring(0, view.length());
        String[] named = namedIssuer(view, raw);
        String issuerRaw = named == null ? null : named[0];
        String issuerView = named == null ? null : named[1];
        // The compact form dropped whitespace: find where the title ends in the text itself.
        int end = l.start();
        for (int k = 0; end < l.end() && k < view.length(); end++) {
            if (!Character.isWhitespace(layout.view.charAt(end))) {
                k++;
            }
        }
        return new Title(raw, view, List.of(l.index()), issuerRaw, issuerView, end);
    }

    /**
     * The issuer a title names before 关于 or before its year ("临沂市司法局2022年度…"): {as written, simplified}, or
     * null. {@code view} is the compact title, {@code raw} the same characters as written.
     */
    private static String[] namedIssuer(String view, String raw) {
        int about = view.indexOf("关于");
        String prefix = about > 0 ? view.substring(0, about) : leadingIssuer(view);
        if (prefix == null || !Bodies.ANY_END.matcher(prefix).find()) {
            return null;
        }
        return new String[] {
            Bodies.joinOrgsAsWritten(prefix, raw.substring(0, prefix.length())), Bodies.joinOrgs(prefix)
        };
    }

    /** "沭阳县人民政府2025年…" → "沭阳县人民政府": a body's name directly followed by the year or subject. */
    private static String leadingIssuer(String c) {
        Matcher m = Bodies.LEADING_ISSUER.matcher(c);
        return m.find() ? m.group(1) : null;
    }
}
