package govlens.lib.meta;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import govlens.lib.clean.TextCleaner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every gold field of every sample report, exactly (empty gold cell = null). */
class MetadataExtractorGoldTest {

    static final Path SAMPLE_DIR = Path.of("../data/sample");

    static Stream<String[]> goldRows() throws IOException {
        try (InputStream in = MetadataExtractorGoldTest.class.getResourceAsStream("/gold/gold_documents.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            return lines.stream()
                    .skip(1)
                    .filter(l -> !l.isBlank())
                    .map(l -> Arrays.copyOf(l.split("\t", -1), 11))
                    .toList()
                    .stream();
        }
    }

    private static String orNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // Extraction from the cleaned text reproduces the gold metadata of each sample document.
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldRows")
    void matchesGold(
            String doc,
            String regionName,
            String regionCode,
            String adminLevel,
            String province,
            String reportYear,
            String docNumber,
            String issuer,
            String signer,
            String publishDate)
            throws IOException {
        String raw = Files.readString(SAMPLE_DIR.resolve(doc), StandardCharsets.UTF_8);
        check(
                MetadataExtractor.extract(TextCleaner.clean(raw).text()),
                regionName,
                regionCode,
                adminLevel,
                province,
                reportYear,
                docNumber,
                issuer,
                signer,
                publishDate);
    }

    // The same holds on text that was only width-folded (markdown, indentation, PDF spaces and web furniture
    // still in place), so extraction does not depend on every cleaning step.
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldRows")
    void matchesGoldOnWidthFoldedText(
            String doc,
            String regionName,
            String regionCode,
            String adminLevel,
            String province,
            String reportYear,
            String docNumber,
            String issuer,
            String signer,
            String publishDate)
            throws IOException {
        String raw = Files.readString(SAMPLE_DIR.resolve(doc), StandardCharsets.UTF_8);
        check(
                MetadataExtractor.extract(foldWidthOnly(raw)),
                regionName,
                regionCode,
                adminLevel,
                province,
                reportYear,
                docNumber,
                issuer,
                signer,
                publishDate);
    }

    private static String foldWidthOnly(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (char c : raw.replace("\r\n", "\n").toCharArray()) {
            if (c >= '\uFF01' && c <= '\uFF5E') {
                sb.append((char) (c - 0xFEE0));
            } else {
                sb.append(c == '\u3000' ? ' ' : c);
            }
        }
        return sb.toString();
    }

    private static void check(
            DocumentMetadata m,
            String regionName,
            String regionCode,
            String adminLevel,
            String province,
            String reportYear,
            String docNumber,
            String issuer,
            String signer,
            String publishDate) {
        assertAll(
                () -> assertEquals(orNull(regionName), m.regionName(), "region_name"),
                () -> assertEquals(orNull(regionCode), m.regionCode(), "region_code"),
                () -> assertEquals(orNull(adminLevel), m.adminLevel(), "admin_level"),
                () -> assertEquals(orNull(province), m.province(), "province"),
                () -> assertEquals(
                        orNull(reportYear),
                        m.reportYear() == null ? null : m.reportYear().toString(),
                        "report_year"),
                () -> assertEquals(orNull(docNumber), m.docNumber(), "doc_number"),
                () -> assertEquals(orNull(issuer), m.issuer(), "issuer"),
                () -> assertEquals(orNull(signer), m.signer(), "signer"),
                () -> assertEquals(orNull(publishDate), m.publishDate(), "publish_date"));
    }
}
