package govlens.jobs.synth;

import static govlens.lib.testing.RandomTexts.checkRandomData;

import govlens.lib.nlp.DocumentAnalyzer;
import govlens.lib.nlp.Tokenizer;
import govlens.lib.pipeline.DocumentProcessor;
import govlens.lib.pipeline.ProcessedFile;
import govlens.lib.testing.RandomTexts;
import govlens.lib.testing.TextInvariants;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded random reports from the synthetic generator ({@link SynthCorpus}, over the bundled sample), with the
 * random-input tests' noise injected ({@link RandomTexts#addNoise}), through the per-document path and the
 * analysis: every file is a document or a quarantine, nothing fails, sections and sentences tile the text,
 * metadata is well-formed and token offsets point into the text ({@link TextInvariants}). The generated report's
 * own format and encoding are kept. Seeds and iterations as in {@link RandomTexts}; replay with {@code mvn -B -o
 * test -pl lib,jobs -Dtest=RandomSynthCorpusTest -Dsurefire.failIfNoSpecifiedTests=false -Dgovlens.test.seed=…}.
 */
class RandomSynthCorpusTest {
    private static SynthCorpus corpus;
    private static final DocumentProcessor PROCESSOR = new DocumentProcessor(SynthCorpus.EXTENSIONS, 50);
    private static final Tokenizer TOKENIZER = Tokenizer.fromClasspath();

    @BeforeAll
    static void material() {
        Path sample = Files.isDirectory(Path.of("data/sample")) ? Path.of("data/sample") : Path.of("../data/sample");
        corpus = SynthCorpus.fromSources(List.of(sample));
    }

    /** A synthetic report with noise, as the file the generator would have written. */
    private record Noisy(String fileName, byte[] bytes, String text) {
        @Override
        public String toString() {
            return fileName + " " + RandomTexts.escape(text);
        }
    }

    private static Noisy noisy(Random r) {
        SynthCorpus.Doc d = corpus.generate(r.nextLong(), r.nextInt(1000));
        String text = r.nextInt(4) == 0 ? d.text() : RandomTexts.addNoise(r, d.text());
        byte[] bytes = r.nextInt(4) == 0 ? d.bytes() : text.getBytes(Charset.forName(d.encoding()));
        return new Noisy(d.fileName(), bytes, text);
    }

    @Test
    void noisySyntheticReports() {
        checkRandomData(40, RandomSynthCorpusTest::noisy, Noisy::toString, n -> {
            ProcessedFile pf = PROCESSOR.process(n.fileName(), n.bytes());
            TextInvariants.assertProcessed(pf);
            if (pf.isDocument()) {
                DocumentAnalyzer.Settings settings = new DocumentAnalyzer.Settings(20, "chunk", 800);
                ProcessedFile.Document d = pf.document();
                TextInvariants.assertAnalysis(
                        d.text(),
                        d.sentences(),
                        settings,
                        new DocumentAnalyzer(TOKENIZER, settings).analyze(d.sentences()));
            }
        });
    }
}
