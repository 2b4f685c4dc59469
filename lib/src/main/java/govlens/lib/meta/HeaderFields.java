package govlens.lib.meta;

import govlens.lib.meta.Layout.Line;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The document's own number, signer and issuing body, read from the header zone (and, for the issuer, the
 * signature block at the end).
 *
 * <p>Issuer, in order: the title's issuer, the red header "…文件", the delegate formula of a government work
 * report ("我代表…人民政府"), the signature line at the end (a body name followed by a date), a labelled
 * 发文机关/发布机构 header field. A web page's "来源:" names who posted the page, not who wrote the report, and is
 * not used. Values are returned as written (traditional characters kept).
 */
final class HeaderFields {

    private HeaderFields() {}

    private static final Pattern DOC_NUMBER =
            Pattern.compile("([\\p{IsHan}]{1,12})\\s*[〔\\[［(（【]\\s*((?:19|20)\\d{2})\\s*[〕\\]］)）】]\\s*(\\d{1,5})\\s*号");
    private static final Pattern SIGNER = Pattern.compile("签发人[:：](.*)");
    private static final Pattern NAME_HEAD = Pattern.compile("^[\\p{IsHan}·]{2,5}");
    private static final Pattern DELEGATE = Pattern.compile("我代表([\\p{IsHan}]{0,12}?)人民政府|我代表国务院");
    private static final Pattern SOURCE = Pattern.compile("(?:发文机关|发布机构|发文单位|制发机构)[:：]([\\p{IsHan}]{4,30})");

    /** The red-header issuer "临汾市人民政府文件": its line index, the issuer as written and simplified; or null. */
    record FileHeader(int line, String issuer, String issuerView) {}

    static FileHeader fileHeader(Layout layout) {
        for (Line l : layout.headerLines()) {
            String c = l.compact();
            if (c.endsWith("文件")
                    && c.length() > 4
                    && c.length() <= 30
                    && Bodies.GOV_END.matcher(c.substring(0, c.length() - 2)).find()) {
                String v = c.substring(0, c.length() - 2);
                return new FileHeader(
                        l.index(), Bodies.joinOrgsAsWritten(v, l.raw().substring(0, v.length())), Bodies.joinOrgs(v));
            }
        }
        return null;
    }

    /** The header's own document number, brackets normalised to 〔〕, other characters as written; or null. */
    static String docNumber(Layout layout) {
        for (Line l : layout.headerLines()) {
            String c = l.compact();
            // A labelled web metadata row (文号:) may be long; otherwise the number stands (nearly) alone on its line.
            if ((c.length() > 40 && !c.contains("文号")) || c.contains("《") || c.contains("。")) {
                continue;
            }
            Matcher m = DOC_NUMBER.matcher(c);
            if (m.find()) {
                String r = l.raw();
                return r.substring(m.start(1), m.end(1)) + "〔" + m.group(2) + "〕" + m.group(3) + r.charAt(m.end() - 1);
            }
        }
        return null;
    }

    static String signer(Layout layout) {
        for (Line l : layout.headerLines()) {
            Matcher m = SIGNER.matcher(l.compact());
            if (m.find()) {
                Matcher n = NAME_HEAD.matcher(l.raw().substring(m.start(1)));
                if (n.find()) {
                    return n.group();
                }
            }
        }
        return null;
    }

    /** The issuing body's line of the closing block: a body name followed by a date line that is not "…印发". */
    static Line signatureLine(Layout layout) {
        int seen = 0;
        for (int i = layout.lines.size() - 1; i > layout.headerEnd && seen < 12; i--) {
            Line l = layout.line(i);
            if (l.blank()) {
                continue;
            }
            seen++;
            String c = l.compact();
            if (c.length() > 30
                    || !(Bodies.GOV_LINE.matcher(c).matches()
                            || Bodies.ANY_END.matcher(c).find())
                    || c.contains("。")
                    || c.contains(",")) {
                continue;
            }
            Line nx = layout.nextNonBlank(i + 1);
            if (nx != null
                    && Dates.parse(nx.compact(), true) != null
                    && !nx.compact().contains("印发")) {
                return l;
            }
        }
        return null;
    }

    /**
     * The issuer as written and simplified ({@code [raw, view]}), or null; {@code regionName} stands in for a
     * bare "我代表市人民政府".
     */
    static String[] issuer(
            Layout layout, TitleReader.Title title, FileHeader fileHeader, String regionName, boolean national) {
        if (title.issuer() != null) {
            return new String[] {title.issuer(), title.issuerView()};
        }
        if (fileHeader != null) {
            return new String[] {fileHeader.issuer(), fileHeader.issuerView()};
        }
        for (Line l : layout.bodyParagraphs(3)) {
            Matcher m = DELEGATE.matcher(l.compact());
            if (m.find()) {
                if (m.group(1) == null) {
                    return new String[] {"国务院", "国务院"};
                }
                String who = m.group(1);
                boolean bare = who.isEmpty()
                        || who.equals("省")
                        || who.equals("市")
                        || who.equals("自治区")
                        || who.equals("县")
                        || who.equals("区");
                if (!bare) {
                    String raw = l.raw().substring(m.start(1), m.end(1));
                    return new String[] {raw + "人民政府", who + "人民政府"};
                }
                if (regionName != null) {
                    return new String[] {regionName + "人民政府", regionName + "人民政府"};
                }
            }
        }
        if (national) {
            return new String[] {"国务院", "国务院"};
        }
        Line sig = signatureLine(layout);
        if (sig != null) {
            return new String[] {Bodies.joinOrgsAsWritten(sig.compact(), sig.raw()), Bodies.joinOrgs(sig.compact())};
        }
        for (Line l : layout.headerLines()) {
            Matcher m = SOURCE.matcher(l.compact());
            if (m.find() && Bodies.ANY_END.matcher(m.group(1)).find()) {
                return new String[] {l.raw().substring(m.start(1), m.end(1)), m.group(1)};
            }
        }
        return null;
    }
}
