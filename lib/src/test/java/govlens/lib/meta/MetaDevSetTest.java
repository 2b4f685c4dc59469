package govlens.lib.meta;

import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.pipeline.DocumentEvaluation;
import govlens.lib.pipeline.DocumentProcessor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The metadata development set (src/test/resources/meta-devset, described in docs/meta-devset.md): invented
 * reports covering every admin level, departments, street offices and towns, shared names, traditional
 * characters, web furniture and the year traps. Each document goes through {@link DocumentProcessor} exactly as
 * ingest runs it, and every field of its row in expected.tsv must be right.
 */
class MetaDevSetTest {

    static Path dir() throws URISyntaxException {
        return Path.of(MetaDevSetTest.class
                        .getResource("/meta-devset/expected.tsv")
                        .toURI())
                .getParent();
    }

    static Stream<String> docs() throws URISyntaxException {
        return DocumentEvaluator.readGold(dir().resolve("expected.tsv")).stream()
                .map(DocumentEvaluator.GoldRow::doc);
    }

    // Each dev document's scored fields all equal its expected row.
    @ParameterizedTest(name = "{0}")
    @MethodSource("docs")
    void everyFieldRight(String doc) throws Exception {
        DocumentEvaluator.GoldRow gold = DocumentEvaluator.readGold(dir().resolve("expected.tsv")).stream()
                .filter(g -> g.doc().equals(doc))
                .findFirst()
                .orElseThrow();
        DocumentProcessor processor = new DocumentProcessor(List.of("txt", "html"), 50);
        DocumentEvaluator.Prediction p =
                DocumentEvaluation.predict(processor.process(doc, Files.readAllBytes(dir().resolve(doc))));
        DocumentEvaluator.Result r = DocumentEvaluator.evaluate(List.of(gold), List.of(p));
        assertTrue(r.allRight(), r.report() + "flags: " + p.flags());
    }
}
