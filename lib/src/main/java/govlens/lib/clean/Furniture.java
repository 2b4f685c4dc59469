package govlens.lib.clean;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * The web page furniture lists of {@code /conf/clean/furniture.conf}: the words of toolbar, footer, breadcrumb,
 * contact, counter, editor, related-links and metadata-label lines, the clock, watermark and inline patterns the
 * {@link TextCleaner} removes, and the tags, chrome tokens and content selectors the HTML extractor uses.
 *
 * <p>Validated at load, so an analyst's typo fails fast with {@link IllegalArgumentException}: unknown keys,
 * missing or empty lists, blank entries, regular expressions that do not compile and CSS selectors jsoup cannot
 * parse are each named with what to do. Loaded once per JVM by {@link #get()}; immutable and thread-safe.
 */
public final class Furniture {

    /** Classpath location of the furniture file. */
    public static final String RESOURCE = "/conf/clean/furniture.conf";

    private static final Set<String> TOP_KEYS =
            Set.of("line-max", "footer-max", "watermark-prefix-max", "words", "patterns", "html");
    private static final Set<String> WORD_KEYS =
            Set.of("toolbar", "site", "breadcrumb", "contact", "counter", "editor", "related", "labels");
    private static final Set<String> PATTERN_KEYS =
            Set.of("clock-lines", "watermark-prefix", "watermark-urls", "inline");
    private static final Set<String> HTML_KEYS = Set.of("drop-tags", "chrome-tokens", "content-selectors");

    final int lineMax;
    final int footerMax;
    final Pattern toolbar;
    final Pattern site;
    final Pattern breadcrumbLabel;
    final Pattern contact;
    final Pattern counter;
    final Pattern editorLabel;
    final Pattern editorLine;
    final Pattern related;
    final Pattern labelOnly;
    final List<Pattern> clockLines;
    final List<Pattern> watermarkUrls;
    final int watermarkPrefixMax;
    final Pattern watermarkPrefix;
    final List<Pattern> inline;
    private final String dropTags;
    private final Set<String> chromeTokens;
    private final String contentSelectors;

    private Furniture(Config c, String source) {
        checkKeys(c, TOP_KEYS, "", source);
        lineMax = positive(c, "line-max", source);
        footerMax = positive(c, "footer-max", source);
        checkKeys(c.getConfig("words"), WORD_KEYS, "words.", source);
        checkKeys(c.getConfig("patterns"), PATTERN_KEYS, "patterns.", source);
        checkKeys(c.getConfig("html"), HTML_KEYS, "html.", source);
        String bracketOpen = "[【\\[]?\\s*";
        String bracketClose = "\\s*[】\\]]?";
        toolbar = Pattern.compile("^(" + bracketOpen + "(" + alternation(c, "words.toolbar", source) + ")"
                + bracketClose + "\\s*[:|]?\\s*)+$|^[【】\\[\\]]$");
        site = Pattern.compile(alternation(c, "words.site", source), Pattern.CASE_INSENSITIVE);
        breadcrumbLabel = Pattern.compile("^(" + alternation(c, "words.breadcrumb", source) + ")\\s*:");
        contact = Pattern.compile(
                "^[(（\\[]?\\s*(" + alternation(c, "words.contact", source) + ")\\s*:", Pattern.CASE_INSENSITIVE);
        counter = Pattern.compile("^(" + alternation(c, "words.counter", source) + ")\\s*:?\\s*\\d*\\s*次?$");
        String editors = alternation(c, "words.editor", source);
        editorLabel = Pattern.compile("^(" + editors + ")\\s*:?$");
        editorLine = Pattern.compile("^[(（\\[]?(" + editors + ")\\s*:");
        related = Pattern.compile("^(" + alternation(c, "words.related", source) + ")");
        labelOnly = Pattern.compile("^(" + alternation(c, "words.labels", source) + ")\\s*:$");
        clockLines = patterns(c, "patterns.clock-lines", source);
        watermarkUrls = patterns(c, "patterns.watermark-urls", source);
        watermarkPrefixMax = positive(c, "watermark-prefix-max", source);
        watermarkPrefix = pattern(c, "patterns.watermark-prefix", source);
        inline = patterns(c, "patterns.inline", source);
        dropTags = String.join(", ", words(c, "html.drop-tags", source));
        chromeTokens = words(c, "html.chrome-tokens", source).stream()
                .map(s -> s.toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        List<String> selectors = words(c, "html.content-selectors", source);
        for (String s : selectors) {
            try {
                QueryParser.parse(s);
            } catch (Selector.SelectorParseException e) {
                throw new IllegalArgumentException(source + ": html.content-selectors entry '" + s
                        + "' is not a CSS selector jsoup can parse (" + e.getMessage() + "); fix or remove it");
            }
        }
        contentSelectors = String.join(", ", selectors);
    }

    private static final class Holder {
        static final Furniture INSTANCE = fromClasspath();
    }

    /** The JVM-wide furniture lists, loaded from the classpath on first use. */
    public static Furniture get() {
        return Holder.INSTANCE;
    }

    static Furniture fromClasspath() {
        InputStream in = Furniture.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(
                    "Furniture resource " + RESOURCE + " not found on the classpath: build the lib"
                            + " module so that conf/ is packaged under conf/ (lib/pom.xml resources).");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(r, RESOURCE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** Parses and validates a furniture file (tests, or an analyst's copy); {@code source} names it in errors. */
    public static Furniture parse(Reader reader, String source) {
        Config c;
        try {
            c = ConfigFactory.parseReader(reader, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF))
                    .resolve();
        } catch (ConfigException e) {
            throw new IllegalArgumentException(source + " is not valid HOCON: " + e.getMessage(), e);
        }
        return new Furniture(c, source);
    }

    /** HTML tags dropped with their content, as a jsoup selector. */
    public String dropTags() {
        return dropTags;
    }

    /** Lower-case id/class tokens that mark page chrome. */
    public Set<String> chromeTokens() {
        return chromeTokens;
    }

    /** Main-content container selectors, as one jsoup selector. */
    public String contentSelectors() {
        return contentSelectors;
    }

    private static void checkKeys(Config c, Set<String> allowed, String prefix, String source) {
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, ?> e : c.root().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                unknown.add(prefix + e.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(source + ": unknown key(s) " + unknown + "; allowed under '"
                    + (prefix.isEmpty() ? "top level" : prefix.substring(0, prefix.length() - 1)) + "': "
                    + new TreeSet<>(allowed));
        }
        for (String k : allowed) {
            if (!c.hasPath(k)) {
                throw new IllegalArgumentException(source + ": missing key " + prefix + k);
            }
        }
    }

    private static int positive(Config c, String key, String source) {
        try {
            int v = c.getInt(key);
            if (v <= 0) {
                throw new IllegalArgumentException(
                        source + ": " + key + " must be a positive number of characters, not " + v);
            }
            return v;
        } catch (ConfigException.WrongType e) {
            throw new IllegalArgumentException(source + ": " + key + " must be a number", e);
        }
    }

    private static List<String> words(Config c, String key, String source) {
        List<String> list;
        try {
            list = c.getStringList(key);
        } catch (ConfigException.WrongType e) {
            throw new IllegalArgumentException(source + ": " + key + " must be a list of strings", e);
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException(
                    source + ": " + key + " is empty; give at least one entry or remove what" + " uses it");
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).isBlank()) {
                throw new IllegalArgumentException(source + ": " + key + " entry " + (i + 1) + " is blank; remove it");
            }
        }
        return list;
    }

    /** The words of a list as one regex alternation, longest first so 打印本页 wins over 打印. */
    private static String alternation(Config c, String key, String source) {
        List<String> ws = new ArrayList<>(words(c, key, source));
        ws.sort((a, b) -> b.length() - a.length());
        return ws.stream().map(w -> Pattern.quote(w.strip())).collect(Collectors.joining("|"));
    }

    private static Pattern pattern(Config c, String key, String source) {
        String p;
        try {
            p = c.getString(key);
        } catch (ConfigException.WrongType e) {
            throw new IllegalArgumentException(source + ": " + key + " must be one regular expression", e);
        }
        if (p.isBlank()) {
            throw new IllegalArgumentException(source + ": " + key + " is blank");
        }
        try {
            return Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(source + ": " + key + " '" + p + "' is not a valid regular expression: "
                    + e.getDescription() + "; fix it");
        }
    }

    private static List<Pattern> patterns(Config c, String key, String source) {
        List<Pattern> out = new ArrayList<>();
        List<String> list = words(c, key, source);
        for (int i = 0; i < list.size(); i++) {
            try {
                out.add(Pattern.compile(list.get(i)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(source + ": " + key + " entry " + (i + 1) + " '" + list.get(i)
                        + "' is not a valid regular expression: " + e.getDescription() + "; fix or remove it");
            }
        }
        return List.copyOf(out);
    }
}
