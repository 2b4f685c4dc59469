package govlens.lib.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import govlens.lib.clean.CleanResult;
import govlens.lib.clean.OffsetMap;
import govlens.lib.clean.TextCleaner;
import govlens.lib.meta.DocumentMetadata;
import govlens.lib.meta.Gazetteer;
import govlens.lib.meta.Region;
import govlens.lib.nlp.DocumentAnalyzer;
import govlens.lib.nlp.KeywordRanker;
import govlens.lib.nlp.Token;
import govlens.lib.pipeline.DocumentProcessor;
import govlens.lib.pipeline.ProcessedFile;
import govlens.lib.pipeline.QuarantineReason;
import govlens.lib.text.Punctuation;
import govlens.lib.text.Section;
import govlens.lib.text.Sentence;
import govlens.lib.text.SentenceSplitter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the text components promise in their javadoc, as assertions shared by the random-input tests (lib and
 * jobs). Each method checks one component's output against its documented contract, so a random test states its
 * invariants by calling these.
 */
public final class TextInvariants {
    private TextInvariants() {}

    /** The first year a report year may have, and the last (the year patterns read 19xx and 20xx). */
    public static final int FIRST_YEAR = 1900;

    public static final int LAST_YEAR = 2099;

    private static final Set<String> KINDS =
            Set.of(Section.KIND_ACHIEVEMENTS, Section.KIND_PROBLEMS, Section.KIND_PLANS, Section.KIND_OTHER);

    // ------------------------------------------------------------------------------------------------ cleaning

    /**
     * {@link TextCleaner}'s guarantees on its text, idempotence, and the offset map: every cleaned character maps
     * into the raw text, in order, to the character it came from (or its width-folded form); inserted paragraph
     * breaks map just past the previous kept character.
     */
    public static void assertCleaned(String raw, CleanResult r) {
        String t = r.text();
        assertNotNull(t);
        assertFalse(t.startsWith("\n") || t.endsWith("\n"), "leading or trailing newline");
        assertFalse(t.contains("\n\n\n"), "more than one blank line between paragraphs");
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            final int ci = i;
            java.util.function.Supplier<String> at0 =
                    () -> "cleaned char " + ci + " " + RandomTexts.escape(String.valueOf(t.charAt(ci)));
            if (c == '\n') {
                boolean pairStart = i + 1 < t.length() && t.charAt(i + 1) == '\n';
                boolean pairEnd = i > 0 && t.charAt(i - 1) == '\n';
                assertTrue(pairStart || pairEnd, () -> at0.get() + ": a single line break inside the text");
                if (pairEnd) {
                    assertTrue(
                            i >= 2 && t.charAt(i - 2) != ' ',
                            () -> at0.get() + ": trailing space before a paragraph break");
                    assertTrue(
                            i + 1 < t.length() && t.charAt(i + 1) != ' ',
                            () -> at0.get() + ": indentation after a break");
                }
                continue;
            }
            assertFalse(
                    c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\f' || c == '\u000B',
                    () -> at0.get() + ": a line end other than \\n");
            assertFalse(c < 0x20 || c == 0x7F, () -> at0.get() + ": control character");
            assertFalse(
                    c == '\uFEFF'
                            || (c >= '\u200B' && c <= '\u200F')
                            || (c >= '\u202A' && c <= '\u202E')
                            || (c >= '\u2060' && c <= '\u2064')
                            || c == '\u00AD',
                    () -> at0.get() + ": invisible character");
            assertFalse(c >= '\uFF01' && c <= '\uFF5E', () -> at0.get() + ": full-width form not folded");
            assertFalse(
                    c == '\u3000'
                            || c == '\u00A0'
                            || (c >= '\u2000' && c <= '\u200A')
                            || c == '\u202F'
                            || c == '\u205F',
                    () -> at0.get() + ": space other than ' '");
        }
        assertTrue(Normalizer.isNormalized(t, Normalizer.Form.NFC), "not NFC");
        assertFalse(t.startsWith(" ") || t.endsWith(" "), "leading or trailing space");
        assertFalse(t.contains("  "), "a run of spaces left at " + t.indexOf("  "));
        java.util.regex.Matcher cjkSpace = CJK_SPACE.matcher(t);
        assertFalse(
                cjkSpace.find(), () -> "a space between CJK characters left: " + RandomTexts.escape(cjkSpace.group()));
        assertEquals(t, TextCleaner.clean(t).text(), "cleaning is not idempotent");
        assertEquals(hasSurrogate(t), r.flags().contains("has_supplementary_chars"), "has_supplementary_chars flag");

        OffsetMap m = r.offsets();
        assertEquals(t.length(), m.cleanedLength(), "offset map cleaned length");
        assertEquals(raw.length(), m.rawLength(), "offset map raw length");
        assertEquals(raw.length(), m.toRaw(t.length()), "end of text maps to the raw end");
        // NFC applies after width folding ("ｅ" + U+0301 → "é"), so judge the folded raw text.
        StringBuilder folded = new StringBuilder(raw);
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                folded.setCharAt(i, (char) (c - 0xFEE0));
            }
        }
        boolean rawIsNfc = Normalizer.isNormalized(folded, Normalizer.Form.NFC);
        int prev = -1;
        for (int i = 0; i < t.length(); i++) {
            int k = m.toRaw(i);
            final int ci = i;
            java.util.function.Supplier<String> at0 =
                    () -> "cleaned char " + ci + " " + RandomTexts.escape(t.substring(ci, ci + 1)) + " → raw " + k;
            assertTrue(k >= 0 && k <= raw.length(), () -> at0.get() + ": outside the raw text");
            assertTrue(k >= prev, () -> at0.get() + ": raw offsets go backwards");
            prev = k;
            char c = t.charAt(i);
            if (c == '\n' || c == ' ' || !rawIsNfc) {
                continue; // inserted breaks, spaces folded from any space, NFC-composed clusters
            }
            assertTrue(k < raw.length(), () -> at0.get() + ": a kept character maps to the raw end");
            char o = raw.charAt(k);
            assertTrue(
                    o == c || (o >= '\uFF01' && o <= '\uFF5E' && o - 0xFEE0 == c),
                    () -> at0.get() + ": maps to " + RandomTexts.escape(String.valueOf(o))
                            + ", not the character it came from");
        }
        for (int s = 0; s < t.length(); s++) {
            assertTrue(m.toRawEnd(s + 1) >= m.toRaw(s) + 1 || t.charAt(s) == '\n', "toRawEnd before toRaw at " + s);
        }
    }

    private static final java.util.regex.Pattern CJK_SPACE = java.util.regex.Pattern.compile("\\p{IsHan} \\p{IsHan}");

    private static boolean hasSurrogate(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isSurrogate(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ sections

    /**
     * {@link govlens.lib.text.SectionSplitter}'s promises: sections partition the text in order (the first starts
     * at 0, each starts where the previous ends, the last ends at the text's end; none for an empty text), ids
     * s000… in order, each text is its substring, a level-0 preamble only first with path "0" and no heading,
     * parents are earlier sections of a lower level with the path as prefix, kinds from the vocabulary, and a
     * heading is the start of its section (after leading whitespace).
     */
    public static void assertSectionsTile(String text, List<Section> sections) {
        if (text.isEmpty()) {
            assertEquals(List.of(), sections, "sections of an empty text");
            return;
        }
        assertFalse(sections.isEmpty(), "no section for a non-empty text");
        Map<String, Section> byId = new HashMap<>();
        int end = 0;
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            String at = "section " + i + " " + s.sectionId() + " [" + s.charStart() + "," + s.charEnd() + ")";
            assertEquals(String.format("s%03d", i), s.sectionId(), at + ": id");
            assertEquals(end, s.charStart(), at + ": does not start where the previous ends");
            assertTrue(s.charStart() <= s.charEnd() && s.charEnd() <= text.length(), at + ": offsets");
            assertTrue(s.charStart() < s.charEnd(), at + ": empty section");
            assertEquals(text.substring(s.charStart(), s.charEnd()), s.text(), at + ": text is not its substring");
            assertTrue(KINDS.contains(s.kind()), at + ": kind " + s.kind());
            if (s.level() == 0) {
                assertEquals(0, i, at + ": a preamble after the first section");
                assertEquals("0", s.path(), at + ": preamble path");
                assertNull(s.heading(), at + ": preamble heading");
                assertNull(s.parentId(), at + ": preamble parent");
                assertEquals(Section.KIND_OTHER, s.kind(), at + ": preamble kind");
            } else {
                assertTrue(s.level() >= 1 && s.level() <= 6, at + ": level " + s.level());
                if (s.parentId() == null) {
                    assertTrue(s.path().matches("[1-9]\\d*"), at + ": top-level path " + s.path());
                } else {
                    Section p = byId.get(s.parentId());
                    assertNotNull(p, at + ": parent " + s.parentId() + " is not an earlier section");
                    assertTrue(p.level() >= 1 && p.level() < s.level(), at + ": parent level " + p.level());
                    assertTrue(
                            s.path().matches(java.util.regex.Pattern.quote(p.path()) + "\\.[1-9]\\d*"),
                            at + ": path " + s.path() + " under parent path " + p.path());
                }
            }
            if (s.heading() != null) {
                assertFalse(s.heading().isBlank(), at + ": blank heading");
                int h = 0;
                while (h < s.text().length() && isSpace(s.text().charAt(h))) {
                    h++;
                }
                assertTrue(
                        s.text().startsWith(s.heading(), h),
                        at + ": heading " + RandomTexts.escape(s.heading()) + " does not start the section");
            }
            byId.put(s.sectionId(), s);
            end = s.charEnd();
        }
        assertEquals(text.length(), end, "the last section does not end at the end of the text");
    }

    // ------------------------------------------------------------------------------------------------ sentences

    /**
     * {@link SentenceSplitter}'s promises: idx 0…, text is the substring, no surrounding whitespace, in order
     * without overlap, no sentence crosses a line break or a section start, the section id is that of the
     * section holding the first character, and what lies between sentences is whitespace only (the sentences
     * tile the text up to whitespace). A sentence longer than {@link SentenceSplitter#MAX_SENTENCE} holds no
     * semicolon before its last character.
     */
    public static void assertSentencesTile(String text, List<Section> sections, List<Sentence> sentences) {
        int prevEnd = 0;
        for (int i = 0; i < sentences.size(); i++) {
            Sentence s = sentences.get(i);
            String at = "sentence " + i + " [" + s.charStart() + "," + s.charEnd() + ")";
            assertEquals(i, s.idx(), at + ": idx");
            assertTrue(
                    0 <= s.charStart() && s.charStart() < s.charEnd() && s.charEnd() <= text.length(),
                    at + ": offsets outside the text of length " + text.length());
            assertEquals(text.substring(s.charStart(), s.charEnd()), s.text(), at + ": text is not its substring");
            assertTrue(s.charStart() >= prevEnd, at + ": overlaps the previous sentence ending at " + prevEnd);
            assertTrue(
                    text.substring(prevEnd, s.charStart()).isBlank() || allSpace(text, prevEnd, s.charStart()),
                    at + ": non-space text between sentences: "
                            + RandomTexts.escape(text.substring(prevEnd, s.charStart())));
            assertFalse(
                    isSpace(s.text().charAt(0))
                            || isSpace(s.text().charAt(s.text().length() - 1)),
                    at + ": untrimmed");
            assertFalse(s.text().indexOf('\n') >= 0, at + ": crosses a line break");
            Section home = sectionAt(sections, s.charStart());
            if (home == null) {
                assertNull(s.sectionId(), at + ": section id without a section");
            } else {
                assertEquals(home.sectionId(), s.sectionId(), at + ": section id");
                assertTrue(s.charEnd() <= home.charEnd(), at + ": crosses into the next section");
            }
            // A sentence ends after its first terminator and the terminators and closers right after it.
            String body = s.text();
            for (int k = 0; k < body.length(); k++) {
                if (Punctuation.SENTENCE_END.indexOf(body.charAt(k)) >= 0) {
                    for (int j = k + 1; j < body.length(); j++) {
                        if (Punctuation.SENTENCE_END.indexOf(body.charAt(j)) < 0
                                && Punctuation.CLOSERS.indexOf(body.charAt(j)) < 0) {
                            fail(at + ": goes on after its terminator at " + k + ": " + RandomTexts.escape(body));
                        }
                    }
                    break;
                }
            }
            if (s.text().length() > SentenceSplitter.MAX_SENTENCE) {
                String head = s.text().substring(0, s.text().length() - 1);
                assertTrue(
                        head.indexOf(';') < 0 && head.indexOf('；') < 0,
                        at + ": a long sentence (" + s.text().length() + " chars) not cut at its semicolons");
            }
            prevEnd = s.charEnd();
        }
        assertTrue(allSpace(text, prevEnd, text.length()), "non-space text after the last sentence");
    }

    private static boolean allSpace(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static Section sectionAt(List<Section> sections, int pos) {
        if (sections == null) {
            return null;
        }
        for (Section s : sections) {
            if (s.charStart() <= pos && pos < s.charEnd()) {
                return s;
            }
        }
        return null;
    }

    /** The splitters' notion of a space: Java whitespace, Unicode space separators and the BOM. */
    public static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }

    // ------------------------------------------------------------------------------------------------ tokens

    /**
     * {@link govlens.lib.nlp.Tokenizer}'s promises: offsets in the text, term equal to its substring, in order
     * without overlap, no whitespace-only token, and nothing but whitespace between tokens (the tokens and the
     * skipped whitespace concatenate to the text).
     */
    public static void assertTokens(String text, List<Token> tokens) {
        int prevEnd = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String at =
                    "token " + i + " " + RandomTexts.escape(t.term()) + " [" + t.charStart() + "," + t.charEnd() + ")";
            assertTrue(
                    0 <= t.charStart() && t.charStart() < t.charEnd() && t.charEnd() <= text.length(),
                    at + ": offsets outside the text of length " + text.length());
            assertEquals(text.substring(t.charStart(), t.charEnd()), t.term(), at + ": term is not its substring");
            assertFalse(t.term().isBlank(), at + ": whitespace-only token");
            assertNotNull(t.pos(), at + ": no part of speech");
            assertTrue(t.charStart() >= prevEnd, at + ": overlaps the previous token ending at " + prevEnd);
            assertTrue(
                    text.substring(prevEnd, t.charStart()).isBlank(),
                    at + ": text skipped between tokens: "
                            + RandomTexts.escape(text.substring(prevEnd, t.charStart())));
            prevEnd = t.charEnd();
        }
        assertTrue(
                text.substring(prevEnd).isBlank(),
                "text skipped after the last token: " + RandomTexts.escape(text.substring(prevEnd)));
    }

    // ------------------------------------------------------------------------------------------------ metadata

    /**
     * Every metadata field is null or well-formed: the region is a gazetteer division (6-digit code, with its
     * name, level and province), the year lies in {@value #FIRST_YEAR}–{@value #LAST_YEAR}, the date is an ISO
     * date, text fields are non-blank single lines, the document number has 〔year〕 brackets.
     */
    public static void assertMetadataWellFormed(DocumentMetadata m) {
        assertNotNull(m.qualityFlags(), "flags");
        if (m.regionCode() != null) {
            assertTrue(m.regionCode().matches("\\d{6}"), "region code " + m.regionCode());
            Region r = Gazetteer.get().byCode(m.regionCode());
            assertNotNull(r, "region code " + m.regionCode() + " is not in the gazetteer");
            assertEquals(
                    List.of(r.name(), r.level(), r.province()),
                    java.util.Arrays.asList(m.regionName(), m.adminLevel(), m.province()),
                    "region fields disagree with the gazetteer");
        } else {
            assertNull(m.regionName(), "region name without a code");
            assertNull(m.adminLevel(), "level without a region");
        }
        if (m.province() != null) {
            assertFalse(Gazetteer.get().byName(m.province()).isEmpty(), "province " + m.province());
        }
        if (m.reportYear() != null) {
            assertTrue(m.reportYear() >= FIRST_YEAR && m.reportYear() <= LAST_YEAR, "year " + m.reportYear());
        }
        if (m.publishDate() != null) {
            assertTrue(m.publishDate().matches("\\d{4}-\\d{2}-\\d{2}"), "publish date " + m.publishDate());
            try {
                LocalDate.parse(m.publishDate());
            } catch (RuntimeException e) {
                fail("publish date " + m.publishDate() + " is not a date: " + e);
            }
        }
        if (m.docNumber() != null) {
            assertTrue(m.docNumber().matches("\\S*〔\\d{4}〕\\d{1,5}号"), "doc number " + m.docNumber());
        }
        for (String f : new String[] {m.title(), m.issuer(), m.signer()}) {
            if (f != null) {
                assertFalse(f.isBlank() || f.indexOf('\n') >= 0, "field " + RandomTexts.escape(f));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ pipeline

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

    /**
     * A file through {@link DocumentProcessor}: exactly one document or one quarantine with a known reason; no step
     * failed (a {@link StepError} or a processing_error quarantine is a bug the isolation caught); a document's text
     * is cleaned text, its id derives from it, its sections and sentences tile it and its metadata is well-formed.
     */
    public static void assertProcessed(ProcessedFile pf) {
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

    // ------------------------------------------------------------------------------------------------ analysis

    /**
     * {@link DocumentAnalyzer}'s promises for one document: no step failed, every token lies in its sentence and is
     * its substring of the document text, term counts are the content tokens', the keywords are content terms with
     * their counts, and the units hold the content tokens (in text order for chunks).
     */
    public static void assertAnalysis(
            String text, List<Sentence> sentences, DocumentAnalyzer.Settings settings, DocumentAnalyzer.Analysis a) {
        record D(List<Sentence> sentences, DocumentAnalyzer.Settings settings) {}
        D d = new D(sentences, settings);
        assertEquals(List.of(), a.errors(), "a step failed");
        assertEquals(d.sentences().size(), a.sentences().size(), "one token row per sentence");
        List<String> content = new ArrayList<>();
        TreeMap<String, Long> counts = new TreeMap<>();
        for (int k = 0; k < a.sentences().size(); k++) {
            DocumentAnalyzer.SentenceTokens st = a.sentences().get(k);
            Sentence s = d.sentences().get(k);
            assertEquals(s.idx(), st.sentenceIdx());
            assertEquals(s.sectionId(), st.sectionId());
            int n = st.terms().length;
            assertTrue(
                    st.pos().length == n
                            && st.starts().length == n
                            && st.ends().length == n
                            && st.content().length == n,
                    "parallel arrays");
            int prev = s.charStart();
            for (int i = 0; i < n; i++) {
                String at = "sentence " + k + " token " + i;
                assertTrue(
                        st.starts()[i] >= prev && st.starts()[i] < st.ends()[i] && st.ends()[i] <= s.charEnd(),
                        at + ": offsets outside the sentence or overlapping");
                assertEquals(text.substring(st.starts()[i], st.ends()[i]), st.terms()[i], at + ": term");
                prev = st.ends()[i];
                if (st.content()[i]) {
                    content.add(st.terms()[i]);
                    counts.merge(st.terms()[i], 1L, Long::sum);
                }
            }
        }
        assertArrayEquals(counts.keySet().toArray(new String[0]), a.terms(), "distinct sorted content terms");
        assertArrayEquals(counts.values().stream().mapToLong(Long::longValue).toArray(), a.counts(), "term counts");
        assertTrue(a.textRank().size() <= Math.min(d.settings().topK(), counts.size()), "keyword count");
        for (KeywordRanker.Keyword k : a.textRank()) {
            assertTrue(counts.containsKey(k.term()), "keyword not a content term: " + k.term());
            assertEquals(counts.get(k.term()).intValue(), k.count(), "keyword count of " + k.term());
            assertTrue(Double.isFinite(k.score()) && k.score() > 0, "score of " + k.term());
        }
        List<String> unitTerms = new ArrayList<>();
        Set<String> sectionIds = d.sentences().stream().map(Sentence::sectionId).collect(Collectors.toSet());
        for (DocumentAnalyzer.Unit u : a.units()) {
            assertTrue(!u.terms().isEmpty(), "empty unit " + u.unitId());
            if (d.settings().unit().equals("chunk")) {
                assertTrue(u.unitId().matches("c\\d{3,}"), "chunk id " + u.unitId());
            } else {
                assertTrue(sectionIds.contains(u.unitId()), "unit id " + u.unitId());
            }
            unitTerms.addAll(u.terms());
        }
        if (d.settings().unit().equals("chunk")) {
            assertEquals(content, unitTerms, "chunks hold the content tokens in text order");
        } else {
            assertEquals(content.size(), unitTerms.size(), "section units hold every content token");
        }
    }
}
