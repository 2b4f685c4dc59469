package govlens.lib.nlp;

import com.hankcs.hanlp.dictionary.stopword.CoreStopWordDictionary;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides which tokens are content words (for topic models, keywords, co-occurrence).
 *
 * <p>A token passes when all hold: its length (UTF-16 chars) is at least {@code min-length}; its POS tag
 * starts with one of {@code allowed-pos-prefixes} and is not in {@code denied-pos}; it is not a stopword.
 * Stopwords are the union of HanLP's own list (when {@code hanlp-stopwords} is true), the lines of every
 * classpath resource in {@code stopword-files} ('#' comments allowed) and {@code extra-stopwords}.
 *
 * <p>Config keys and defaults (Typesafe Config, missing keys fall back to these):
 *
 * <pre>
 * stopword-files       = ["/conf/dict/stopwords_domain.txt"]
 * extra-stopwords      = []
 * hanlp-stopwords      = true
 * allowed-pos-prefixes = ["n", "v", "l", "i", "j"]   # n* covers ns nt nz nr nis; v* covers vn vi
 * denied-pos           = ["vshi", "vyou"]             # 是 / 有
 * min-length           = 2                             # drops single characters
 * </pre>
 *
 * <p>Immutable and serializable: the word lists are read when the filter is built, so executors need no
 * classpath access afterwards.
 */
public final class TokenFilter implements Predicate<Token>, Serializable {
    private static final long serialVersionUID = 1L;

    /** Classpath resource of the report-boilerplate stopword list. */
    public static final String DOMAIN_STOPWORDS_RESOURCE = "/conf/dict/stopwords_domain.txt";

    static final Config DEFAULTS =
            ConfigFactory.parseString("stopword-files = [\"" + DOMAIN_STOPWORDS_RESOURCE + "\"]\n"
                    + "extra-stopwords = []\n"
                    + "hanlp-stopwords = true\n"
                    + "allowed-pos-prefixes = [n, v, l, i, j]\n"
                    + "denied-pos = [vshi, vyou]\n"
                    + "min-length = 2\n");

    private final Set<String> stopwords;
    private final boolean hanlpStopwords;
    private final List<String> allowedPosPrefixes;
    private final Set<String> deniedPos;
    private final int minLength;

    private TokenFilter(
            Set<String> stopwords,
            boolean hanlpStopwords,
            List<String> allowedPosPrefixes,
            Set<String> deniedPos,
            int minLength) {
        this.stopwords = Set.copyOf(stopwords);
        this.hanlpStopwords = hanlpStopwords;
        this.allowedPosPrefixes = List.copyOf(allowedPosPrefixes);
        this.deniedPos = Set.copyOf(deniedPos);
        this.minLength = minLength;
    }

    /** The filter with all defaults (see class doc). */
    public static TokenFilter defaults() {
        return fromConfig(ConfigFactory.empty());
    }

    /**
     * Builds a filter from {@code config} (keys at its root, see class doc); missing keys take the defaults.
     *
     * @throws IllegalStateException when a listed stopword file is not on the classpath
     */
    public static TokenFilter fromConfig(Config config) {
        Config c = config.withFallback(DEFAULTS);
        Set<String> stop = new HashSet<>(c.getStringList("extra-stopwords"));
        for (String resource : c.getStringList("stopword-files")) {
            for (String line : DomainDictionary.readLines(resource)) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    stop.add(w);
                }
            }
        }
        return new TokenFilter(
                stop,
                c.getBoolean("hanlp-stopwords"),
                c.getStringList("allowed-pos-prefixes"),
                new HashSet<>(c.getStringList("denied-pos")),
                c.getInt("min-length"));
    }

    @Override
    public boolean test(Token t) {
        if (t.term().length() < minLength) {
            return false;
        }
        if (!posAllowed(t.pos())) {
            return false;
        }
        return !isStopword(t.term());
    }

    /** True when the word is in this filter's stopword lists (HanLP's included when enabled). */
    public boolean isStopword(String word) {
        return stopwords.contains(word) || (hanlpStopwords && CoreStopWordDictionary.contains(word));
    }

    private boolean posAllowed(String pos) {
        if (deniedPos.contains(pos)) {
            return false;
        }
        for (String p : allowedPosPrefixes) {
            if (pos.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
