package govlens.lib.meta;

import govlens.lib.text.TraditionalChars;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The line structure of one report, shared by the metadata parts: every line in two aligned forms (the
 * simplified view that rules match on, and the text as written that values are cut from), the header zone and
 * the addressee line.
 *
 * <p>The <b>header zone</b> is the lines before the addressee ("市委:", "各位代表:") or before the first body
 * paragraph; own-document facts (title, number, signer) are read there only, so a number or body cited in the
 * narrative is never taken as the document's own. Without an addressee or body paragraph in the first 80 lines,
 * the first 40 lines are the header.
 *
 * <p>Immutable; built per document.
 */
final class Layout {

    /** Without an addressee or body paragraph in sight, this many lines count as the header. */
    static final int MAX_HEADER_LINES = 40;

    private static final Pattern ADDRESSEE_KEY = Pattern.compile("委|政府|代表|同志|领导|局|办|厅|部门|院|单位|会|公署");
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B\\uFEFF]");
    private static final Pattern MD_HEADING = Pattern.compile("^\\s*#+\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /**
     * One line: its offsets in the text, {@code compact} (simplified view, markdown markers and all whitespace
     * removed) and {@code raw} (the same characters as written; always as long as {@code compact}).
     */
    record Line(int index, int start, int end, String compact, String raw) {
        boolean blank() {
            return compact.isEmpty();
        }
    }

    final String text;
    final String view;
    final List<Line> lines;
    final int headerEnd;
    final int addresseeLine;

    Layout(String text) {
        this.text = text;
        this.view = TraditionalChars.simplify(text);
        List<Line> ls = new ArrayList<>();
        int pos = 0;
        int i = 0;
        while (pos <= text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            ls.add(new Line(i++, pos, end, compact(view.substring(pos, end)), compact(text.substring(pos, end))));
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
        }
        this.lines = List.copyOf(ls);
        int he = -1;
        int addr = -1;
        for (Line l : lines) {
            if (l.index() >= MAX_HEADER_LINES * 2) {
                break;
            }
            if (isAddressee(l.compact())) {
                he = l.index();
                addr = l.index();
                break;
            }
            if (isBodyParagraph(l.compact())) {
                he = l.index();
                break;
            }
        }
        this.headerEnd = he >= 0 ? he : Math.min(lines.size(), MAX_HEADER_LINES);
        this.addresseeLine = addr;
    }

    /** The same character-for-character operations on both forms keep them aligned. */
    private static String compact(String line) {
        String s = INVISIBLE.matcher(line).replaceAll("");
        s = MD_HEADING.matcher(s).replaceFirst("").replace("**", "");
        return SPACES.matcher(s).replaceAll("");
    }

    static boolean isAddressee(String c) {
        if (c.length() < 2 || c.length() > 40) {
            return false;
        }
        char last = c.charAt(c.length() - 1);
        if (last != ':' && last != '：') {
            return false;
        }
        String head = c.substring(0, c.length() - 1);
        return ADDRESSEE_KEY.matcher(head).find() && !head.matches(".*\\d.*") && !head.contains("来源");
    }

    static boolean isBodyParagraph(String c) {
        if (c.length() < 50) {
            return false;
        }
        return c.contains("。") || c.chars().filter(ch -> ch == ',' || ch == '，').count() >= 2;
    }

    List<Line> headerLines() {
        return lines.subList(0, Math.max(0, Math.min(headerEnd, lines.size())));
    }

    Line line(int index) {
        return lines.get(index);
    }

    Line nextNonBlank(int from) {
        for (int i = Math.max(0, from); i < lines.size(); i++) {
            if (!lines.get(i).blank()) {
                return lines.get(i);
            }
        }
        return null;
    }

    Line prevNonBlank(int from) {
        for (int i = Math.min(from, lines.size() - 1); i >= 0; i--) {
            if (!lines.get(i).blank()) {
                return lines.get(i);
            }
        }
        return null;
    }

    /** The line holding offset {@code pos}. */
    Line lineAt(int pos) {
        int lo = 0;
        int hi = lines.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lines.get(mid).start() <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lines.get(lo);
    }

    /** First {@code n} body paragraphs: non-blank lines of 8+ characters after the header, addressee excluded. */
    List<Line> bodyParagraphs(int n) {
        List<Line> out = new ArrayList<>();
        for (int i = Math.max(0, headerEnd); i < lines.size() && out.size() < n; i++) {
            Line l = lines.get(i);
            if (l.compact().length() >= 8 && !isAddressee(l.compact())) {
                out.add(l);
            }
        }
        return out;
    }
}
