package govlens.lib.pipeline;

import static govlens.lib.testing.RandomTexts.checkRandomData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.clean.TextCleaner;
import govlens.lib.testing.RandomTexts;
import govlens.lib.testing.RandomTexts.Bytes;
import govlens.lib.testing.TextInvariants;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    private static final Set<String> REASONS = reasons();

    private static Set<String> reasons() {
        Set<String> out = new HashSet<>();
        for (Field f : QuarantineReason.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    out.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    private static void assertProcessed(ProcessedFile pf) {
        assertTrue(pf.isDocument() ^ (pf.quarantine() != null), "exactly one of document and quarantine");
        assertEquals(List.of(), pf.errors(), "a step failed");
        if (!pf.isDocument()) {
            assertTrue(
                    REASONS.contains(pf.quarantine().reason()),
                    "reason " + pf.quarantine().reason());
            assertFalse(
                    QuarantineReason.PROCESSING_ERROR.equals(pf.quarantine().reason()),
                    "processing error: " + pf.quarantine().detail());
            return;
        }
        ProcessedFile.Document d = pf.document();
        String text = d.text();
        assertFalse(text.isBlank(), "blank document");
        assertEquals(DocumentProcessor.docId(text), d.docId(), "doc id");
        assertEquals(text, TextCleaner.clean(text).text(), "document text is not cleaned text");
        TextInvariants.assertSectionsTile(text, d.sections());
        TextInvariants.assertSentencesTile(text, d.sections(), d.sentences());
        assertNotNull(d.metadata());
        TextInvariants.assertMetadataWellFormed(d.metadata());
        assertFalse(
                d.qualityFlags().contains("metadata_error") || d.qualityFlags().contains("sections_error"));
    }

    // Byte soups named as text, web page or markdown files.
    @Test
    void randomFiles() {
        checkRandomData(
                250,
                r -> {
                    Bytes b = RandomTexts.byteSoup(r);
                    String name = "doc." + RandomTexts.pick(r, "txt", "txt", "html", "htm", "md", "TXT", "xls");
                    return new Bytes(b.bytes(), name + " " + b.how(), b.text());
                },
                Bytes::toString,
                in -> {
                    String name = in.how().substring(0, in.how().indexOf(' '));
                    ProcessedFile pf = PROCESSOR.process(name, in.bytes());
                    assertProcessed(pf);
                    if (name.endsWith(".xls")) {
                        assertEquals(
                                QuarantineReason.UNSUPPORTED_FORMAT,
                                pf.quarantine().reason());
                    }
                });
    }

    // Records of a record corpus: any text, with or without given metadata.
    @Test
    void randomRecords() {
        checkRandomData(250, RandomTexts::anyText, RandomTexts::escape, text -> {
            assertProcessed(PROCESSOR.processRecord("dump.jsonl#1", "jsonl", text, RecordMetadata.NONE));
            ProcessedFile given = PROCESSOR.processRecord(
                    "dump.jsonl#2",
                    "jsonl",
                    text,
                    new RecordMetadata("临汾市", 2023, "http://example.gov.cn/a.html", "2024-01-05", null));
            assertProcessed(given);
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
