package govlens.lib.pipeline;

import static govlens.lib.testing.RandomTexts.checkRandomData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import govlens.lib.testing.RandomTexts;
import govlens.lib.testing.RandomTexts.Bytes;
import govlens.lib.testing.TextInvariants;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded random files through the whole per-document path ({@link DocumentProcessor}): byte soups named .txt,
 * .html, .md (and an unsupported extension), and report-like records. Every file ends as exactly one document or
 * one quarantine with a known reason; no step may fail (a {@link StepError} or a processing_error quarantine is a
 * bug caught and hidden by the isolation); a document's text is cleaned, its id derives from it, its sections and
 * sentences tile it and its metadata is well-formed. See {@link RandomTexts} for seeds and iteration counts.
 */
class RandomDocumentProcessorTest {

    private static final DocumentProcessor PROCESSOR =
            new DocumentProcessor(List.of("txt", "md", "html", "htm", "pdf", "docx", "doc"), 20);

    // Byte soups named as text, web page or markdown files.
    @Test
    void randomFiles() {
        checkRandomData(
                100,
                r -> {
                    Bytes b = RandomTexts.byteSoup(r);
                    String name = "doc." + RandomTexts.pick(r, "txt", "txt", "html", "htm", "md", "TXT", "xls");
                    return new Bytes(b.bytes(), name + " " + b.how(), b.text());
                },
                Bytes::toString,
                in -> {
                    String name = in.how().substring(0, in.how().indexOf(' '));
                    ProcessedFile pf = PROCESSOR.process(name, in.bytes());
                    TextInvariants.assertProcessed(pf);
                    if (name.endsWith(".xls")) {
                        assertEquals(
                                QuarantineReason.UNSUPPORTED_FORMAT,
                                pf.quarantine().reason());
                    }
                });
    }

    // Web pages (report text in content containers, navigation, scripts) saved as .html, UTF-8 or GB18030; the
    // same file processed twice gives the same result.
    @Test
    void randomWebPages() {
        checkRandomData(
                50,
                r -> {
                    String page = r.nextBoolean()
                            ? RandomTexts.html(r)
                            : "<div class=\"content\"><p>"
                                    + RandomTexts.reportLike(r)
                                            .replace("<", "&lt;")
                                            .replace("\n", "</p><p>") + "</p></div>";
                    RandomTexts.Encoding e = r.nextBoolean() ? RandomTexts.Encoding.UTF8 : RandomTexts.Encoding.GB18030;
                    return new Bytes(RandomTexts.encode(page, e), e.toString(), page);
                },
                Bytes::toString,
                in -> {
                    ProcessedFile pf = PROCESSOR.process("page.html", in.bytes());
                    TextInvariants.assertProcessed(pf);
                    assertEquals(pf, PROCESSOR.process("page.html", in.bytes()), "not deterministic");
                });
    }

    // Records of a record corpus: any text, with or without given metadata.
    @Test
    void randomRecords() {
        checkRandomData(60, RandomTexts::anyText, RandomTexts::escape, text -> {
            TextInvariants.assertProcessed(PROCESSOR.processRecord("dump.jsonl#1", "jsonl", text, RecordMetadata.NONE));
            ProcessedFile given = PROCESSOR.processRecord(
                    "dump.jsonl#2",
                    "jsonl",
                    text,
                    new RecordMetadata("临汾市", 2023, "http://example.gov.cn/a.html", "2024-01-05", null));
            TextInvariants.assertProcessed(given);
            if (given.isDocument()) {
                assertEquals("141000", given.document().metadata().regionCode());
                assertEquals(2023, given.document().metadata().reportYear());
            }
        });
    }

    // The empty-bytes and unsupported paths never yield a document.
    @Test
    void emptyBytesAreQuarantined() {
        ProcessedFile pf = PROCESSOR.process("a.txt", new byte[0]);
        assertNull(pf.document());
        assertEquals(QuarantineReason.EMPTY, pf.quarantine().reason());
    }
}
