package govlens.lib.indicators;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The compiled, validated indicator rule set: the catalog ({@code /conf/indicator_catalog.tsv}), the trigger
 * rules, the indicator descriptions, the exclusions, the context exclusions and the plausibility checks of a rules
 * file ({@code /conf/indicators/rules.conf} by default). The format is documented in {@code docs/indicator-rules.md}.
 * Every unit a rule or description names must be a row of {@link Units} ({@code conf/indicators/units.tsv}).
 *
 * <p>Validation at load is strict so an analyst's typo fails fast: unknown keys (top level, defaults, rule,
 * exclusion, description, check), indicator codes missing from the catalog and units missing from the unit table
 * raise {@link IllegalArgumentException} naming them; bad regular expressions name the rule. Immutable and thread-safe once built.
 */
public final class IndicatorRules implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Classpath location of the default rules file. */
    public static final String DEFAULT_RULES = "/conf/indicators/rules.conf";
    /** Classpath location of the indicator catalog. */
    public static final String CATALOG = "/conf/indicator_catalog.tsv";

    static final Set<String> TOP_KEYS =
            Set.of("defaults", "exclusions", "frames", "rateSubject", "rules", "descriptions", "checks");
    static final Set<String> DESCRIPTION_KEYS = Set.of(
            "indicator", "subject", "action", "units", "exclude", "sentenceRequire", "actionAfter", "confidence");
    static final Set<String> DEFAULT_KEYS =
            Set.of("maxGapBefore", "maxGapAfter", "beforeGapForbid", "afterGapForbid", "confidence");
    static final Set<String> RULE_KEYS = Set.of(
            "id",
            "indicator",
            "kind",
            "before",
            "after",
            "units",
            "clauseRequire",
            "clauseForbid",
            "sentenceRequire",
            "sentenceForbid",
            "maxGapBefore",
            "maxGapAfter",
            "beforeGapForbid",
            "afterGapForbid",
            "confidence");
    static final Set<String> EXCLUSION_KEYS = Set.of("reason", "pattern");
    static final Set<String> CHECK_KEYS = Set.of("order", "ratios");
    static final Set<String> RATIO_KEYS = Set.of("rate", "numerator", "denominator", "tolerance");

    /** One catalog entry. */
    public record CatalogEntry(String code, String nameZh, String area, String unit, String definition)
            implements java.io.Serializable {}

    /** A compiled rule; see docs/indicator-rules.md for the meaning of each field. */
    public record Rule(
            String id,
            String indicator,
            boolean rate,
            List<Pattern> before,
            List<Pattern> after,
            Set<String> units,
            Pattern clauseRequire,
            Pattern clauseForbid,
            Pattern sentenceRequire,
            Pattern sentenceForbid,
            int maxGapBefore,
            int maxGapAfter,
            Pattern beforeGapForbid,
            Pattern afterGapForbid,
            double confidence)
            implements java.io.Serializable {}

    /**
     * A data-driven description of one indicator (see docs/indicator-rules.md, "Descriptions"): a number is
     * assigned when an action term stands in its clause (before it, or within {@code actionAfter} characters after
     * it) and a subject term stands before it in the same sentence or right after it in its clause; the nearest
     * subject and action win among all descriptions.
     *
     * @param id {@code describe.<indicator>}
     * @param subject terms naming what is counted (regular expressions)
     * @param action terms naming what was done to it; the action competition separates neighbours that share a
     *     subject (受理 received, 审结 closed, 纠错 corrected)
     * @param exclude terms that, between the subject and the number or in the number's clause, rule it out
     * @param sentenceRequire a pattern the sentence must hold, or null
     * @param actionAfter how far after the number an action may stand (常务会议3次专题听取); 0 disables
     */
    public record Description(
            String id,
            String indicator,
            boolean rate,
            List<Pattern> subject,
            List<Pattern> action,
            Set<String> units,
            Pattern exclude,
            Pattern sentenceRequire,
            int actionAfter,
            double confidence)
            implements java.io.Serializable {}

    /** A number-rejecting pattern and the reason reported on the rejected mention. */
    public record Exclusion(String reason, Pattern pattern) implements java.io.Serializable {}

    /** rate ≈ 100·numerator/denominator within {@code tolerance} points. */
    public record RatioCheck(String rate, String numerator, String denominator, double tolerance)
            implements java.io.Serializable {}

    private final Map<String, CatalogEntry> catalog;
    private final List<Rule> rules;
    private final List<Exclusion> exclusions;
    private final Frames frames;
    private final List<Description> descriptions;
    private final Pattern rateSubject;
    private final List<List<String>> orderChecks;
    private final List<RatioCheck> ratioChecks;

    private IndicatorRules(
            Map<String, CatalogEntry> catalog,
            List<Rule> rules,
            List<Exclusion> exclusions,
            Frames frames,
            List<Description> descriptions,
            Pattern rateSubject,
            List<List<String>> orderChecks,
            List<RatioCheck> ratioChecks) {
        this.catalog = catalog;
        this.rules = rules;
        this.exclusions = exclusions;
        this.frames = frames;
        this.descriptions = descriptions;
        this.rateSubject = rateSubject;
        this.orderChecks = orderChecks;
        this.ratioChecks = ratioChecks;
    }

    private static final class DefaultHolder {
        static final IndicatorRules INSTANCE = loadDefault();

        private static IndicatorRules loadDefault() {
            try (InputStream in = IndicatorRules.class.getResourceAsStream(DEFAULT_RULES)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "Indicator rules not found on the classpath at "
                                    + DEFAULT_RULES
                                    + ": build the lib jar (conf/ is packaged under conf/) or use IndicatorRules.fromFile(path)");
                }
                return parse(new InputStreamReader(in, StandardCharsets.UTF_8), DEFAULT_RULES);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + DEFAULT_RULES, e);
            }
        }
    }

    /** The default rules, loaded once per JVM from {@value #DEFAULT_RULES}. */
    public static IndicatorRules fromClasspath() {
        return DefaultHolder.INSTANCE;
    }

    /** Loads and validates a rules file (config override); the catalog still comes from the classpath. */
    public static IndicatorRules fromFile(Path path) {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(r, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read indicator rules file " + path, e);
        }
    }

    /** Parses rules from HOCON text; {@code origin} names the source in error messages. */
    public static IndicatorRules parse(Reader reader, String origin) {
        Config conf;
        try {
            conf = ConfigFactory.parseReader(
                            reader, ConfigParseOptions.defaults().setOriginDescription(origin))
                    .resolve();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("Invalid indicator rules file " + origin + ": " + e.getMessage(), e);
        }
        return build(conf, CatalogHolder.CATALOG_ENTRIES, origin);
    }

    private static final class CatalogHolder {
        static final Map<String, CatalogEntry> CATALOG_ENTRIES = loadCatalog();
    }

    /** The indicator catalog, loaded once per JVM from {@value #CATALOG}. */
    public static Map<String, CatalogEntry> catalog() {
        return CatalogHolder.CATALOG_ENTRIES;
    }

    private static Map<String, CatalogEntry> loadCatalog() {
        InputStream in = IndicatorRules.class.getResourceAsStream(CATALOG);
        if (in == null) {
            throw new IllegalStateException("Indicator catalog not found on the classpath at " + CATALOG
                    + ": build the lib jar (conf/ is packaged)");
        }
        Map<String, CatalogEntry> out = new LinkedHashMap<>();
        try (BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = br.readLine()) != null) {
                if (header) {
                    header = false;
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 5) {
                    throw new IllegalStateException("Malformed catalog line in " + CATALOG + ": " + line);
                }
                out.put(f[0], new CatalogEntry(f[0], f[1], f[2], f[3], f[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CATALOG, e);
        }
        return Map.copyOf(out);
    }

    static IndicatorRules build(Config conf, Map<String, CatalogEntry> catalog, String origin) {
        checkKeys(conf, TOP_KEYS, "top level of " + origin);
        Config defaults = conf.hasPath("defaults") ? conf.getConfig("defaults") : ConfigFactory.empty();
        checkKeys(defaults, DEFAULT_KEYS, "defaults");
        List<Exclusion> exclusions = new ArrayList<>();
        if (conf.hasPath("exclusions")) {
            int i = 0;
            for (Config ex : conf.getConfigList("exclusions")) {
                String where = "exclusions[" + i++ + "]";
                checkKeys(ex, EXCLUSION_KEYS, where);
                exclusions.add(new Exclusion(req(ex, "reason", where), regex(req(ex, "pattern", where), where)));
            }
        }
        if (conf.hasPath("contextExclusions")) {
            throw new IllegalArgumentException(
                    origin + ": 'contextExclusions' was replaced by 'frames' (the period and "
                            + "scope of a number, docs/indicator-rules.md): move its patterns there");
        }
        Frames frames = conf.hasPath("frames") ? Frames.fromConfig(conf.getConfig("frames")) : Frames.none();
        Pattern rateSubject = regex(conf.hasPath("rateSubject") ? conf.getString("rateSubject") : "率$", "rateSubject");

        List<Rule> rules = new ArrayList<>();
        Set<String> unknownCodes = new TreeSet<>();
        Set<String> ids = new TreeSet<>();
        if (!conf.hasPath("rules")) {
            throw new IllegalArgumentException(origin + ": no 'rules' list");
        }
        int i = 0;
        for (Config r : conf.getConfigList("rules")) {
            String where = "rules[" + i++ + "]";
            checkKeys(r, RULE_KEYS, where + (r.hasPath("id") ? " (" + r.getString("id") + ")" : ""));
            String id = req(r, "id", where);
            where = "rule " + id;
            if (!ids.add(id)) {
                throw new IllegalArgumentException("Duplicate rule id '" + id + "' in " + origin);
            }
            String indicator = req(r, "indicator", where);
            if (!catalog.containsKey(indicator)) {
                unknownCodes.add(indicator + " (rule " + id + ")");
            }
            String kind = req(r, "kind", where);
            if (!kind.equals("count") && !kind.equals("rate")) {
                throw new IllegalArgumentException(where + ": kind must be count or rate, got '" + kind + "'");
            }
            List<Pattern> before = regexList(r, "before", where);
            List<Pattern> after = regexList(r, "after", where);
            if (before.isEmpty() && after.isEmpty()) {
                throw new IllegalArgumentException(where + ": needs at least one trigger in 'before' or 'after'");
            }
            Set<String> units = Set.copyOf(strings(r, "units"));
            if (kind.equals("count") && units.isEmpty()) {
                throw new IllegalArgumentException(where + ": a count rule needs 'units'");
            }
            checkUnits(units, where);
            rules.add(new Rule(
                    id,
                    indicator,
                    kind.equals("rate"),
                    before,
                    after,
                    units,
                    anyOf(r, "clauseRequire", where),
                    anyOf(r, "clauseForbid", where),
                    anyOf(r, "sentenceRequire", where),
                    anyOf(r, "sentenceForbid", where),
                    intOr(r, defaults, "maxGapBefore", 6),
                    intOr(r, defaults, "maxGapAfter", 4),
                    optRegex(r, defaults, "beforeGapForbid", where),
                    optRegex(r, defaults, "afterGapForbid", where),
                    r.hasPath("confidence")
                            ? r.getDouble("confidence")
                            : defaults.hasPath("confidence") ? defaults.getDouble("confidence") : 0.9));
        }
        List<Description> descriptions = new ArrayList<>();
        if (conf.hasPath("descriptions")) {
            int j = 0;
            Set<String> described = new TreeSet<>();
            for (Config d : conf.getConfigList("descriptions")) {
                String where = "descriptions[" + j++ + "]";
                checkKeys(d, DESCRIPTION_KEYS, where);
                String indicator = req(d, "indicator", where);
                where = "description " + indicator;
                if (!catalog.containsKey(indicator)) {
                    unknownCodes.add(indicator + " (descriptions)");
                }
                if (!described.add(indicator)) {
                    throw new IllegalArgumentException("Duplicate description of '" + indicator + "' in " + origin);
                }
                CatalogEntry entry = catalog.get(indicator);
                boolean rate = entry != null && entry.unit().equals("%");
                List<Pattern> subject = regexList(d, "subject", where);
                List<Pattern> action = regexList(d, "action", where);
                if (subject.isEmpty() || action.isEmpty()) {
                    throw new IllegalArgumentException(where + ": needs 'subject' and 'action' terms");
                }
                Set<String> units = Set.copyOf(strings(d, "units"));
                if (!rate && units.isEmpty()) {
                    throw new IllegalArgumentException(where + ": needs 'units'");
                }
                checkUnits(units, where);
                descriptions.add(new Description(
                        "describe." + indicator,
                        indicator,
                        rate,
                        subject,
                        action,
                        units,
                        anyOf(d, "exclude", where),
                        anyOf(d, "sentenceRequire", where),
                        d.hasPath("actionAfter") ? d.getInt("actionAfter") : 0,
                        d.hasPath("confidence")
                                ? d.getDouble("confidence")
                                : defaults.hasPath("confidence") ? defaults.getDouble("confidence") - 0.1 : 0.8));
            }
        }
        List<List<String>> order = new ArrayList<>();
        List<RatioCheck> ratios = new ArrayList<>();
        if (conf.hasPath("checks")) {
            Config c = conf.getConfig("checks");
            checkKeys(c, CHECK_KEYS, "checks");
            if (c.hasPath("order")) {
                for (List<String> chain : c.getAnyRefList("order").stream()
                        .map(IndicatorRules::toStringList)
                        .toList()) {
                    chain.stream()
                            .filter(code -> !catalog.containsKey(code))
                            .forEach(code -> unknownCodes.add(code + " (checks.order)"));
                    order.add(List.copyOf(chain));
                }
            }
            if (c.hasPath("ratios")) {
                int j = 0;
                for (Config rc : c.getConfigList("ratios")) {
                    String where = "checks.ratios[" + j++ + "]";
                    checkKeys(rc, RATIO_KEYS, where);
                    RatioCheck check = new RatioCheck(
                            req(rc, "rate", where),
                            req(rc, "numerator", where),
                            req(rc, "denominator", where),
                            rc.hasPath("tolerance") ? rc.getDouble("tolerance") : 1.5);
                    for (String code : List.of(check.rate(), check.numerator(), check.denominator())) {
                        if (!catalog.containsKey(code)) {
                            unknownCodes.add(code + " (" + where + ")");
                        }
                    }
                    ratios.add(check);
                }
            }
        }
        if (!unknownCodes.isEmpty()) {
            throw new IllegalArgumentException("Unknown indicator code(s) in " + origin + ", not in " + CATALOG + ": "
                    + String.join(", ", unknownCodes));
        }
        return new IndicatorRules(
                catalog,
                List.copyOf(rules),
                List.copyOf(exclusions),
                frames,
                List.copyOf(descriptions),
                rateSubject,
                List.copyOf(order),
                List.copyOf(ratios));
    }

    /** Every unit a rule names must be in the unit table, else the rule could never fire: fail naming it. */
    static void checkUnits(java.util.Collection<String> units, String where) {
        Set<String> unknown = new TreeSet<>();
        for (String u : units) {
            if (!Units.get().contains(u)) {
                unknown.add(u);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    where + ": unknown unit(s) " + unknown + ", not in " + Units.RESOURCE + " (add them there)");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> toStringList(Object o) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("checks.order entries must be lists of codes");
        }
        return ((List<Object>) l).stream().map(String::valueOf).toList();
    }

    static void checkKeys(Config c, Set<String> allowed, String where) {
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> e : c.root().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                unknown.add(e.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "Unknown key(s) " + unknown + " in " + where + "; allowed: " + new TreeSet<>(allowed));
        }
    }

    static String req(Config c, String key, String where) {
        if (!c.hasPath(key)) {
            throw new IllegalArgumentException(where + ": missing required key '" + key + "'");
        }
        return c.getString(key);
    }

    private static List<String> strings(Config c, String key) {
        if (!c.hasPath(key)) {
            return List.of();
        }
        if (c.getValue(key).valueType() == ConfigValueType.LIST) {
            return c.getStringList(key);
        }
        return List.of(c.getString(key));
    }

    static Pattern regex(String p, String where) {
        try {
            return Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": bad regular expression " + p + ": " + e.getDescription(), e);
        }
    }

    private static List<Pattern> regexList(Config c, String key, String where) {
        return strings(c, key).stream().map(p -> regex(p, where + "." + key)).toList();
    }

    private static Pattern anyOf(Config c, String key, String where) {
        List<String> l = strings(c, key);
        if (l.isEmpty()) {
            return null;
        }
        return regex(String.join("|", l.stream().map(s -> "(?:" + s + ")").toList()), where + "." + key);
    }

    private static int intOr(Config r, Config d, String key, int dflt) {
        return r.hasPath(key) ? r.getInt(key) : d.hasPath(key) ? d.getInt(key) : dflt;
    }

    private static Pattern optRegex(Config r, Config d, String key, String where) {
        String p = r.hasPath(key) ? r.getString(key) : d.hasPath(key) ? d.getString(key) : "";
        return p.isEmpty() ? null : regex(p, where + "." + key);
    }

    public Map<String, CatalogEntry> catalogEntries() {
        return catalog;
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<Exclusion> exclusions() {
        return exclusions;
    }

    /** Patterns that, found in the sentence before a number, reject it (multi-year totals, other regions). */
    /** The period and scope markers ({@code frames}). */
    public Frames frames() {
        return frames;
    }

    public List<Description> descriptions() {
        return descriptions;
    }

    public Pattern rateSubject() {
        return rateSubject;
    }

    public List<List<String>> orderChecks() {
        return orderChecks;
    }

    public List<RatioCheck> ratioChecks() {
        return ratioChecks;
    }
}
