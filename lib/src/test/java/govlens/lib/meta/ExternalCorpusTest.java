package govlens.lib.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.clean.TextCleaner;
import govlens.lib.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The noisy external corpus of government work reports (../shared beside the project; see SharedData). Its index.tsv
 * gives region and level per file: provinces must get exactly their province (not a city named in the text),
 * national reports the {@code national} flag, and the OCR-damaged county (沭阳 written 沐阳) either 沭阳县 or
 * nothing — never another county.
 */
class ExternalCorpusTest {

    static final Path DIR = SharedData.require("corpus/external");

    static Stream<String[]> rows() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve("index.tsv"), StandardCharsets.UTF_8);
        return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t", -1));
    }

    private static DocumentMetadata extract(String file) throws IOException {
        return MetadataExtractor.extract(TextCleaner.clean(Files.readString(DIR.resolve(file), StandardCharsets.UTF_8))
                .text());
    }

    // Each indexed file gets the region its level calls for.
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void regionPerIndex(String file, String region, String level) throws IOException {
        DocumentMetadata m = extract(file);
        switch (level) {
            case "province" -> {
                Region expected = Gazetteer.get().byName(region).get(0);
                assertEquals(
                        List.of(expected.name(), expected.code(), "province", expected.name()),
                        java.util.Arrays.asList(m.regionName(), m.regionCode(), m.adminLevel(), m.province()));
            }
            case "national" -> {
                assertNull(m.regionCode());
                assertTrue(
                        m.qualityFlags().contains("national"), m.qualityFlags().toString());
            }
            default ->
                assertTrue(m.regionName() == null || m.regionName().equals("沭阳县"), String.valueOf(m.regionName()));
        }
    }

    // No file of the directory (indexed or not) makes the extractor throw, and each gets a year.
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void extractsYear(String file) throws IOException {
        DocumentMetadata m = extract(file);
        assertTrue(m.reportYear() != null && m.reportYear() >= 2018, String.valueOf(m.reportYear()));
    }
}
