package govlens.lib.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Typical phrasings of the genre (and off-genre traps) beyond the three samples, from
 * indicators/genre_phrasings.tsv: each sentence yields exactly the listed values.
 */
class GenrePhrasingsTest {

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader br = new BufferedReader(new InputStreamReader(
                GenrePhrasingsTest.class.getResourceAsStream("/indicators/genre_phrasings.tsv"),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = br.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                List<String> expected = f.length < 2 || f[1].isBlank() ? List.of() : Arrays.asList(f[1].split("\\|"));
                out.add(Arguments.of(f[0], expected));
            }
        }
        return out.stream();
    }

    // Each sentence gives exactly its expected values, in text order.
    @ParameterizedTest
    @MethodSource("cases")
    void sentenceGivesExpectedValues(String sentence, List<String> expected) {
        assertEquals(expected, IndicatorExtractorTest.values(sentence));
    }
}
