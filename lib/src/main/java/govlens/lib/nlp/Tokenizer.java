package govlens.lib.nlp;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Chinese word segmentation for the report genre: HanLP's standard (Viterbi) segmenter with the project's
 * domain dictionary ({@link DomainDictionary}: domain terms such as 行政复议 or 双随机、一公开, region names
 * such as 岢岚县 and short forms such as 朔州).
 *
 * <p>Behaviour: offsets are UTF-16 indices into the given text and {@code term} is always exactly
 * {@code text.substring(charStart, charEnd)}; the text is not normalised (full-width characters stay as
 * written, so callers should pass cleaned text); whitespace-only tokens are dropped. Number–quantifier
 * merging is on: "82.3万件" is one token tagged {@code mq}, while a percentage stays number + sign
 * ("97.93" {@code m}, "%" {@code nx}) because HanLP does not treat % as a quantifier. The tokens and the
 * whitespace between them always make up the whole text: when HanLP's output does not (a HanLP bug drops
 * characters on some number–quantifier and name combinations), the text is segmented again without
 * person-name recognition, and should that fail too, cut into one token per character tagged {@code x}.
 *
 * <p>Threading and Spark: the segmenter and dictionary live in a lazy static holder, built once per JVM.
 * One Segment instance is shared because HanLP keeps all per-call state on the stack once configured (its
 * author's statement, issue hankcs/HanLP#732, and {@code TokenizerTest#concurrentCallsGiveSequentialResults}).
 * Instances of this class hold only a {@link TokenFilter}, so they are cheap and serializable.
 */
public final class Tokenizer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TokenFilter filter;

    private Tokenizer(TokenFilter filter) {
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /** A tokenizer with the default {@link TokenFilter} (classpath stopword lists). */
    public static Tokenizer fromClasspath() {
        return new Tokenizer(TokenFilter.defaults());
    }

    /** A tokenizer whose {@link #contentTokens} apply the given filter. */
    public static Tokenizer withFilter(TokenFilter filter) {
        return new Tokenizer(filter);
    }

    /** The filter applied by {@link #contentTokens}. */
    public TokenFilter filter() {
        return filter;
    }

    /** All tokens of {@code text} in order, including punctuation and numbers; whitespace is skipped. */
    public List<Token> tokenize(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Term> terms = SegmentHolder.SEGMENT.seg(text);
        if (!coversText(text, terms)) {
            terms = SegmentHolder.WITHOUT_NAMES.seg(text);
            if (!coversText(text, terms)) {
                return characterTokens(text);
            }
        }
        List<Token> out = new ArrayList<>(terms.size());
        for (Term t : terms) {
            if (t.word.isBlank()) {
                continue;
            }
            out.add(new Token(
                    t.word, t.nature == null ? "x" : t.nature.toString(), t.offset, t.offset + t.word.length()));
        }
        return out;
    }

    /**
     * True when every term is its text at its offset, in order, with only whitespace left out between them: the
     * check {@link #tokenize} applies to HanLP's output before trusting it (public for the benchmark, which
     * tells documents where raw HanLP loses characters from real differences).
     */
    public static boolean coversText(String text, List<Term> terms) {
        int pos = 0;
        for (Term t : terms) {
            if (t.offset < pos
                    || t.offset + t.word.length() > text.length()
                    || !text.startsWith(t.word, t.offset)
                    || !text.substring(pos, t.offset).isBlank()) {
                return false;
            }
            pos = t.offset + t.word.length();
        }
        return text.substring(pos).isBlank();
    }

    /** Last resort when both segmenters lose text: one token per non-whitespace character, tagged "x". */
    private static List<Token> characterTokens(String text) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int end = i + Character.charCount(text.codePointAt(i));
            String c = text.substring(i, end);
            if (!c.isBlank()) {
                out.add(new Token(c, "x", i, end));
            }
            i = end;
        }
        return out;
    }

    /** The tokens of {@code text} that pass this tokenizer's {@link TokenFilter}, in order. */
    public List<Token> contentTokens(String text) {
        List<Token> all = tokenize(text);
        List<Token> out = new ArrayList<>(all.size());
        for (Token t : all) {
            if (filter.test(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The shared segmenter, configured once; initialising it installs the domain dictionary. HanLP 1.x loses text
     * when person-name recognition and number–quantifier merging meet ("3万元司余项" comes out as 元/司/余项 with
     * the offsets of 3/万/元司, found by RandomDocumentAnalyzerTest); such a text is segmented again without
     * name recognition.
     */
    private static final class SegmentHolder {
        static final Segment SEGMENT = create();
        static final Segment WITHOUT_NAMES = configure(HanLP.newSegment()).enableNameRecognize(false);

        private static Segment create() {
            DomainDictionary.installOnce();
            return configure(HanLP.newSegment());
        }
    }

    /**
     * The segmenter settings of the pipeline. Transliterated-name recognition (on in HanLP by default) is
     * off: these reports name no foreign persons, and on the sample plus the external corpus (9,721
     * sentences) it changed no token while costing time on every sentence; {@code bench tokenize} checks
     * the equality on every run. Chinese person-name recognition stays on: without it 12% of those sentences
     * segment differently (signers' and officials' names split into characters).
     */
    public static Segment configure(Segment segment) {
        return segment.enableCustomDictionary(true)
                .enableOffset(true)
                .enableNumberQuantifierRecognize(true)
                .enableTranslatedNameRecognize(false);
    }

    /** HanLP's defaults with the same dictionary and merging but every recognizer as HanLP ships it. */
    public static Segment reference() {
        DomainDictionary.installOnce();
        return HanLP.newSegment()
                .enableCustomDictionary(true)
                .enableOffset(true)
                .enableNumberQuantifierRecognize(true);
    }
}
