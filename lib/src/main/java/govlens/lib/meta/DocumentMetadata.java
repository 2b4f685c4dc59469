package govlens.lib.meta;

import java.io.Serializable;
import java.util.List;

/**
 * Metadata of one report, extracted from its cleaned text by {@link MetadataExtractor}. Every field is null when
 * the text does not state it; {@code qualityFlags} says which missing or uncertain fields an analyst should
 * look at.
 *
 * @param title report title as one line, whitespace removed except between joint issuers
 * @param regionName full gazetteer name of the government the report is by/about ("临汾市", "岚县")
 * @param regionCode its 6-digit code
 * @param adminLevel province | prefecture | county
 * @param province full name of its province
 * @param reportYear the year reported ON (not the publication year)
 * @param docNumber the document's own number, brackets normalised to 〔〕 ("临政〔2025〕2号")
 * @param issuer issuing body; joint issuers separated by one space ("中共岚县县委 岚县人民政府")
 * @param signer name after 签发人
 * @param publishDate ISO yyyy-MM-dd
 * @param qualityFlags see {@link MetadataExtractor} for the vocabulary; empty when nothing is doubtful
 */
public record DocumentMetadata(
        String title,
        String regionName,
        String regionCode,
        String adminLevel,
        String province,
        Integer reportYear,
        String docNumber,
        String issuer,
        String signer,
        String publishDate,
        List<String> qualityFlags)
        implements Serializable {

    /** Metadata that could not be read (the extractor failed on the text): every field null, the given flags. */
    public static DocumentMetadata unknown(List<String> qualityFlags) {
        return new DocumentMetadata(
                null, null, null, null, null, null, null, null, null, null, List.copyOf(qualityFlags));
    }
}
