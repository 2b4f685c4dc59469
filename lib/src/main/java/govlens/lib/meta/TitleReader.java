package govlens.lib.meta;

import govlens.lib.meta.Layout.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

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
  record Title(String text, String view, List<Integer> lines, String issuer, String issuerView) {
    static final Title NONE = new Title(null, null, List.of(), null, null);
  }

  private static boolean candidate(String c) {
    return c.length() <= 80 && !c.contains("。") && !c.startsWith("——") && !c.startsWith("(")
        && !c.startsWith("（") && !c.contains("记者") && !c.contains("来源") && !c.contains("解读")
        && !c.endsWith("摄") && !c.contains(":") && !c.contains("：") && !c.contains(">") && !c.contains("】")
        && !c.contains("【") && !c.contains("|") && !c.startsWith("《");
  }

  private static boolean namesReport(String c) {
    return c.contains("报告") || c.contains("总结");
  }

  static Title read(Layout layout) {
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
        while (p != null && n < 3 && Bodies.GOV_LINE.matcher(p.compact()).matches()) {
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
        int about = c.indexOf("关于");
        String prefix = about > 0 ? c.substring(0, about) : leadingIssuer(c);
        if (prefix != null && Bodies.ANY_END.matcher(prefix).find()) {
          issuerView = Bodies.joinOrgs(prefix);
          issuerRaw = Bodies.joinOrgsAsWritten(prefix, r.substring(0, prefix.length()));
          restView = c.substring(prefix.length());
          restRaw = r.substring(prefix.length());
        }
      }
      String titleView = issuerView == null ? restView : issuerView + restView;
      String titleRaw = issuerRaw == null ? restRaw : issuerRaw + restRaw;
      return new Title(titleRaw, titleView, List.copyOf(used), issuerRaw, issuerView);
    }
    return Title.NONE;
  }

  /** "沭阳县人民政府2025年…" → "沭阳县人民政府": a body's name directly followed by the year or subject. */
  private static String leadingIssuer(String c) {
    Matcher m = Bodies.LEADING_ISSUER.matcher(c);
    return m.find() ? m.group(1) : null;
  }
}
