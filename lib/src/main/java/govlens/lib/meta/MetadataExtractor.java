package govlens.lib.meta;

import govlens.lib.text.TraditionalChars;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts {@link DocumentMetadata} from the cleaned text of a report (never from its file name), in named parts:
 *
 * <ul>
 *   <li>{@link Layout}: lines, header zone, addressee; every rule matches on a simplified-character view of the
 *       text ({@link TraditionalChars}, same offsets), values are cut from the text as written;
 *   <li>{@link TitleReader}: the title and the issuer it names;
 *   <li>{@link HeaderFields}: document number, signer, red-header issuer, signature block, issuer;
 *   <li>{@link Dates} and {@link YearReader}: publication date and the year reported on;
 *   <li>{@link RegionScorer}: the region, scored over the whole text.
 * </ul>
 *
 * <p>Reports of a department (X市司法局), a street office (X区Y街道办事处) or a town (Y镇人民政府) get the region of
 * the government they belong to, their own name as issuer and the flag {@code department}, {@code street} or
 * {@code township}. Reports of the State Council (我代表国务院) or of a ministry (司法部) get null region and the
 * flag {@code national}: our levels stop at province.
 *
 * <p>Quality flags: {@code no_title}, {@code no_region}, {@code region_ambiguous}, {@code national},
 * {@code department}, {@code street}, {@code township}, {@code no_year}, {@code year_from_plan},
 * {@code year_from_doc_number}, {@code year_from_publish_date}, {@code year_from_delivery_date}. Document
 * number, signer and date are often legitimately absent and are not flagged.
 *
 * <p>Stateless and thread-safe; the gazetteer, the automaton and the character table load once per JVM on first
 * use. Never throws on odd input (null or blank text gives nulls and flags).
 */
public final class MetadataExtractor {

    public static final String FLAG_NO_TITLE = "no_title";
    public static final String FLAG_NO_REGION = "no_region";
    public static final String FLAG_REGION_AMBIGUOUS = "region_ambiguous";
    public static final String FLAG_NATIONAL = "national";
    public static final String FLAG_NO_YEAR = "no_year";
    public static final String FLAG_YEAR_FROM_DOC_NUMBER = YearReader.FLAG_YEAR_FROM_DOC_NUMBER;
    public static final String FLAG_YEAR_FROM_PUBLISH_DATE = YearReader.FLAG_YEAR_FROM_PUBLISH_DATE;
    public static final String FLAG_YEAR_FROM_DELIVERY_DATE = YearReader.FLAG_YEAR_FROM_DELIVERY_DATE;
    public static final String FLAG_YEAR_FROM_PLAN = YearReader.FLAG_YEAR_FROM_PLAN;
    public static final String FLAG_DEPARTMENT = Bodies.KIND_DEPARTMENT;
    public static final String FLAG_STREET = Bodies.KIND_STREET;
    public static final String FLAG_TOWNSHIP = Bodies.KIND_TOWNSHIP;

    /** Region flags a given region (record corpora) makes obsolete. */
    public static final List<String> REGION_FLAGS = List.of(FLAG_NO_REGION, FLAG_REGION_AMBIGUOUS);

    /** The body named at the start of a title without an issuer suffix: "桃浦镇2023年度…" → 桃浦镇. */
    private static final Pattern TITLE_SUBJECT = Pattern.compile("^([\\p{IsHan}]{2,30}?)(?=\\d|关于|法治|上半年)");

    private MetadataExtractor() {}

    /** Extracts the metadata of one cleaned report. */
    public static DocumentMetadata extract(String cleanedText) {
        Layout layout = new Layout(cleanedText == null ? "" : cleanedText);
        RegionMatcher matcher = RegionMatcher.get();
        Set<String> flags = new LinkedHashSet<>();

        TitleReader.Title title = TitleReader.read(layout);
        HeaderFields.FileHeader fileHeader = HeaderFields.fileHeader(layout);
        String docNumber = HeaderFields.docNumber(layout);
        String signer = HeaderFields.signer(layout);
        String publishDate = Dates.publishDate(layout);
        List<RegionMention> mentions = matcher.findAll(layout.view);

        boolean national = isNational(layout);
        String[] issuer = HeaderFields.issuer(layout, title, fileHeader, null, national);
        String kind = bodyKind(title, issuer, matcher);
        if (Bodies.KIND_NATIONAL.equals(kind)) {
            national = true;
            kind = null;
        }
        Region region = null;
        String province = null;
        if (national) {
            flags.add(FLAG_NATIONAL);
        } else {
            RegionScorer.Decision d = RegionScorer.decide(
                    layout, matcher, mentions, title, fileHeader, HeaderFields.signatureLine(layout), kind);
            region = d.region();
            province = d.province();
            if (kind != null) {
                flags.add(kind);
            }
            if (d.flag() != null) {
                flags.add(d.flag());
            }
        }
        if (issuer == null && region != null) {
            // "我代表市人民政府" names the region's own government.
            issuer = HeaderFields.issuer(layout, title, fileHeader, region.name(), false);
        }
        Integer year = YearReader.read(layout, title, docNumber, publishDate, flags);
        if (title.text() == null) {
            flags.add(FLAG_NO_TITLE);
        }
        if (year == null) {
            flags.add(FLAG_NO_YEAR);
        }
        return new DocumentMetadata(
                title.text(),
                region == null ? null : region.name(),
                region == null ? null : region.code(),
                region == null ? null : region.level(),
                province,
                year,
                docNumber,
                issuer == null ? null : issuer[0],
                signer,
                publishDate,
                List.copyOf(orderFlags(flags)));
    }

    /** Stable order: title, region, body kind, year flags. */
    private static List<String> orderFlags(Set<String> flags) {
        List<String> order = List.of(
                FLAG_NATIONAL,
                FLAG_NO_TITLE,
                FLAG_NO_REGION,
                FLAG_REGION_AMBIGUOUS,
                FLAG_DEPARTMENT,
                FLAG_STREET,
                FLAG_TOWNSHIP,
                FLAG_NO_YEAR,
                FLAG_YEAR_FROM_PLAN,
                FLAG_YEAR_FROM_DOC_NUMBER,
                FLAG_YEAR_FROM_PUBLISH_DATE,
                FLAG_YEAR_FROM_DELIVERY_DATE);
        return order.stream().filter(flags::contains).toList();
    }

    private static boolean isNational(Layout layout) {
        for (Layout.Line l : layout.bodyParagraphs(3)) {
            if (l.compact().contains("我代表国务院")) {
                return true;
            }
        }
        for (Layout.Line l : layout.headerLines()) {
            if (l.compact().contains("国务院总理")) {
                return true;
            }
        }
        return false;
    }

    /** The kind of the issuing body, from the issuer or, without one, the body the title starts with. */
    private static String bodyKind(TitleReader.Title title, String[] issuer, RegionMatcher matcher) {
        String body = issuer != null ? issuer[1] : null;
        if (body == null && title.view() != null) {
            Matcher m = TITLE_SUBJECT.matcher(title.view());
            if (m.find()) {
                body = m.group(1);
            }
        }
        if (body == null) {
            return null;
        }
        return Bodies.kindOf(body, !matcher.findAll(body).isEmpty());
    }
}
