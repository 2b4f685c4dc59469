package govlens.lib.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import govlens.lib.ingest.DocumentParser.ParseResult;
import govlens.lib.ingest.fixtures.DocumentFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentParserWordTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long MAX_CHARS = 1_000_000;

    static final String TITLE = "临汾市人民政府关于2024年度法治政府建设情况的报告";
    static final String P1 = "全市新收行政复议申请993件,依法受理行政复议案件876件。";
    static final String P2 = "二、存在的不足";

    private static byte[] reportDocx() {
        return DocumentFixtures.docx(TITLE, "临汾市司法局", List.of(TITLE, P1, P2));
    }

    // Each Word paragraph comes back as its own line, text unchanged.
    @Test
    void extractsDocxParagraphsAsLines() {
        ParseResult r = DocumentParser.parse(reportDocx(), "docx", TIMEOUT, MAX_CHARS);
        assertNull(r.reason(), r.detail());
        assertEquals(
                List.of(TITLE, P1, P2),
                r.text()
                        .strip()
                        .lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .toList());
    }

    // Title and author come from the DOCX core properties.
    @Test
    void reportsDocxMetadata() {
        ParseResult r = DocumentParser.parse(reportDocx(), "docx", TIMEOUT, MAX_CHARS);
        assertEquals(TITLE, r.metadata().get("title"));
        assertEquals("临汾市司法局", r.metadata().get("author"));
        assertEquals(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                r.metadata().get("content_type"));
    }

    // A DOCX saved with a .doc name is read by its content, not by its extension.
    @Test
    void docxNamedDocIsReadAsDocx() {
        ParseResult r = DocumentParser.parse(reportDocx(), "doc", TIMEOUT, MAX_CHARS);
        assertNull(r.reason(), r.detail());
        assertEquals(TITLE + P1 + P2, r.text().replaceAll("\\s+", ""));
    }

    // Office's "Encrypt with password" container is encrypted, not corrupt.
    @Test
    void passwordProtectedDocxIsEncrypted() {
        ParseResult r =
                DocumentParser.parse(DocumentFixtures.encryptDocx(reportDocx(), "secret"), "docx", TIMEOUT, MAX_CHARS);
        assertEquals(DocumentParser.ENCRYPTED, r.reason(), r.detail());
        assertNull(r.text());
    }

    // A .doc that is really an HTML page (as some sites serve) is unsupported here, naming what it is.
    @Test
    void htmlNamedDocIsUnsupported() {
        byte[] html = ("<html><head><title>" + TITLE + "</title></head><body><p>" + P1 + "</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        ParseResult r = DocumentParser.parse(html, "doc", TIMEOUT, MAX_CHARS);
        assertEquals(DocumentParser.UNSUPPORTED, r.reason());
        assertEquals("declared doc but the content is text/html", r.detail());
    }

    // An Excel workbook named .doc is an Office file but not a Word document: unsupported.
    @Test
    void excelNamedDocIsUnsupported() {
        ParseResult r = DocumentParser.parse(DocumentFixtures.xls(), "doc", TIMEOUT, MAX_CHARS);
        assertEquals(DocumentParser.UNSUPPORTED, r.reason());
        assertEquals("declared doc but the content is application/vnd.ms-excel", r.detail());
    }

    // A DOCX cut off halfway (its zip directory is missing) is corrupt.
    @Test
    void truncatedDocxIsCorrupt() {
        ParseResult r = DocumentParser.parse(DocumentFixtures.firstHalf(reportDocx()), "docx", TIMEOUT, MAX_CHARS);
        assertEquals(DocumentParser.CORRUPT, r.reason(), r.detail());
    }

    // Random bytes named .docx are corrupt.
    @Test
    void randomBytesNamedDocxAreCorrupt() {
        ParseResult r = DocumentParser.parse(DocumentFixtures.randomBytes(4096, 7), "docx", TIMEOUT, MAX_CHARS);
        assertEquals(DocumentParser.CORRUPT, r.reason(), r.detail());
    }

    // Random bytes named .doc are corrupt.
    @Test
    void randomBytesNamedDocAreCorrupt() {
        ParseResult r = DocumentParser.parse(DocumentFixtures.randomBytes(4096, 9), "doc", TIMEOUT, MAX_CHARS);
        assertEquals(DocumentParser.CORRUPT, r.reason(), r.detail());
    }
}
