package govlens.lib.pipeline;

import govlens.lib.indicators.ExtractionResult;
import govlens.lib.indicators.IndicatorEvaluator;
import govlens.lib.indicators.IndicatorExtractor;
import govlens.lib.indicators.IndicatorValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs files through {@link DocumentProcessor} (what ingest does: decode, clean, split) and the
 * {@link IndicatorExtractor} (what the indicators stage does), and turns the values into
 * {@link IndicatorEvaluator.Prediction}s keyed by file name, for scoring a folder against a gold TSV without a
 * warehouse. Quarantined files predict nothing.
 */
public final class IndicatorEvaluation {

    private IndicatorEvaluation() {}

    /** Predictions of one processed file. */
    public static List<IndicatorEvaluator.Prediction> predict(ProcessedFile f, IndicatorExtractor extractor) {
        if (!f.isDocument()) {
            return List.of();
        }
        String doc = f.sourcePath().substring(f.sourcePath().lastIndexOf('/') + 1);
        ProcessedFile.Document d = f.document();
        ExtractionResult r = extractor.extract(
                d.text(),
                d.sentences(),
                govlens.lib.indicators.ReportContext.of(
                        d.text(), d.metadata().reportYear(), d.metadata().regionName()));
        List<IndicatorEvaluator.Prediction> out = new ArrayList<>();
        for (IndicatorValue v : r.values()) {
            out.add(new IndicatorEvaluator.Prediction(
                    doc, v.indicator(), v.value(), v.unit(), v.approx(), v.sentence()));
        }
        return out;
    }

    /** Every {@code .txt}/{@code .html} file under {@code dir} (recursively, sorted), processed and extracted. */
    public static List<IndicatorEvaluator.Prediction> predictAll(
            Path dir, DocumentProcessor processor, IndicatorExtractor extractor) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".tsv"))
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        List<IndicatorEvaluator.Prediction> out = new ArrayList<>();
        for (Path p : files) {
            try {
                out.addAll(
                        predict(processor.process(p.toString().replace('\\', '/'), Files.readAllBytes(p)), extractor));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + p, e);
            }
        }
        return out;
    }
}
