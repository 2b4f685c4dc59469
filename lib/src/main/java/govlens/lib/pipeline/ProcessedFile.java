package govlens.lib.pipeline;

import govlens.lib.meta.DocumentMetadata;
import govlens.lib.text.Section;
import govlens.lib.text.Sentence;
import java.util.List;

/**
 * What became of one input file: exactly one of {@link #document()} and {@link #quarantine()} is non-null,
 * so a file can never vanish between input and output. {@code errors} lists the steps that threw on the way
 * (a document can carry some and still be a document: see {@link DocumentProcessor}).
 */
public record ProcessedFile(
        String sourcePath, String sourceFormat, Document document, Quarantine quarantine, List<StepError> errors) {

    public ProcessedFile {
        errors = List.copyOf(errors);
    }

    /** A report that made it through cleaning: its cleaned text and everything read from it. */
    public record Document(
            String docId,
            String encoding,
            String text,
            DocumentMetadata metadata,
            List<Section> sections,
            List<Sentence> sentences,
            List<String> qualityFlags,
            String sourceUrl) {}

    /** Why a file is not a document; {@code reason} is one of {@link QuarantineReason}'s codes. */
    public record Quarantine(String reason, String detail) {}

    public boolean isDocument() {
        return document != null;
    }
}
