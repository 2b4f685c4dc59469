package govlens.lib.clean;

import govlens.lib.text.Headings;
import govlens.lib.text.Punctuation;
import govlens.lib.text.Width;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans the raw text of a report (from PDF/Word conversion, markdown or a scraped web page) into the text every
 * later stage reads and takes offsets on.
 *
 * <p>Guarantees on {@link CleanResult#text()}:
 *
 * <ul>
 *   <li>only '\n' line ends; no BOM, zero-width or other invisible/control characters; NFC;
 *   <li>full-width ASCII forms U+FF01–FF5E folded to ASCII (，→, （→( ：→: ０→0 Ａ→A …); U+3000, NBSP, tab and other
 *       spaces become ' '; 。、“”‘’《》〔〕【】—… are kept;
 *   <li>every non-empty line is one paragraph; paragraphs are separated by exactly one blank line ("\n\n"); lines
 *       carry no leading indentation or trailing spaces; the text has no leading or trailing newline;
 *   <li>markdown markers removed: leading #'s of headings, a leading "> ", ** and paired __ bold markers,
 *       horizontal rules; each heading stays on its own line;
 *   <li>spaces between two CJK characters, and between a CJK character and a number, are removed (they are
 *       PDF/typesetting artefacts: "受理 993 件" → "受理993件"), except next to a date or time token
 *       ("2022-02-14 来源: …" keeps its space); runs of spaces elsewhere become one space;
 *   <li>web-page furniture lines are removed: breadcrumbs, font-size and toolbar controls, "扫一扫在手机打开当前页面",
 *       site footer lines (网站地图, 主办/承办单位, 版权所有, ICP备, 公网安备, 网站标识码, browser hints…), contact lines
 *       (联系人:, 联系电话:…), counters, editor lines, "相关报道/相关链接" lists and photo captions crediting a 记者.
 *       Keyword rules only fire on short lines (≤ 60 characters, 120 for footer lines) that are neither numbered
 *       headings nor sentences, so report text that mentions such a word is never removed. Date/source metadata
 *       lines are kept; a bare label line ("来源:" / "时间:") is merged with the value on the next line;
 *   <li>a paragraph broken by a page break is re-joined ("行政执\n\n法更加优化" → "行政执法更加优化") when the first
 *       line does not end with sentence-final punctuation (。！？；：… and ASCII equivalents) and either ends with a
 *       comma/enumeration mark/opening bracket or is body text (≥ 60 characters, or already contains a sentence
 *       end), and the next line is not a heading (一、 （一） 1. 一是 第X章 …) and starts like a continuation. Short
 *       title, heading and signature lines are therefore never joined.
 * </ul>
 *
 * <p>The cleaner is idempotent: {@code clean(clean(x).text()).text()} equals {@code clean(x).text()}.
 *
 * <p>Flags (in {@link CleanResult#flags()}): {@code invisible_chars_removed}, {@code width_folded}, {@code
 * nfc_normalized}, {@code markdown_stripped}, {@code cjk_spaces_removed}, {@code furniture_removed}, {@code
 * labels_merged}, {@code page_breaks_joined}, {@code has_supplementary_chars} — the last one warns that the
 * text holds characters outside the BMP, so UTF-16 offsets (used here and in all Java stages) differ from
 * code-point offsets (Python string indices).
 *
 * <p>Stateless and thread-safe; patterns are compiled once.
 */
public final class TextCleaner {

    /** Furniture words and patterns, from conf/clean/furniture.conf (loaded once per JVM). */
    private static Furniture furniture() {
        return Furniture.get();
    }
    /** A line this long that does not end a sentence is body text, so a following continuation joins it. */
    private static final int BODY_LINE = 60;

    private static final String SENTENCE_END = Punctuation.LINE_END;
    private static final String MID_SENTENCE_END = "，,、《“‘（(【〔";
    private static final String INTERNAL_SENTENCE_PUNCT = Punctuation.SEMICOLON_END;

    /** Section and list markers that start a heading or an enumerated paragraph. */
    private static final Pattern HEADING = Headings.PARAGRAPH_START;

    private static final Pattern MD_HEADING = Pattern.compile("^#{1,6}(?:[ ]+|(?=[\\p{IsHan}(（]))");
    /** "> " quote markers; a lone ">" is left alone because scraped breadcrumbs use it as a separator line. */
    private static final Pattern MD_QUOTE = Pattern.compile("^(?:>[ ]+)+(?=[^ >])");

    private static final Pattern MD_BOLD_UNDERSCORE = Pattern.compile("__(?=\\S)(.+?)(?<=\\S)__");
    private static final Pattern MD_RULE = Pattern.compile("^(?:(?:\\*[ ]*){3,}|(?:-[ ]*){3,}|(?:_[ ]*){3,})$");

    private static final Pattern DATE_TOKEN_END =
            Pattern.compile("(\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}:\\d{2}(:\\d{2})?)$");
    private static final Pattern DATE_TOKEN_START =
            Pattern.compile("^(\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}:\\d{2})");

    // --- furniture -------------------------------------------------------------------------------------------------
    private static final Pattern CRUMB_HOME = Pattern.compile("^(网站)?首页\\s*(>>|>|›|»|→|/|\\\\)");
    private static final Pattern CRUMB_HOME_ALONE = Pattern.compile("^(网站)?首页$");
    private static final Pattern CRUMB_SEPARATOR = Pattern.compile("^(>>|>|›|»|→|/|\\\\|\\|)+$");
    private static final Pattern CRUMB_ENDS_WITH_SEPARATOR = Pattern.compile("(>>|>|›|»|→)$");
    private static final Pattern FONT_START = Pattern.compile("^[【\\[]?\\s*(字体|字号|字体大小|文字大小|字体设置)\\s*:?");
    private static final Pattern FONT_CONTROL =
            Pattern.compile("^[【\\[]?\\s*((大|中|小|特大|加大|还原|减小|放大|缩小|默认|标准|A\\+|A-)\\s*)*[】\\]]?$");
    private static final Pattern PERSON_NAME = Pattern.compile("^[\\p{IsHan}·]{2,6}[)）\\]]?$");
    private static final Pattern JUNK_LINE =
            Pattern.compile("^((?i)public domain|false|true|null|undefined|[0-9a-f]{16,}:?)$");
    /** Credit at the end of a photo caption: "本报记者 戴冰摄", "新甘肃·甘肃日报记者 盛学卿". */
    private static final Pattern CAPTION_CREDIT =
            Pattern.compile("^[\\p{IsHan}·]{0,20}(记者|通讯员|摄影)[\\p{IsHan}·、]{2,12}$");

    private TextCleaner() {}

    /** Cleans {@code raw}; never throws for any string input (an empty or all-furniture input gives ""). */
    public static CleanResult clean(String raw) {
        Set<String> flags = new LinkedHashSet<>();
        List<Line> lines = new ArrayList<>();
        for (Line l : normalizeCharacters(raw, flags)) {
            Line t = normalizeLine(l, flags);
            if (!t.s.isEmpty()) {
                lines.add(t);
            }
        }
        // Removing a watermark at a line start can bring the next one to the line start: repeat until nothing
        // changes, or a second cleaning would remove it (the cleaner must be idempotent).
        for (List<Line> before = null; before != lines; ) {
            before = lines;
            lines = removeGluedFurniture(lines, flags);
        }
        lines = removeFurniture(lines, flags);
        lines = mergeLabels(lines, flags);
        lines = joinPageBreaks(lines, flags);
        // A page break inside an inline pattern (建設(sh\fè)) hid it until the lines were joined: look again, or a
        // second cleaning would find it (the cleaner must be idempotent).
        for (List<Line> before = null; before != lines; ) {
            before = lines;
            lines = removeGluedFurniture(lines, flags);
        }
        return assemble(lines, raw.length(), flags);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stage 1: character level

    private static List<Line> normalizeCharacters(String raw, Set<String> flags) {
        StringBuilder sb = new StringBuilder(raw.length());
        int[] map = new int[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            char o;
            if (c == '\r') {
                if (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                    continue;
                }
                o = '\n';
            } else if (c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\u000B' || c == '\f') {
                o = '\n'; // form feed is how pdftotext marks a page break
            } else if (isInvisible(c)) {
                flags.add("invisible_chars_removed");
                continue;
            } else if (Width.folds(c)) {
                o = Width.fold(c);
                flags.add("width_folded");
            } else if (c == '\t'
                    || c == '\u00A0'
                    || (c >= '\u2000' && c <= '\u200A')
                    || c == '\u202F'
                    || c == '\u205F') {
                o = ' ';
            } else {
                o = c;
            }
            sb.append(o);
            map[n++] = i;
        }
        String all = sb.toString();
        boolean nfc = Normalizer.isNormalized(all, Normalizer.Form.NFC);
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length(); i++) {
            if (i == all.length() || all.charAt(i) == '\n') {
                Line line = new Line(all.substring(start, i), Arrays.copyOfRange(map, start, i));
                if (!nfc) {
                    Line normalized = line.nfc();
                    if (!normalized.s.equals(line.s)) {
                        flags.add("nfc_normalized");
                    }
                    line = normalized;
                }
                lines.add(line);
                start = i + 1;
            }
        }
        return lines;
    }

    private static boolean isInvisible(char c) {
        return c == '\uFEFF'
                || (c >= '\u200B' && c <= '\u200F')
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2060' && c <= '\u2064')
                || c == '\u00AD'
                || (c < 0x20 && c != '\n' && c != '\t')
                || c == 0x7F;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stage 2: one line at a time (markdown, indentation, spaces)

    /**
     * Normalises one line; repeated while it changes, because removing one marker can bring another to the line
     * start ("# #标题", "**# 标题**"), which a second cleaning would otherwise remove. Every step only removes
     * characters, so the repetition ends.
     */
    private static Line normalizeLine(Line line, Set<String> flags) {
        Line l = normalizeLineOnce(line, flags);
        while (!l.s.isEmpty()) {
            Line again = normalizeLineOnce(l, flags);
            if (again.s.equals(l.s)) {
                break;
            }
            l = again;
        }
        return l;
    }

    private static Line normalizeLineOnce(Line line, Set<String> flags) {
        Line l = line.strip();
        if (l.s.isEmpty()) {
            return l;
        }
        if (MD_RULE.matcher(l.s).matches()) {
            flags.add("markdown_stripped");
            return l.sub(0, 0);
        }
        Matcher q = MD_QUOTE.matcher(l.s);
        if (q.find()) {
            l = l.sub(q.end(), l.length()).strip();
            flags.add("markdown_stripped");
        }
        Matcher h = MD_HEADING.matcher(l.s);
        if (h.find()) {
            l = l.sub(h.end(), l.length()).strip();
            flags.add("markdown_stripped");
        }
        if (l.s.contains("**")) {
            boolean[] keep = new boolean[l.length()];
            Arrays.fill(keep, true);
            for (int i = l.s.indexOf("**"); i >= 0; i = l.s.indexOf("**", i + 2)) {
                keep[i] = false;
                keep[i + 1] = false;
            }
            l = l.keep(keep).strip();
            flags.add("markdown_stripped");
        }
        if (l.s.contains("__")) {
            Matcher b = MD_BOLD_UNDERSCORE.matcher(l.s);
            boolean[] keep = new boolean[l.length()];
            Arrays.fill(keep, true);
            boolean any = false;
            while (b.find()) {
                keep[b.start()] = keep[b.start() + 1] = false;
                keep[b.end() - 1] = keep[b.end() - 2] = false;
                any = true;
            }
            if (any) {
                l = l.keep(keep).strip();
                flags.add("markdown_stripped");
            }
        }
        return collapseSpaces(l, flags);
    }

    /** Drops spaces that are typesetting artefacts in Chinese text and squeezes other runs of spaces to one. */
    private static Line collapseSpaces(Line l, Set<String> flags) {
        String s = l.s;
        if (s.indexOf(' ') < 0) {
            return l;
        }
        boolean[] keep = new boolean[s.length()];
        Arrays.fill(keep, true);
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) != ' ') {
                i++;
                continue;
            }
            int j = i;
            while (j < s.length() && s.charAt(j) == ' ') {
                j++;
            }
            if (i > 0 && j < s.length()) {
                int left = s.codePointBefore(i);
                int right = s.codePointAt(j);
                boolean lc = isCjk(left);
                boolean rc = isCjk(right);
                boolean drop = (lc && rc)
                        || (lc
                                && isDigit(right)
                                && !DATE_TOKEN_START.matcher(s.substring(j)).find())
                        || (rc
                                && isDigit(left)
                                && !DATE_TOKEN_END
                                        .matcher(s.substring(tokenStart(s, i), i))
                                        .find());
                if (drop) {
                    flags.add("cjk_spaces_removed");
                    for (int k = i; k < j; k++) {
                        keep[k] = false;
                    }
                } else {
                    for (int k = i + 1; k < j; k++) {
                        keep[k] = false;
                    }
                }
            }
            i = j;
        }
        return l.keep(keep);
    }

    private static int tokenStart(String s, int end) {
        int k = end;
        while (k > 0 && s.charAt(k - 1) != ' ') {
            k--;
        }
        return k;
    }

    private static boolean isDigit(int cp) {
        return cp >= '0' && cp <= '9';
    }

    /** Han characters plus the CJK punctuation that sits inside Chinese running text. */
    private static boolean isCjk(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                || (cp >= 0x3000 && cp <= 0x303F)
                || (cp >= 0xFF00 && cp <= 0xFFEF)
                || (cp >= 0x2018 && cp <= 0x201D)
                || cp == 0x2014
                || cp == 0x2026;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stage 3a: furniture glued into the text (watermarks with a web address, inline pinyin)

    /**
     * A document site's watermark ("某某文库—海量资料每日更新www.example.com") is glued before the title or into a
     * sentence. The address is found by pattern; the site text before it is removed when the address stands near
     * the start of a line, or, for an address found several times, the text that precedes it every time. A single
     * address inside a sentence ("登录www.gov.cn查询") is report text and stays. Returns {@code lines} itself when
     * nothing was removed.
     */
    private static List<Line> removeGluedFurniture(List<Line> lines, Set<String> flags) {
        Furniture f = furniture();
        List<List<int[]>> urls = new ArrayList<>(lines.size());
        java.util.Map<String, List<String>> before = new java.util.HashMap<>();
        for (Line l : lines) {
            List<int[]> found = new ArrayList<>();
            for (Pattern p : f.watermarkUrls) {
                Matcher m = p.matcher(l.s);
                while (m.find()) {
                    found.add(new int[] {m.start(), m.end()});
                    String key = m.group().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
                    before.computeIfAbsent(key, k -> new ArrayList<>())
                            .add(l.s.substring(Math.max(0, m.start() - f.watermarkPrefixMax), m.start()));
                }
            }
            urls.add(found);
        }

        java.util.Map<String, String> commonPrefix = new java.util.HashMap<>();
        before.forEach((k, v) -> commonPrefix.put(k, v.size() >= 2 ? commonSuffix(v) : ""));
        List<Line> out = new ArrayList<>(lines.size());
        boolean anyChanged = false;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            boolean[] keep = new boolean[l.length()];
            java.util.Arrays.fill(keep, true);
            boolean changed = false;
            for (int[] u : urls.get(i)) {
                String url = l.s.substring(u[0], u[1]);
                String key = url.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
                String common = commonPrefix.getOrDefault(key, "");
                int from;
                if (key.endsWith("gov.cn")) {
                    continue;
                }
                if (common.strip().length() >= 2 && l.s.startsWith(common, u[0] - common.length())) {
                    from = u[0] - common.length();
                } else if (u[0] <= f.watermarkPrefixMax
                        && !hasSentencePunct(l.s.substring(0, u[0]))
                        && f.watermarkPrefix.matcher(l.s.substring(0, u[0])).find()) {
                    from = 0;
                } else {
                    continue;
                }
                for (int k = from; k < u[1]; k++) {
                    keep[k] = false;
                }
                changed = true;
            }
            for (Pattern p : f.inline) {
                Matcher m = p.matcher(l.s);
                while (m.find()) {
                    for (int k = m.start(); k < m.end(); k++) {
                        keep[k] = false;
                    }
                    changed = true;
                }
            }
            if (changed) {
                flags.add("furniture_removed");
                anyChanged = true;
                Line kept = normalizeLine(l.keep(keep), flags);
                if (!kept.s.isEmpty()) {
                    out.add(kept);
                }
            } else {
                out.add(l);
            }
        }
        return anyChanged ? out : lines;
    }

    /** The longest common suffix of the strings. */
    private static String commonSuffix(List<String> ss) {
        String first = ss.get(0);
        int n = first.length();
        for (String s : ss) {
            int k = 0;
            while (k < n && k < s.length() && first.charAt(first.length() - 1 - k) == s.charAt(s.length() - 1 - k)) {
                k++;
            }
            n = k;
        }
        return first.substring(first.length() - n);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stage 3: furniture

    private static List<Line> removeFurniture(List<Line> lines, Set<String> flags) {
        List<Line> out = new ArrayList<>(lines.size());
        int n = lines.size();
        int i = 0;
        while (i < n) {
            String s = lines.get(i).s;
            int len = s.codePointCount(0, s.length());
            if (len <= furniture().lineMax && FONT_START.matcher(s).find()) {
                i++;
                while (i < n && FONT_CONTROL.matcher(lines.get(i).s).matches()) {
                    i++;
                }
            } else if (len <= furniture().footerMax
                    && (CRUMB_HOME_ALONE.matcher(s).matches()
                            || furniture().breadcrumbLabel.matcher(s).find()
                            || CRUMB_HOME.matcher(s).find())) {
                boolean expectItem = CRUMB_ENDS_WITH_SEPARATOR.matcher(s).find();
                i++;
                // A breadcrumb scraped one <a> per line: "首页" / ">" / "政务信息" / ">" / "宁夏要闻".
                while (i < n) {
                    String t = lines.get(i).s;
                    if (CRUMB_SEPARATOR.matcher(t).matches()) {
                        expectItem = true;
                    } else if (CRUMB_HOME_ALONE.matcher(t).matches()) {
                        expectItem = false;
                    } else if (expectItem && t.length() <= 20 && !hasSentencePunct(t)) {
                        expectItem = false;
                    } else {
                        break;
                    }
                    i++;
                }
            } else if (len <= furniture().lineMax
                    && furniture().related.matcher(s).find()) {
                // Links to other articles follow: short titles without a sentence end.
                i++;
                while (i < n
                        && lines.get(i).s.length() <= furniture().lineMax
                        && lines.get(i).s.indexOf('。') < 0) {
                    i++;
                }
            } else if (furniture().editorLabel.matcher(s).matches()) {
                i++;
                if (i < n && PERSON_NAME.matcher(lines.get(i).s).matches()) {
                    i++;
                }
            } else if (isFurnitureLine(s, len)) {
                i++;
            } else {
                out.add(lines.get(i));
                i++;
                continue;
            }
            flags.add("furniture_removed");
        }
        return out;
    }

    private static boolean isFurnitureLine(String s, int len) {
        if (CRUMB_SEPARATOR.matcher(s).matches() || JUNK_LINE.matcher(s).matches()) {
            return true;
        }
        if (len <= furniture().footerMax) {
            for (Pattern p : furniture().clockLines) {
                if (p.matcher(s).matches()) {
                    return true;
                }
            }
        }
        if (len <= furniture().lineMax
                && (furniture().toolbar.matcher(s).matches()
                        || furniture().counter.matcher(s).matches()
                        || furniture().contact.matcher(s).find()
                        || furniture().editorLine.matcher(s).find())) {
            return true;
        }
        if (len <= furniture().footerMax
                && s.indexOf('。') < 0
                && !HEADING.matcher(s).find()
                && furniture().site.matcher(s).find()) {
            return true;
        }
        return len <= 150 && isPhotoCaption(s);
    }

    /** "殷勇同志作政府工作报告。本报记者 戴冰摄": the credit after the last 。 names a reporter or photographer. */
    private static boolean isPhotoCaption(String s) {
        int dot = s.lastIndexOf('。');
        String tail = s.substring(dot + 1).strip();
        if (tail.isEmpty() || tail.length() > 30) {
            return false;
        }
        boolean credited = tail.endsWith("摄") || dot >= 0;
        return credited && CAPTION_CREDIT.matcher(tail.replace(" ", "")).matches();
    }

    private static boolean hasSentencePunct(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (INTERNAL_SENTENCE_PUNCT.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stage 4: "来源:" on one line, "四川日报" on the next (web pages render label and value as separate blocks)

    private static List<Line> mergeLabels(List<Line> lines, Set<String> flags) {
        List<Line> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (!furniture().labelOnly.matcher(l.s).matches()) {
                out.add(l);
                continue;
            }
            flags.add("labels_merged");
            if (i + 1 < lines.size()) {
                Line next = lines.get(i + 1);
                if (next.s.length() <= 40
                        && !furniture().labelOnly.matcher(next.s).matches()
                        && !hasSentencePunct(next.s)) {
                    out.add(l.concat(next));
                    i++;
                }
            }
            // A label without a value carries nothing and is dropped.
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stage 5: page breaks inside a paragraph

    private static List<Line> joinPageBreaks(List<Line> lines, Set<String> flags) {
        List<Line> out = new ArrayList<>(lines.size());
        Line current = null;
        for (Line next : lines) {
            if (current != null && continuesAcrossBreak(current.s, next.s)) {
                current = current.concat(next);
                flags.add("page_breaks_joined");
            } else {
                if (current != null) {
                    out.add(current);
                }
                current = next;
            }
        }
        if (current != null) {
            out.add(current);
        }
        return out;
    }

    static boolean continuesAcrossBreak(String a, String b) {
        if (a.startsWith("|") || b.startsWith("|")) {
            return false; // markdown tables keep their rows
        }
        char last = a.charAt(a.length() - 1);
        if (SENTENCE_END.indexOf(last) >= 0) {
            return false;
        }
        if (HEADING.matcher(a).find() && !hasSentencePunct(a)) {
            return false;
        }
        if (HEADING.matcher(b).find() || !startsLikeContinuation(b)) {
            return false;
        }
        if (MID_SENTENCE_END.indexOf(last) >= 0) {
            return true;
        }
        return a.codePointCount(0, a.length()) >= BODY_LINE || hasSentencePunct(a);
    }

    private static boolean startsLikeContinuation(String b) {
        int cp = b.codePointAt(0);
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                || isDigit(cp)
                || "《“”‘’()（）》〔〕、,，;；。%".indexOf(cp) >= 0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Output

    private static CleanResult assemble(List<Line> lines, int rawLength, Set<String> flags) {
        StringBuilder sb = new StringBuilder();
        int total = 0;
        for (Line l : lines) {
            total += l.length() + 2;
        }
        int[] map = new int[Math.max(0, total - 2)];
        int n = 0;
        for (int li = 0; li < lines.size(); li++) {
            Line l = lines.get(li);
            if (li > 0) {
                // Separators point just past the previous kept character, never beyond the next line's start.
                int after = lines.get(li - 1).raw[lines.get(li - 1).length() - 1] + 1;
                int limit = l.raw[0];
                for (int k = 0; k < 2; k++) {
                    sb.append('\n');
                    map[n++] = Math.min(Math.min(after + k, rawLength), Math.max(limit, after));
                }
            }
            sb.append(l.s);
            System.arraycopy(l.raw, 0, map, n, l.length());
            n += l.length();
        }
        String text = sb.toString();
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                flags.add("has_supplementary_chars");
                break;
            }
        }
        return new CleanResult(text, List.copyOf(flags), OffsetMap.fromPerCharacter(Arrays.copyOf(map, n), rawLength));
    }

    /** A line of text with, for every char, its index in the raw input. */
    private static final class Line {
        final String s;
        final int[] raw;

        Line(String s, int[] raw) {
            this.s = s;
            this.raw = raw;
        }

        int length() {
            return s.length();
        }

        Line sub(int b, int e) {
            return new Line(s.substring(b, e), Arrays.copyOfRange(raw, b, e));
        }

        Line strip() {
            int b = 0;
            int e = s.length();
            while (b < e && s.charAt(b) == ' ') {
                b++;
            }
            while (e > b && s.charAt(e - 1) == ' ') {
                e--;
            }
            return b == 0 && e == s.length() ? this : sub(b, e);
        }

        Line keep(boolean[] keep) {
            StringBuilder sb = new StringBuilder(s.length());
            int[] r = new int[s.length()];
            int n = 0;
            for (int i = 0; i < s.length(); i++) {
                if (keep[i]) {
                    sb.append(s.charAt(i));
                    r[n++] = raw[i];
                }
            }
            return new Line(sb.toString(), Arrays.copyOf(r, n));
        }

        Line concat(Line o) {
            int[] r = Arrays.copyOf(raw, raw.length + o.raw.length);
            System.arraycopy(o.raw, 0, r, raw.length, o.raw.length);
            return new Line(s + o.s, r);
        }

        /** NFC per user-perceived character, so every output char still maps to the raw cluster it came from. */
        Line nfc() {
            if (Normalizer.isNormalized(s, Normalizer.Form.NFC)) {
                return this;
            }
            BreakIterator it = BreakIterator.getCharacterInstance();
            it.setText(s);
            StringBuilder sb = new StringBuilder(s.length());
            int[] r = new int[s.length() * 3 + 8];
            int n = 0;
            for (int b = it.first(), e = it.next(); e != BreakIterator.DONE; b = e, e = it.next()) {
                String part = Normalizer.normalize(s.substring(b, e), Normalizer.Form.NFC);
                if (n + part.length() > r.length) {
                    r = Arrays.copyOf(r, (n + part.length()) * 2);
                }
                sb.append(part);
                for (int k = 0; k < part.length(); k++) {
                    r[n++] = raw[b];
                }
            }
            return new Line(sb.toString(), Arrays.copyOf(r, n));
        }
    }
}
