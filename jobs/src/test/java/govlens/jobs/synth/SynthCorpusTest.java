package govlens.jobs.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.meta.DocumentMetadata;
import govlens.lib.pipeline.DocumentProcessor;
import govlens.lib.pipeline.ProcessedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCorpusTest {
    private static SynthCorpus corpus;

    @BeforeAll
    static void material() {
        // The sample only, so the test does not depend on whether the external corpus is present.
        Path sample = Files.isDirectory(Path.of("data/sample")) ? Path.of("data/sample") : Path.of("../data/sample");
        corpus = SynthCorpus.fromSources(List.of(sample));
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            Map<String, byte[]> out = new java.util.TreeMap<>();
            for (Path p : s.toList()) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
            return out;
        }
    }

    /** The same seed writes the same file names with byte-identical content, although written in parallel. */
    @Test
    void sameSeedGivesIdenticalFiles(@TempDir Path a, @TempDir Path b) throws IOException {
        SynthCommand.write(corpus, a, 11, 0, 40);
        SynthCommand.write(corpus, b, 11, 0, 40);
        Map<String, byte[]> fa = files(a);
        Map<String, byte[]> fb = files(b);
        assertEquals(40, fa.size());
        assertEquals(fa.keySet(), fb.keySet());
        for (String name : fa.keySet()) {
            assertArrayEquals(fa.get(name), fb.get(name), name);
        }
    }

    /** Another seed gives other reports. */
    @Test
    void differentSeedGivesDifferentFiles() {
        for (int i = 0; i < 10; i++) {
            assertFalse(
                    Arrays.equals(
                            corpus.generate(11, i).bytes(),
                            corpus.generate(12, i).bytes()),
                    "index " + i);
        }
    }

    /** The ingest code reads back the region and report year the generator drew, in every format. */
    @Test
    void metadataIsExtractable() {
        DocumentProcessor processor = new DocumentProcessor(SynthCorpus.EXTENSIONS, 50);
        for (int i = 0; i < 60; i++) {
            SynthCorpus.Doc d = corpus.generate(3, i);
            ProcessedFile pf = processor.process(d.fileName(), d.bytes());
            assertTrue(pf.isDocument(), d.fileName() + " quarantined: " + pf.quarantine());
            DocumentMetadata m = pf.document().metadata();
            assertEquals(
                    d.region().code(),
                    m.regionCode(),
                    d.fileName() + " region " + d.region().name());
            assertEquals(d.reportYear(), m.reportYear(), d.fileName());
        }
    }

    /** A corpus mixes UTF-8 and GB18030 text files, web pages and markdown. */
    @Test
    void formatsAndEncodingsAreMixed() {
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (int i = 0; i < 200; i++) {
            SynthCorpus.Doc d = corpus.generate(5, i);
            seen.add(d.format() + "/" + d.encoding());
        }
        assertEquals(java.util.Set.of("txt/UTF-8", "txt/GB18030", "html/UTF-8", "md/UTF-8"), seen);
    }

    /** A GB18030 file really is GB18030: its bytes are not valid UTF-8 and decode back to the text. */
    @Test
    void gb18030FilesAreEncoded() {
        for (int i = 0; ; i++) {
            SynthCorpus.Doc d = corpus.generate(5, i);
            if (d.encoding().equals("GB18030")) {
                assertEquals(d.text(), new String(d.bytes(), java.nio.charset.Charset.forName("GB18030")));
                assertTrue(isInvalidUtf8(d.bytes()));
                return;
            }
        }
    }

    private static boolean isInvalidUtf8(byte[] b) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return false;
        } catch (java.nio.charset.CharacterCodingException e) {
            return true;
        }
    }

    /** Report length stays in the drawn 3,000–7,000 character band (frame included, markup excluded). */
    @Test
    void reportsHaveReportLength() {
        long total = 0;
        for (int i = 0; i < 100; i++) {
            SynthCorpus.Doc d = corpus.generate(9, i);
            if (d.format().equals("txt")) {
                assertTrue(
                        d.text().length() >= 2500 && d.text().length() <= 9000,
                        d.fileName() + ": " + d.text().length());
            }
            total += d.text().length();
        }
        assertTrue(total / 100 >= 4000 && total / 100 <= 7000, "mean " + total / 100);
    }
}
