package govlens.lib.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.ingest.DocumentParser.ParseResult;
import govlens.lib.ingest.fixtures.DocumentFixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentParserPdfTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long MAX_CHARS = 1_000_000;

    static final String TITLE = "临汾市人民政府关于2024年度法治政府建设情况的报告";
    static final String P1 = "2024年,市政府坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,全面推进依法行政。";
    static final String P2 = "全市新收行政复议申请993件,依法受理行政复议案件876件,审结行政复议案件812件。";

    private static byte[] reportPdf() {
        DocumentFixtures.requireCjkFont();
        return DocumentFixtures.cjkPdf(TITLE, "临汾市人民政府", List.of(List.of(TITLE, P1), List.of(P2)), 28);
    }

    private static String noWhitespace(String s) {
        return s.replaceAll("\\s+", "");
    }

    // Chinese text wrapped mid-sentence over two pages comes back whole once whitespace is ignored, in order.
    @Test
    void extractsChineseReportTextInOrder() {
        ParseResult r = DocumentParser.parse(reportPdf(), "pdf", TIMEOUT, MAX_CHARS);
        assertNull(r.reason(), r.detail());
        String flat = noWhitespace(r.text());
        assertEquals(noWhitespace(TITLE + P1 + P2), flat);
    }

    // The page count, title and author come from the PDF's metadata.
    @Test
    void reportsPdfMetadata() {
        ParseResult r = DocumentParser.parse(reportPdf(), "pdf", TIMEOUT, MAX_CHARS);
        assertEquals("2", r.metadata().get("pages"));
        assertEquals(TITLE, r.metadata().get("title"));
        assertEquals("临汾市人民政府", r.metadata().get("author"));
        assertEquals("2025-03-20T09:30:00Z", r.metadata().get("created"));
        assertEquals("application/pdf", r.metadata().get("content_type"));
    }

    // Paragraphs end up on separate lines: the title line is not glued to the first body line.
    @Test
    void keepsLineBreaksBetweenParagraphs() {
        ParseResult r = DocumentParser.parse(reportPdf(), "pdf", TIMEOUT, MAX_CHARS);
        String firstLine = r.text().strip().lines().findFirst().orElseThrow();
        assertEquals(TITLE, firstLine.strip());
    }

    // Pages with only a drawn image and no text are a scan: no_text_layer, with the page count.
    @Test
    void imageOnlyPdfHasNoTextLayer() {
        ParseResult r = DocumentParser.parse(DocumentFixtures.imageOnlyPdf(3), "pdf", TIMEOUT, MAX_CHARS);
        assertEquals(DocumentParser.NO_TEXT_LAYER, r.reason());
        assertNull(r.text());
        assertTrue(r.detail().startsWith("3 page(s) but only 0 non-whitespace characters"), r.detail());
        assertEquals("3", r.metadata().get("pages"));
    }

    // A page number alone (fewer than 20 visible characters per page) does not make a text layer.
    @Test
    void pageNumberOnlyIsStillNoTextLayer() {
        ParseResult r = DocumentParser.parse(DocumentFixtures.latinPdf("- 1 -"), "pdf", TIMEOUT, MAX_CHARS);
        assertEquals(DocumentParser.NO_TEXT_LAYER, r.reason());
    }

    // An ASCII PDF with enough text per page is read normally (the threshold is per page, not absolute).
    @Test
    void shortLatinPageWithEnoughTextIsRead() {
        ParseResult r = DocumentParser.parse(
                DocumentFixtures.latinPdf("Annual report on law-based government 2024"), "pdf", TIMEOUT, MAX_CHARS);
        assertNull(r.reason(), r.detail());
        assertEquals("Annual report on law-based government 2024", r.text().strip());
    }

    // A PDF that needs a user password is encrypted, not corrupt.
    @Test
    void passwordProtectedPdfIsEncrypted() {
        byte[] pdf = DocumentFixtures.encryptedPdf("secret", "Annual report on law-based government 2024");
        ParseResult r = DocumentParser.parse(pdf, "pdf", TIMEOUT, MAX_CHARS);
        assertEquals(DocumentParser.ENCRYPTED, r.reason());
        assertNull(r.text());
    }

    // A download cut off halfway is corrupt even though PDFBox could recover its first page.
    @Test
    void truncatedPdfIsCorrupt() {
        byte[] pdf = DocumentFixtures.latinPdf("Annual report on law-based government 2024");
        ParseResult r = DocumentParser.parse(DocumentFixtures.firstHalf(pdf), "pdf", TIMEOUT, MAX_CHARS);
        assertEquals(DocumentParser.CORRUPT, r.reason(), r.detail());
        assertTrue(r.detail().startsWith("truncated PDF: no %%EOF"), r.detail());
    }

    // Random bytes named .pdf are a corrupt PDF (the name decides when the content has no signature).
    @Test
    void randomBytesNamedPdfAreCorrupt() {
        ParseResult r = DocumentParser.parse(DocumentFixtures.randomBytes(4096, 42), "pdf", TIMEOUT, MAX_CHARS);
        assertEquals(DocumentParser.CORRUPT, r.reason(), r.detail());
    }
}
