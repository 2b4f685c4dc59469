package govlens.lib.nlp;

import govlens.lib.pipeline.FaultInjection;
import govlens.lib.pipeline.StepError;
import govlens.lib.text.Sentence;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything the text-analytics stage needs from one document, in one pass over its sentences: the tokens of
 * every sentence, the document's content-term counts, its TextRank keywords and its LDA units. A document is
 * the unit of work so that nothing token-level has to be shuffled between machines: corpus-wide figures are
 * sums of these per-document results.
 *
 * <p>Each step is isolated: an exception in tokenization leaves the whole analysis empty, one in TextRank or
 * unit building leaves that output empty; each failure is returned as a {@link StepError} (steps {@code
 * tokenize}, {@code textrank}, {@code units}) instead of being thrown.
 *
 * <p>Units are the documents of the topic model: with {@code unit = section}, one per section (id = the
 * section id); with {@code unit = chunk}, chunk n holds the sentences that start within characters
 * [n·chunkChars, (n+1)·chunkChars) of the document's sentence text, so chunks never split a sentence (ids
 * c000, c001, …). A unit's terms are its content tokens in text order; units without any are left out.
 *
 * <p>Thread-safe and serializable; HanLP is shared per JVM through {@link Tokenizer}.
 */
public final class DocumentAnalyzer implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String STEP_TOKENIZE = "tokenize";
    public static final String STEP_TEXTRANK = "textrank";
    public static final String STEP_UNITS = "units";

    /**
     * @param topK TextRank keywords kept per document
     * @param unit {@code section} or {@code chunk}
     * @param chunkChars chunk size in characters when unit is chunk
     */
    public record Settings(int topK, String unit, int chunkChars) implements Serializable {
        public Settings {
            if (!unit.equals("section") && !unit.equals("chunk")) {
                throw new IllegalArgumentException("unit must be section or chunk, found " + unit);
            }
            if (topK < 1 || chunkChars < 1) {
                throw new IllegalArgumentException("topK and chunkChars must be >= 1");
            }
        }
    }

    /**
     * The tokens of one sentence as parallel arrays (what the Spark side turns into columns without a row per
     * token); offsets are into the document text.
     */
    public record SentenceTokens(
            String sectionId,
            int sentenceIdx,
            String[] terms,
            String[] pos,
            int[] starts,
            int[] ends,
            boolean[] content) {}

    /** One LDA unit: its id and its content terms in text order. */
    public record Unit(String unitId, List<String> terms) {}

    /**
     * The analysis of one document.
     *
     * @param terms distinct content terms, sorted
     * @param counts occurrences of each of {@code terms} as a content token
     */
    public record Analysis(
            List<SentenceTokens> sentences,
            String[] terms,
            long[] counts,
            List<KeywordRanker.Keyword> textRank,
            List<Unit> units,
            List<StepError> errors) {}

    private final Tokenizer tokenizer;
    private final Settings settings;

    public DocumentAnalyzer(Tokenizer tokenizer, Settings settings) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Analyses a document given its sentences in document order (sentences.idx ascending). */
    public Analysis analyze(List<Sentence> sentences) {
        List<StepError> errors = new ArrayList<>();
        List<SentenceTokens> tokens;
        try {
            checkFault(STEP_TOKENIZE, sentences);
            tokens = tokenize(sentences);
        } catch (RuntimeException | StackOverflowError e) {
            errors.add(StepError.of(STEP_TOKENIZE, e));
            return new Analysis(List.of(), new String[0], new long[0], List.of(), List.of(), errors);
        }
        List<String> content = new ArrayList<>();
        TreeMap<String, long[]> counts = new TreeMap<>();
        for (SentenceTokens s : tokens) {
            for (int i = 0; i < s.terms().length; i++) {
                if (s.content()[i]) {
                    content.add(s.terms()[i]);
                    counts.computeIfAbsent(s.terms()[i], k -> new long[1])[0]++;
                }
            }
        }
        String[] terms = counts.keySet().toArray(new String[0]);
        long[] n = new long[terms.length];
        for (int i = 0; i < terms.length; i++) {
            n[i] = counts.get(terms[i])[0];
        }
        List<KeywordRanker.Keyword> ranked;
        try {
            checkFault(STEP_TEXTRANK, sentences);
            ranked = KeywordRanker.rank(content, settings.topK());
        } catch (RuntimeException | StackOverflowError e) {
            errors.add(StepError.of(STEP_TEXTRANK, e));
            ranked = List.of();
        }
        List<Unit> units;
        try {
            checkFault(STEP_UNITS, sentences);
            units = units(tokens, sentences, settings);
        } catch (RuntimeException | StackOverflowError e) {
            errors.add(StepError.of(STEP_UNITS, e));
            units = List.of();
        }
        return new Analysis(tokens, terms, n, ranked, units, errors);
    }

    /**
     * Only the first step of {@link #analyze}: the tokens of each sentence (given in document order), with no
     * fault isolation. For measuring tokenization on its own ({@code bench tokenize}).
     */
    public List<SentenceTokens> tokenize(List<Sentence> sentences) {
        TokenFilter filter = tokenizer.filter();
        List<SentenceTokens> out = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) {
            List<Token> ts = tokenizer.tokenize(s.text());
            int n = ts.size();
            String[] terms = new String[n];
            String[] pos = new String[n];
            int[] starts = new int[n];
            int[] ends = new int[n];
            boolean[] content = new boolean[n];
            for (int i = 0; i < n; i++) {
                Token t = ts.get(i);
                terms[i] = t.term();
                pos[i] = t.pos();
                starts[i] = s.charStart() + t.charStart();
                ends[i] = s.charStart() + t.charEnd();
                content[i] = filter.test(t);
            }
            out.add(new SentenceTokens(s.sectionId(), s.idx(), terms, pos, starts, ends, content));
        }
        return out;
    }

    /** The units of a tokenized document; {@code tokens} and {@code sentences} in the same (document) order. */
    static List<Unit> units(List<SentenceTokens> tokens, List<Sentence> sentences, Settings settings) {
        Map<String, List<String>> byUnit = new LinkedHashMap<>();
        long charsBefore = 0;
        for (int k = 0; k < tokens.size(); k++) {
            SentenceTokens s = tokens.get(k);
            String unitId = settings.unit().equals("chunk")
                    ? String.format("c%03d", (int) (charsBefore / settings.chunkChars()))
                    : s.sectionId();
            Sentence sentence = sentences.get(k);
            charsBefore += sentence.charEnd() - sentence.charStart();
            for (int i = 0; i < s.terms().length; i++) {
                if (s.content()[i]) {
                    byUnit.computeIfAbsent(unitId, u -> new ArrayList<>()).add(s.terms()[i]);
                }
            }
        }
        List<Unit> out = new ArrayList<>(byUnit.size());
        byUnit.forEach((id, terms) -> out.add(new Unit(id, List.copyOf(terms))));
        return out;
    }

    private static void checkFault(String step, List<Sentence> sentences) {
        if (System.getProperty(FaultInjection.PROPERTY) == null) {
            return;
        }
        StringBuilder all = new StringBuilder();
        for (Sentence s : sentences) {
            all.append(s.text());
        }
        FaultInjection.check(step, all);
    }
}
