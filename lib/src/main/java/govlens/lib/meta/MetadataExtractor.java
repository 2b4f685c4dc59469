package govlens.lib.meta;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts {@link DocumentMetadata} from the cleaned text of a report (never from its file name).
 *
 * <p>The text is split into a <b>header zone</b> — the lines before the addressee ("市委:", "各位代表:") or the
 * first body paragraph — and the body. Own-document facts (title, document number, signer, issuing body) are
 * read from the header zone only, so a number or body cited in the narrative (国办公开办函〔2021〕30号) is never
 * taken as the document's own.
 *
 * <p><b>Region</b>: the government the report is by. Place mentions ({@link RegionMatcher}) are weighted by
 * where they stand: the "…文件" header line and the title (10), the opening sentence "2024年,临汾市…", "我代表
 * 北京市人民政府", "在广东省第十四届人民代表大会", "广东省省长" (6), the signature block at the end (4), other header
 * lines (1); body mentions only serve to disambiguate shared names. The addressee line is ignored (a county
 * reports TO 中共吕梁市委). Inside one anchor line a division's own province or prefecture is a qualifier and is
 * dropped ("山西省临汾市人民政府" → 临汾市). The best-scoring division wins; a tie or an unresolvable shared name
 * gives null and {@code ambiguous_region}. Reports of the State Council (我代表国务院) get null region and the
 * flag {@code national}: our levels stop at province.
 *
 * <p><b>Year</b> is the year reported on: the year in the title (关于2023年度…的报告), else the opening "2024年,",
 * else "YYYY年度" in the header, else the document-number year − 1 ({@code year_from_doc_number}), else the
 * publication-date year − 1 ({@code year_from_publish_date}). A 政府工作报告 is delivered in year N about year
 * N−1, so its title year is NOT the reported year: we take the year of its "一、2025年工作回顾" heading, else the
 * delivery year − 1 ({@code year_from_delivery_date}). (The external corpus index lists the delivery year.)
 *
 * <p><b>Publish date</b>: a "时间:"/"YYYY-MM-DD 来源" header line, else "…印发", else a "(2026年1月23日)" line in
 * the header, else a date-only line at the end; a GWR's "——2026年1月25日在…会议上" is the delivery date, not
 * the publication, and is not used.
 *
 * <p>Quality flags: {@code no_title}, {@code no_region}, {@code ambiguous_region}, {@code national},
 * {@code no_year}, {@code year_from_doc_number}, {@code year_from_publish_date}, {@code year_from_delivery_date}.
 * Document number, signer and date are often legitimately absent and are not flagged.
 *
 * <p>Stateless and thread-safe; the gazetteer and automaton load once per JVM on first use.
 */
public final class MetadataExtractor {

  public static final String FLAG_NO_TITLE = "no_title";
  public static final String FLAG_NO_REGION = "no_region";
  public static final String FLAG_AMBIGUOUS_REGION = "ambiguous_region";
  public static final String FLAG_NATIONAL = "national";
  public static final String FLAG_NO_YEAR = "no_year";
  public static final String FLAG_YEAR_FROM_DOC_NUMBER = "year_from_doc_number";
  public static final String FLAG_YEAR_FROM_PUBLISH_DATE = "year_from_publish_date";
  public static final String FLAG_YEAR_FROM_DELIVERY_DATE = "year_from_delivery_date";

  private static final int W_STRONG = 10;
  private static final int W_CONTEXT = 6;
  private static final int W_SIGNATURE = 4;
  private static final int W_HEADER = 1;

  /** Without an addressee or body paragraph in sight, this many lines count as the header. */
  private static final int MAX_HEADER_LINES = 40;

  private static final String ORG_SUFFIX = "(?:人民政府|县委|市委|省委|区委|州委|旗委|党委|委员会|政府)";
  private static final Pattern ORG_LINE = Pattern.compile("^(?:中共|中国共产党)?[\\p{IsHan}]{2,40}" + ORG_SUFFIX + "$");
  private static final Pattern ORG_END = Pattern.compile(ORG_SUFFIX + "$");
  private static final Pattern ADDRESSEE_KEY = Pattern.compile("委|政府|代表|同志|领导|局|办|厅|部门|院|单位|会");
  private static final Pattern DOC_NUMBER = Pattern.compile(
      "([\\p{IsHan}]{1,12})\\s*[〔\\[［(（【]\\s*((?:19|20)\\d{2})\\s*[〕\\]］)）】]\\s*(\\d{1,5})\\s*号");
  private static final Pattern SIGNER = Pattern.compile("签发人\\s*[:：]\\s*([^\\n]*)");
  private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");
  private static final Pattern OPENING_YEAR = Pattern.compile("^((?:19|20)\\d{2})年(?:度)?[,，]");
  private static final Pattern HEADER_ANNUAL = Pattern.compile("((?:19|20)\\d{2})年度");
  private static final Pattern REVIEW_HEADING =
      Pattern.compile("((?:19|20)\\d{2})年[^。\\n]{0,12}?(?:工作回顾|主要工作)");
  private static final Pattern DELIVERY =
      Pattern.compile("((?:19|20)\\d{2})年\\d{1,2}月\\d{1,2}日在[^\\n]{0,30}?人民代表大会");
  private static final Pattern ISO_DATE = Pattern.compile("((?:19|20)\\d{2})[-/.](\\d{1,2})[-/.](\\d{1,2})");
  private static final Pattern CN_DATE = Pattern.compile("((?:19|20)\\d{2})年(\\d{1,2})月(\\d{1,2})日");
  private static final Pattern HANZI_DATE =
      Pattern.compile("([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,4})日");
  private static final Pattern TIME_LABEL = Pattern.compile(
      "(?:发布|发表|成文|印发)?(?:时间|日期)\\s*[:：]\\s*((?:19|20)\\d{2}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2})");
  private static final Pattern DATE_LEAD_LINE = Pattern.compile(
      "^((?:19|20)\\d{2}[-/.年]\\d{1,2}[-/.月]\\d{1,2}日?)(?:\\d{1,2}[:时]\\d{1,2}(?:[:分]\\d{0,2}秒?)?)?(?:来源.*)?$");
  private static final Pattern PAREN_DATE_LINE = Pattern.compile("^[(（]([^()（）]{6,16})[)）]$");
  private static final Pattern PRINTED = Pattern.compile("(\\S{8,16}?日)\\s*印发");
  private static final Pattern DELEGATE =
      Pattern.compile("我代表([\\p{IsHan}]{0,12}?)人民政府|我代表国务院");
  private static final Pattern SOURCE =
      Pattern.compile("(?:发文机关|发布机构|发文单位|来源)\\s*[:：]\\s*([\\p{IsHan}]{4,30})");
  private static final Pattern LEADING_ORG = Pattern.compile("^([\\p{IsHan}]{2,30}?" + ORG_SUFFIX + ")(?=\\d)");
  private static final Pattern ORG_SUFFIX_ANYWHERE = Pattern.compile(ORG_SUFFIX);
  private static final Pattern NAME_HEAD = Pattern.compile("^[\\p{IsHan}·]{2,5}");
  private static final Pattern DOC_NUMBER_YEAR = Pattern.compile("〔(\\d{4})〕");
  private static final Pattern CONGRESS_AFTER = Pattern.compile("^\\s*(?:第)?[一二三四五六七八九十]{1,3}届");
  private static final Pattern LEADER_AFTER =
      Pattern.compile("^(?:人民政府)?(?:省长|市长|县长|区长|州长|旗长|主席)");

  private MetadataExtractor() {}

  /** Extracts the metadata of one cleaned report; never throws on odd input (null/blank gives all-null). */
  public static DocumentMetadata extract(String cleanedText) {
    return new Run(cleanedText == null ? "" : cleanedText, RegionMatcher.get()).extract();
  }

  /** One line of the document with its analysis form (markdown markers and zero-width chars removed). */
  private record Line(int index, int start, int end, String norm, String compact) {
    boolean blank() {
      return compact.isEmpty();
    }
  }

  private record RegionDecision(Region region, String province) {}

  /** Mutable state of one extraction; confined to one call. */
  private static final class Run {
    final String text;
    final RegionMatcher matcher;
    final List<Line> lines = new ArrayList<>();
    final Set<String> flags = new LinkedHashSet<>();
    int headerEnd; // index of the first non-header line
    int addresseeLine = -1;
    List<Integer> titleLines = List.of();
    String title;
    String titleIssuer;
    String fileHeaderIssuer;
    int fileHeaderLine = -1;
    List<RegionMention> mentions;

    Run(String text, RegionMatcher matcher) {
      this.text = text;
      this.matcher = matcher;
      int pos = 0;
      int i = 0;
      while (pos <= text.length()) {
        int nl = text.indexOf('\n', pos);
        int end = nl < 0 ? text.length() : nl;
        String norm = text.substring(pos, end).replaceAll("[\\u200B\\uFEFF]", "")
            .replaceFirst("^\\s*#+\\s*", "").replace("**", "").strip();
        lines.add(new Line(i++, pos, end, norm, norm.replaceAll("\\s+", "")));
        if (nl < 0) break;
        pos = nl + 1;
      }
    }

    DocumentMetadata extract() {
      findHeaderEnd();
      findTitle();
      findFileHeader();
      mentions = matcher.findAll(text);
      String docNumber = docNumber();
      String signer = signer();
      String publishDate = publishDate();
      boolean national = isNational();
      Region region = null;
      String province = null;
      if (national) {
        flags.add(FLAG_NATIONAL);
      } else {
        RegionDecision d = region();
        region = d.region();
        province = region != null ? region.province() : d.province();
      }
      Integer year = year(docNumber, publishDate);
      String issuer = issuer(region, national);
      if (title == null) flags.add(FLAG_NO_TITLE);
      if (region == null && !national && !flags.contains(FLAG_AMBIGUOUS_REGION)) flags.add(FLAG_NO_REGION);
      if (year == null) flags.add(FLAG_NO_YEAR);
      return new DocumentMetadata(title,
          region == null ? null : region.name(),
          region == null ? null : region.code(),
          region == null ? null : region.level(),
          province, year, docNumber, issuer, signer, publishDate, List.copyOf(flags));
    }

    // ---------------------------------------------------------------- layout

    private void findHeaderEnd() {
      headerEnd = -1;
      for (Line l : lines) {
        if (l.index() >= MAX_HEADER_LINES * 2) break;
        if (isAddressee(l.compact())) {
          headerEnd = l.index();
          addresseeLine = l.index();
          return;
        }
        if (isBodyParagraph(l.compact())) {
          headerEnd = l.index();
          return;
        }
      }
      headerEnd = Math.min(lines.size(), MAX_HEADER_LINES);
    }

    private static boolean isAddressee(String c) {
      if (c.length() < 2 || c.length() > 40) return false;
      char last = c.charAt(c.length() - 1);
      if (last != ':' && last != '：') return false;
      String head = c.substring(0, c.length() - 1);
      return ADDRESSEE_KEY.matcher(head).find() && !head.matches(".*\\d.*") && !head.contains("来源");
    }

    private static boolean isBodyParagraph(String c) {
      if (c.length() < 50) return false;
      return c.contains("。") || c.chars().filter(ch -> ch == ',' || ch == '，').count() >= 2;
    }

    private List<Line> headerLines() {
      return lines.subList(0, Math.max(0, headerEnd));
    }

    private Line nextNonBlank(int from) {
      for (int i = from; i < lines.size(); i++) if (!lines.get(i).blank()) return lines.get(i);
      return null;
    }

    private Line prevNonBlank(int from) {
      for (int i = from; i >= 0; i--) if (!lines.get(i).blank()) return lines.get(i);
      return null;
    }

    /** First few body paragraphs (non-blank lines after the header, addressee excluded). */
    private List<Line> bodyParagraphs(int n) {
      List<Line> out = new ArrayList<>();
      for (int i = Math.max(0, headerEnd); i < lines.size() && out.size() < n; i++) {
        Line l = lines.get(i);
        if (l.compact().length() >= 8 && !isAddressee(l.compact())) out.add(l);
      }
      return out;
    }

    // ---------------------------------------------------------------- title, issuer

    private static boolean titleCandidate(String c) {
      return c.length() <= 80 && !c.contains("。") && !c.startsWith("——") && !c.startsWith("(")
          && !c.startsWith("（") && !c.contains("记者") && !c.contains("来源") && !c.contains("解读")
          && !c.endsWith("摄") && !c.contains(":") && !c.contains("：") && !c.contains(">") && !c.contains("】")
          && !c.contains("【") && !c.contains("|");
    }

    private void findTitle() {
      List<Line> header = headerLines();
      for (int k = 0; k < header.size(); k++) {
        Line l = header.get(k);
        if (l.blank() || !titleCandidate(l.compact())) continue;
        List<Integer> used = new ArrayList<>(List.of(l.index()));
        String c = l.compact();
        // A title broken over lines ("政府工作报" / "告", "…建设" / "情况的报告"): join up to two short followers.
        Line cur = l;
        for (int j = 0; j < 2 && !c.contains("报告"); j++) {
          Line nx = nextNonBlank(cur.index() + 1);
          if (nx == null || nx.index() >= headerEnd || !titleCandidate(nx.compact())) break;
          if (!c.contains("关于") && !(c.endsWith("报") && nx.compact().startsWith("告"))) break;
          c = c + nx.compact();
          used.add(nx.index());
          cur = nx;
        }
        if (!c.contains("报告")) continue;
        String issuerPart = null;
        String rest = c;
        if (c.startsWith("关于")) {
          // Issuers stand on their own line(s) above "关于…的报告" in red-header documents.
          List<String> orgs = new ArrayList<>();
          Line p = prevNonBlank(l.index() - 1);
          while (p != null && orgs.size() < 3 && ORG_LINE.matcher(p.compact()).matches()) {
            orgs.add(0, p.compact());
            used.add(0, p.index());
            p = prevNonBlank(p.index() - 1);
          }
          if (!orgs.isEmpty()) issuerPart = joinOrgs(String.join("", orgs));
        } else {
          int about = c.indexOf("关于");
          String prefix = about > 0 ? c.substring(0, about) : leadingOrg(c);
          if (prefix != null && ORG_END.matcher(prefix).find()) {
            issuerPart = joinOrgs(prefix);
            rest = c.substring(prefix.length());
          }
        }
        titleLines = used;
        titleIssuer = issuerPart;
        title = issuerPart == null ? rest : issuerPart + rest;
        return;
      }
    }

    /** "沐阳县人民政府2025年政府信息…" → "沐阳县人民政府": an org name directly followed by the year. */
    private static String leadingOrg(String c) {
      Matcher m = LEADING_ORG.matcher(c);
      return m.find() ? m.group(1) : null;
    }

    /**
     * Splits run-together joint issuers ("中共岚县县委岚县人民政府") and joins them with one space. A split point
     * must end an org suffix and leave a remainder that is itself an org name, so 人民政府办公室 or 中共临汾市委员会
     * stay whole.
     */
    static String joinOrgs(String compact) {
      List<String> parts = new ArrayList<>();
      String s = compact;
      outer:
      while (true) {
        Matcher m = ORG_SUFFIX_ANYWHERE.matcher(s);
        while (m.find()) {
          String rem = s.substring(m.end());
          if (rem.length() >= 4 && ORG_END.matcher(rem).find() && !rem.startsWith("办公")) {
            parts.add(s.substring(0, m.end()));
            s = rem;
            continue outer;
          }
        }
        parts.add(s);
        return String.join(" ", parts);
      }
    }

    private void findFileHeader() {
      for (Line l : headerLines()) {
        String c = l.compact();
        if (c.endsWith("文件") && c.length() > 4 && c.length() <= 30 && ORG_END.matcher(c.substring(0, c.length() - 2)).find()) {
          fileHeaderIssuer = joinOrgs(c.substring(0, c.length() - 2));
          fileHeaderLine = l.index();
          return;
        }
      }
    }

    private String issuer(Region region, boolean national) {
      if (titleIssuer != null) return titleIssuer;
      if (fileHeaderIssuer != null) return fileHeaderIssuer;
      for (Line l : bodyParagraphs(3)) {
        Matcher m = DELEGATE.matcher(l.compact());
        if (m.find()) {
          if (m.group(1) == null) return "国务院";
          String who = m.group(1);
          boolean bare = who.isEmpty() || who.equals("省") || who.equals("市") || who.equals("自治区")
              || who.equals("县") || who.equals("区");
          if (!bare) return who + "人民政府";
          if (region != null) return region.name() + "人民政府";
        }
      }
      if (national) return "国务院";
      Line sig = signatureLine();
      if (sig != null) return joinOrgs(sig.compact());
      for (Line l : headerLines()) {
        Matcher m = SOURCE.matcher(l.compact());
        if (m.find() && ORG_END.matcher(m.group(1)).find()) return m.group(1);
      }
      return null;
    }

    /** The issuing org line of the closing block: an org name followed by a date line that is not "…印发". */
    private Line signatureLine() {
      int seen = 0;
      for (int i = lines.size() - 1; i > headerEnd && seen < 12; i--) {
        Line l = lines.get(i);
        if (l.blank()) continue;
        seen++;
        if (!ORG_LINE.matcher(l.compact()).matches() || l.compact().length() > 30) continue;
        Line nx = nextNonBlank(i + 1);
        if (nx != null && parseDate(nx.compact(), true) != null && !nx.compact().contains("印发")) return l;
      }
      return null;
    }

    // ---------------------------------------------------------------- doc number, signer, dates

    private String docNumber() {
      for (Line l : headerLines()) {
        String c = l.compact();
        // A labelled web metadata row (文号:) may be long; otherwise the number stands (nearly) alone on its line.
        if ((c.length() > 40 && !c.contains("文号")) || c.contains("《") || c.contains("。")) continue;
        Matcher m = DOC_NUMBER.matcher(c);
        if (m.find()) return m.group(1) + "〔" + m.group(2) + "〕" + m.group(3) + "号";
      }
      return null;
    }

    private String signer() {
      for (Line l : headerLines()) {
        Matcher m = SIGNER.matcher(l.norm());
        if (m.find()) {
          Matcher n = NAME_HEAD.matcher(m.group(1).replaceAll("\\s+", ""));
          if (n.find()) return n.group();
        }
      }
      return null;
    }

    private String publishDate() {
      // Labelled web date ("时间:" may be on the line before the value) or "2022-02-14 来源: …".
      StringBuilder head = new StringBuilder();
      for (Line l : headerLines()) head.append(l.compact()).append('\n');
      Matcher tm = TIME_LABEL.matcher(head.toString().replace(":\n", ":").replace("：\n", ":"));
      if (tm.find()) {
        String d = parseDate(tm.group(1).replaceAll("\\s", ""), false);
        if (d != null) return d;
      }
      for (Line l : headerLines()) {
        Matcher m = DATE_LEAD_LINE.matcher(l.compact());
        if (m.matches()) {
          String d = parseDate(m.group(1), false);
          if (d != null) return d;
        }
      }
      Matcher pm = PRINTED.matcher(text);
      String printed = null;
      while (pm.find()) printed = parseDate(pm.group(1), false); // the imprint is the last one
      if (printed != null) return printed;
      for (Line l : headerLines()) {
        Matcher m = PAREN_DATE_LINE.matcher(l.compact());
        if (m.matches()) {
          String d = parseDate(m.group(1), true);
          if (d != null) return d;
        }
      }
      int seen = 0;
      for (int i = lines.size() - 1; i >= Math.max(0, headerEnd) && seen < 6; i--) {
        Line l = lines.get(i);
        if (l.blank()) continue;
        seen++;
        String d = parseDate(l.compact(), true);
        if (d != null) return d;
      }
      return null;
    }

    /**
     * ISO date of {@code s}; with {@code whole} the string must be nothing but the date (a standalone date
     * line), otherwise the first date found is taken. Invalid calendar dates give null.
     */
    static String parseDate(String s, boolean whole) {
      Matcher[] ms = {ISO_DATE.matcher(s), CN_DATE.matcher(s), HANZI_DATE.matcher(s)};
      for (int k = 0; k < ms.length; k++) {
        Matcher m = ms[k];
        if (whole ? !m.matches() : !m.find()) continue;
        try {
          int y = k == 2 ? hanziDigits(m.group(1)) : Integer.parseInt(m.group(1));
          int mo = k == 2 ? hanziNumber(m.group(2)) : Integer.parseInt(m.group(2));
          int d = k == 2 ? hanziNumber(m.group(3)) : Integer.parseInt(m.group(3));
          return LocalDate.of(y, mo, d).toString();
        } catch (DateTimeException | IllegalArgumentException e) {
          return null;
        }
      }
      return null;
    }

    private static final String HANZI = "〇一二三四五六七八九";

    private static int hanziDigits(String s) {
      int v = 0;
      for (char c : s.toCharArray()) {
        int d = c == '零' || c == '○' ? 0 : HANZI.indexOf(c);
        if (d < 0) throw new IllegalArgumentException(s);
        v = v * 10 + d;
      }
      return v;
    }

    /** 一 … 三十一. */
    private static int hanziNumber(String s) {
      int ten = s.indexOf('十');
      if (ten < 0) return hanziDigits(s);
      int tens = ten == 0 ? 1 : hanziDigits(s.substring(0, ten));
      int ones = ten == s.length() - 1 ? 0 : hanziDigits(s.substring(ten + 1));
      return tens * 10 + ones;
    }

    // ---------------------------------------------------------------- year

    private boolean isGovernmentWorkReport() {
      if (title != null) return title.contains("政府工作报告");
      for (Line l : bodyParagraphs(3)) if (l.compact().contains("向大会报告")) return true;
      return false;
    }

    private Integer year(String docNumber, String publishDate) {
      Integer titleYear = null;
      if (title != null) {
        Matcher m = YEAR.matcher(title);
        if (m.find()) titleYear = Integer.valueOf(m.group(1));
      }
      if (isGovernmentWorkReport()) {
        for (Line l : lines) {
          if (l.compact().length() > 40) continue;
          Matcher m = REVIEW_HEADING.matcher(l.compact());
          if (m.find()) return Integer.valueOf(m.group(1));
        }
        Integer delivered = titleYear;
        if (delivered == null) {
          Matcher m = DELIVERY.matcher(text);
          if (m.find()) delivered = Integer.valueOf(m.group(1));
        }
        if (delivered != null) {
          flags.add(FLAG_YEAR_FROM_DELIVERY_DATE);
          return delivered - 1;
        }
        return null;
      }
      if (titleYear != null) return titleYear;
      List<Line> body = bodyParagraphs(1);
      if (!body.isEmpty()) {
        Matcher m = OPENING_YEAR.matcher(body.get(0).compact());
        if (m.find()) return Integer.valueOf(m.group(1));
      }
      for (Line l : headerLines()) {
        Matcher m = HEADER_ANNUAL.matcher(l.compact());
        if (m.find()) return Integer.valueOf(m.group(1));
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
        return Integer.parseInt(publishDate.substring(0, 4)) - 1;
      }
      return null;
    }

    // ---------------------------------------------------------------- region

    private boolean isNational() {
      for (Line l : bodyParagraphs(3)) if (l.compact().contains("我代表国务院")) return true;
      for (Line l : headerLines()) if (l.compact().contains("国务院总理")) return true;
      return false;
    }

    /**
     * The winning region, or only the province when a shared name leaves the division but not the province open,
     * or nothing. Sets {@link #FLAG_AMBIGUOUS_REGION} when a tie or a shared name prevents a decision.
     */
    private RegionDecision region() {
      Map<Integer, Integer> lineWeight = new HashMap<>();
      for (Line l : headerLines()) if (!l.blank()) lineWeight.put(l.index(), W_HEADER);
      for (int i : titleLines) lineWeight.put(i, W_STRONG);
      if (fileHeaderLine >= 0) lineWeight.put(fileHeaderLine, W_STRONG);
      if (addresseeLine >= 0) lineWeight.remove(addresseeLine);
      Line sig = signatureLine();
      if (sig != null) lineWeight.put(sig.index(), W_SIGNATURE);

      // Group mentions by line, weight each by its line's role or its own local context.
      Map<Integer, List<RegionMention>> byLine = new LinkedHashMap<>();
      Map<RegionMention, Integer> weight = new HashMap<>();
      List<Line> body = bodyParagraphs(3);
      Line opening = body.isEmpty() ? null : body.get(0);
      int contextLimit = body.isEmpty() ? 0 : body.get(body.size() - 1).end();
      int li = 0;
      for (RegionMention m : mentions) {
        while (li < lines.size() - 1 && lines.get(li).end() < m.start()) li++;
        Line l = lines.get(li);
        if (l.index() == addresseeLine) continue;
        int w = lineWeight.getOrDefault(l.index(), 0);
        if (m.start() < contextLimit || l.index() < headerEnd) {
          String after = text.substring(m.end(), Math.min(text.length(), m.end() + 12));
          String before = text.substring(Math.max(0, m.start() - 3), m.start());
          if (CONGRESS_AFTER.matcher(after).find() || LEADER_AFTER.matcher(after).find()
              || (before.endsWith("代表") && after.startsWith("人民政府"))) {
            w = Math.max(w, W_CONTEXT);
          }
        }
        if (opening != null && l.index() == opening.index()) {
          String raw = text.substring(l.start(), l.end());
          int lead = raw.length() - raw.stripLeading().length();
          Matcher om = OPENING_YEAR.matcher(raw.substring(lead));
          if (om.find()) {
            int subjectStart = l.start() + lead + om.end();
            String between = text.substring(Math.min(subjectStart, m.start()), m.start()).strip();
            if (m.start() >= subjectStart && (between.isEmpty() || between.equals("中共"))) {
              w = Math.max(w, W_CONTEXT);
            }
          }
        }
        if (w <= 0) continue;
        weight.put(m, w);
        byLine.computeIfAbsent(l.index(), k -> new ArrayList<>()).add(m);
      }

      Map<String, Integer> score = new LinkedHashMap<>();
      int ambiguousWeight = 0;
      Set<String> ambiguousProvinces = new LinkedHashSet<>();
      for (List<RegionMention> group : byLine.values()) {
        List<Region> resolved = new ArrayList<>();
        for (RegionMention m : group) resolved.add(matcher.resolve(m, mentions));
        for (int k = 0; k < group.size(); k++) {
          Region r = resolved.get(k);
          int w = weight.get(group.get(k));
          if (r == null) {
            ambiguousWeight = Math.max(ambiguousWeight, w);
            group.get(k).candidates().forEach(c -> ambiguousProvinces.add(c.province()));
            continue;
          }
          boolean qualifier = false;
          for (Region o : resolved) qualifier |= o != null && o.isWithin(r);
          if (!qualifier) score.merge(r.code(), w, Integer::sum);
        }
      }
      String best = null;
      int bestScore = 0;
      boolean tie = false;
      for (Map.Entry<String, Integer> e : score.entrySet()) {
        if (e.getValue() > bestScore) {
          best = e.getKey();
          bestScore = e.getValue();
          tie = false;
        } else if (e.getValue() == bestScore) {
          tie = true;
        }
      }
      if (best != null && !tie && bestScore >= ambiguousWeight) {
        return new RegionDecision(matcher.gazetteer().byCode(best), null);
      }
      if (best != null || ambiguousWeight > 0) {
        flags.add(FLAG_AMBIGUOUS_REGION);
        if (ambiguousProvinces.size() == 1 && best == null) {
          return new RegionDecision(null, ambiguousProvinces.iterator().next());
        }
      }
      return new RegionDecision(null, null);
    }
  }
}
