package govlens.lib.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.ingest.DocumentParser.ParseResult;
import govlens.lib.ingest.fixtures.DocumentFixtures;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DocumentParserLimitsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String LINE = "全市新收行政复议申请993件,依法受理行政复议案件876件,审结行政复议案件812件。"; // 43 chars

    private static byte[] bigDocx(int paragraphs) {
        return DocumentFixtures.docx("t", "a", Collections.nCopies(paragraphs, LINE));
    }

    // Text longer than maxChars is too_many_chars, with the limit in the detail.
    @Test
    void textLongerThanLimitIsTooManyChars() {
        ParseResult r = DocumentParser.parse(bigDocx(1000), "docx", TIMEOUT, 10_000);
        assertEquals(DocumentParser.TOO_MANY_CHARS, r.reason());
        assertEquals("extracted text is longer than 10000 characters", r.detail());
        assertNull(r.text());
    }

    // A limit just above the text's length lets it through: the limit counts extracted chars, not bytes.
    @Test
    void textWithinLimitIsRead() {
        ParseResult r = DocumentParser.parse(bigDocx(10), "docx", TIMEOUT, 10 * (LINE.length() + 2));
        assertNull(r.reason(), r.detail());
        assertEquals(10, r.text().strip().lines().filter(l -> !l.isBlank()).count());
    }

    /** 2000 pages of 40 lines: a full parse takes several seconds (about 18 s on the 2-core CI machine). */
    private static byte[] slowPdf() {
        String[] lines = new String[40];
        java.util.Arrays.fill(lines, "Annual report on law-based government 2024, item");
        return DocumentFixtures.longLatinPdf(2000, lines);
    }

    // A parse that outlasts its timeout returns parse_timeout on time.
    @Test
    void slowParseTimesOut() {
        byte[] pdf = slowPdf();
        long start = System.nanoTime();
        ParseResult r = DocumentParser.parse(pdf, "pdf", Duration.ofMillis(100), Long.MAX_VALUE);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(DocumentParser.PARSE_TIMEOUT, r.reason());
        assertEquals("not finished after 100 ms", r.detail());
        assertTrue(tookMs < 1000, "returned after " + tookMs + " ms");
    }

    // A timed-out parse is really stopped (its pool thread stops parsing within 3 s, far sooner than the full
    // parse would take), not left running in the background.
    @Test
    void timedOutParseStopsItsWorker() throws InterruptedException {
        DocumentParser.parse(slowPdf(), "pdf", Duration.ofMillis(300), Long.MAX_VALUE);
        long deadline = System.currentTimeMillis() + 3_000;
        while (System.currentTimeMillis() < deadline && parsingThreads() > 0) {
            Thread.sleep(20);
        }
        assertEquals(0, parsingThreads());
    }

    private static long parsingThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("govlens-document-parser-"))
                .filter(e -> List.of(e.getValue()).stream()
                        .anyMatch(f -> f.getClassName().startsWith("org.apache.")))
                .count();
    }

    // Concurrent parses of different documents each get their own text (shared parsers hold no state).
    @Test
    void concurrentParsesDoNotMix() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String text = "第" + i + "份报告:" + LINE;
                byte[] docx = DocumentFixtures.docx("t", "a", List.of(text));
                jobs.add(() ->
                        DocumentParser.parse(docx, "docx", TIMEOUT, 1000).text().strip());
            }
            List<Future<String>> results = callers.invokeAll(jobs);
            for (int i = 0; i < 8; i++) {
                assertEquals("第" + i + "份报告:" + LINE, results.get(i).get());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    // Formats other than pdf/docx/doc are unsupported without being read.
    @Test
    void otherFormatIsUnsupported() {
        ParseResult r = DocumentParser.parse(new byte[] {1, 2, 3}, "rtf", TIMEOUT, 1000);
        assertEquals(DocumentParser.UNSUPPORTED, r.reason());
        assertEquals("format 'rtf' is not one of pdf, docx, doc", r.detail());
    }

    // Zero bytes are corrupt, never a parser exception.
    @Test
    void emptyBytesAreCorrupt() {
        ParseResult r = DocumentParser.parse(new byte[0], "pdf", TIMEOUT, 1000);
        assertEquals(DocumentParser.CORRUPT, r.reason());
        assertEquals("0 bytes", r.detail());
    }
}
