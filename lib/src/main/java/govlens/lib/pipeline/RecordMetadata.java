package govlens.lib.pipeline;

import govlens.lib.meta.DocumentMetadata;
import govlens.lib.meta.Gazetteer;
import govlens.lib.meta.Region;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Metadata columns that came with a record of a record corpus. Each non-null field overrides what
 * {@link govlens.lib.meta.MetadataExtractor} read from the text: the crawler that produced the dump usually
 * knows the region and year better than a heuristic does. Invalid values are ignored with a flag, never
 * half-applied.
 *
 * @param region region name (临汾市) or 6-digit GB/T 2260 code (141000)
 * @param year the report year
 * @param url where the document was found (documents.source_url)
 * @param publishDate ISO date yyyy-MM-dd
 * @param title the document title
 */
public record RecordMetadata(String region, Integer year, String url, String publishDate, String title)
        implements Serializable {

    public static final RecordMetadata NONE = new RecordMetadata(null, null, null, null, null);

    DocumentMetadata applyTo(DocumentMetadata m, Set<String> flags) {
        String regionName = m.regionName();
        String regionCode = m.regionCode();
        String level = m.adminLevel();
        String province = m.province();
        List<String> metaFlags = new ArrayList<>(m.qualityFlags());
        if (region != null && !region.isBlank()) {
            Region r = lookUp(region.strip());
            if (r == null) {
                flags.add("record_region_unknown");
            } else {
                regionName = r.name();
                regionCode = r.code();
                level = r.level();
                province = r.province();

                metaFlags.removeAll(govlens.lib.meta.MetadataExtractor.REGION_FLAGS);
                flags.add("region_from_record");
            }
        }
        Integer reportYear = m.reportYear();
        if (year != null) {
            if (year < 1949 || year > 2100) {
                flags.add("record_year_invalid");
            } else {
                reportYear = year;
                metaFlags.removeIf(f -> f.equals("no_year") || f.startsWith("year_from_"));
                flags.add("year_from_record");
            }
        }
        String date = m.publishDate();
        if (publishDate != null && !publishDate.isBlank()) {
            try {
                date = LocalDate.parse(publishDate
                                .strip()
                                .substring(0, Math.min(10, publishDate.strip().length())))
                        .toString();
            } catch (DateTimeParseException e) {
                flags.add("record_date_invalid");
            }
        }
        String t = title != null && !title.isBlank() ? title.strip() : m.title();
        return new DocumentMetadata(
                t,
                regionName,
                regionCode,
                level,
                province,
                reportYear,
                m.docNumber(),
                m.issuer(),
                m.signer(),
                date,
                metaFlags);
    }

    /** By code, or by a name that names exactly one division. */
    private static Region lookUp(String region) {
        Gazetteer g = Gazetteer.get();
        if (region.matches("\\d{6}")) {
            return g.byCode(region);
        }
        List<Region> byName = g.byName(region);
        return byName.size() == 1 ? byName.get(0) : null;
    }
}
