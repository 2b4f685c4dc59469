package govlens.lib.pipeline;

import govlens.lib.meta.DocumentEvaluator;
import govlens.lib.text.Section;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs files through {@link DocumentProcessor} (exactly what ingest does to each file: decode, extract HTML,
 * clean, read metadata, split) and turns the results into {@link DocumentEvaluator.Prediction}s keyed by file
 * name, for scoring against a gold TSV without a warehouse.
 */
public final class DocumentEvaluation {

    private DocumentEvaluation() {}

    /** The prediction for one processed file; a quarantined file predicts nothing (every field null). */
    public static DocumentEvaluator.Prediction predict(ProcessedFile f) {
        String doc = f.sourcePath().substring(f.sourcePath().lastIndexOf('/') + 1);
        if (!f.isDocument()) {
            return new DocumentEvaluator.Prediction(
                    doc, Map.of(), List.of("quarantined:" + f.quarantine().reason()));
        }
        ProcessedFile.Document d = f.document();
        String problems = null;
        for (Section s : d.sections()) {
            if (Section.KIND_PROBLEMS.equals(s.kind())) {
                problems = d.text().substring(s.charStart());
                break;
            }
        }
        return new DocumentEvaluator.Prediction(
                doc, DocumentEvaluator.values(d.metadata(), problems), d.qualityFlags());
    }

    /** Every regular file under {@code dir} (recursively, sorted), processed and predicted. */
    public static List<DocumentEvaluator.Prediction> predictAll(Path dir, DocumentProcessor processor) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        List<DocumentEvaluator.Prediction> out = new ArrayList<>();
        for (Path p : files) {
            try {
                out.add(predict(processor.process(p.toString().replace('\\', '/'), Files.readAllBytes(p))));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + p, e);
            }
        }
        return out;
    }
}
