package govlens.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The typed configuration of one GovLens run, built once on the driver.
 *
 * <p>Sources, highest precedence first: command-line overrides (options such as {@code --input} and every
 * {@code --set key=value}), the HOCON file given with {@code --conf}, then the defaults in
 * {@code conf/govlens.conf} (shipped inside the jar as the classpath resource {@value #DEFAULTS_RESOURCE}).
 * Every key must exist in the defaults: an unknown key in the file or on the command line fails start-up with
 * a message naming it, because a misspelt option in a nightly job would otherwise be ignored for months.
 *
 * <p>Instances are immutable and serializable so executor code may capture the few values it needs.
 */
public final class GovLensConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DEFAULTS_RESOURCE = "conf/govlens.conf";

    private final List<String> input;
    private final String warehouse;
    private final String master;
    private final boolean fullRebuild;
    private final boolean prune;
    private final int shufflePartitions;
    private final long maxFileBytes;
    private final List<String> extensions;
    private final int minChars;
    private final java.time.Duration parseTimeout;
    private final long maxChars;
    private final String indicatorRulesFile;
    private final Config tokens;
    private final int keywordsTopK;
    private final int dashboardEmbedMaxDocuments;
    private final Topics topics;
    private final Quality quality;
    private final Lease lease;
    private final String rendered;

    private GovLensConfig(Config c) {
        this.input = List.copyOf(c.getStringList("govlens.input"));
        this.warehouse = c.getString("govlens.warehouse");
        this.master = c.getString("govlens.master");
        this.fullRebuild = c.getBoolean("govlens.full-rebuild");
        this.prune = c.getBoolean("govlens.prune");
        this.shufflePartitions = c.getInt("govlens.spark.shuffle-partitions");
        if (shufflePartitions < 0) {
            throw new InvalidConfigException(
                    "govlens.spark.shuffle-partitions must be >= 0 (0: follow the input size), " + "found "
                            + shufflePartitions);
        }
        this.maxFileBytes = c.getBytes("govlens.ingest.max-file-bytes");
        this.extensions = c.getStringList("govlens.ingest.extensions").stream()
                .map(String::toLowerCase)
                .toList();
        this.minChars = c.getInt("govlens.ingest.min-chars");
        this.parseTimeout = c.getDuration("govlens.ingest.parse-timeout");
        this.maxChars = c.getLong("govlens.ingest.max-chars");
        this.indicatorRulesFile = c.getString("govlens.indicators.rules-file");
        this.tokens = c.getConfig("govlens.tokens");
        this.keywordsTopK = positive(c, "govlens.keywords.top-k");
        this.dashboardEmbedMaxDocuments = positive(c, "govlens.dashboard.embed-max-documents");
        this.topics = new Topics(c.getConfig("govlens.topics"));
        this.quality = new Quality(c.getConfig("govlens.quality"));
        this.lease = new Lease(c.getConfig("govlens.lease"));
        this.rendered = c.getConfig("govlens")
                .root()
                .render(com.typesafe.config.ConfigRenderOptions.concise().setFormatted(true));
        if (input.isEmpty()) {
            throw new InvalidConfigException("govlens.input is empty: give at least one file or folder (--input PATH)");
        }
    }

    /** Defaults only: what {@code bin/govlens run} uses with no options. */
    public static GovLensConfig defaults() {
        return load(null, Map.of());
    }

    /**
     * Builds the configuration from the defaults, an optional file and command-line overrides.
     *
     * @param file HOCON file given with {@code --conf}, or null
     * @param overrides dotted keys (e.g. {@code govlens.warehouse}) to values: strings, numbers, booleans or
     *     lists of strings
     * @throws InvalidConfigException naming the key that is unknown, missing or of the wrong type
     */
    public static GovLensConfig load(File file, Map<String, Object> overrides) {
        Config defaults = ConfigFactory.parseResources(
                GovLensConfig.class.getClassLoader(),
                DEFAULTS_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
        Config fromFile = ConfigFactory.empty();
        if (file != null) {
            if (!file.isFile()) {
                throw new InvalidConfigException("config file not found: " + file
                        + " (give an existing HOCON file with --conf, or leave --conf out to use the defaults)");
            }
            try {
                fromFile = ConfigFactory.parseFile(
                        file, ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (ConfigException e) {
                throw new InvalidConfigException("cannot parse " + file + ": " + e.getMessage());
            }
        }
        Config cli = ConfigFactory.empty();
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            cli = cli.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue(), "command line"));
        }
        rejectUnknown(defaults, fromFile, "file " + file);
        rejectUnknown(defaults, cli, "command line");
        Config merged = cli.withFallback(fromFile).withFallback(defaults).resolve();
        try {
            return new GovLensConfig(merged);
        } catch (ConfigException e) {
            throw new InvalidConfigException(e.getMessage());
        }
    }

    private static void rejectUnknown(Config defaults, Config given, String source) {
        TreeSet<String> unknown = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> e : given.entrySet()) {
            if (!defaults.hasPathOrNull(e.getKey())) {
                unknown.add(e.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidConfigException("unknown configuration key(s) in " + source + ": "
                    + String.join(", ", unknown) + " (the keys GovLens knows are listed in conf/govlens.conf)");
        }
    }

    private static int positive(Config c, String key) {
        int v = c.getInt(key);
        if (v <= 0) {
            throw new InvalidConfigException(key + " must be > 0, found " + v);
        }
        return v;
    }

    public List<String> input() {
        return input;
    }

    public String warehouse() {
        return warehouse;
    }

    public String master() {
        return master;
    }

    /** Rebuild everything instead of the default incremental run. */
    public boolean fullRebuild() {
        return fullRebuild;
    }

    /**
     * Remove documents whose input files are no longer listed. Off by default: corpora are append-only, and a
     * folder that fails to mount must not empty the warehouse.
     */
    public boolean prune() {
        return prune;
    }

    /** spark.sql.shuffle.partitions, or 0 to follow the input size (see Sessions.tuneForRun). */
    public int shufflePartitions() {
        return shufflePartitions;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    public List<String> extensions() {
        return extensions;
    }

    public int minChars() {
        return minChars;
    }

    public java.time.Duration parseTimeout() {
        return parseTimeout;
    }

    public long maxChars() {
        return maxChars;
    }

    /** Rules file for indicator extraction, or "" for the bundled rules. */
    public String indicatorRulesFile() {
        return indicatorRulesFile;
    }

    /** The govlens.tokens block, in the form govlens.lib.nlp.TokenFilter.fromConfig reads. */
    public Config tokens() {
        return tokens;
    }

    public int keywordsTopK() {
        return keywordsTopK;
    }

    /**
     * Largest warehouse (in documents) whose per-region detail (source sentences, documents, keyword lists) is
     * embedded in the dashboard page; above it the detail is written as dashboard/regions/&lt;code&gt;.json files
     * that the page loads on demand when served ({@code govlens dashboard --serve}). The aggregates are
     * embedded at every size.
     */
    public int dashboardEmbedMaxDocuments() {
        return dashboardEmbedMaxDocuments;
    }

    public Topics topics() {
        return topics;
    }

    public Quality quality() {
        return quality;
    }

    public Lease lease() {
        return lease;
    }

    /**
     * The warehouse lease (govlens.lease): how long a run waits for a busy warehouse, how often it renews its
     * lease, and after how long without a heartbeat a lease counts as abandoned.
     */
    public static final class Lease implements Serializable {
        private static final long serialVersionUID = 1L;
        public final java.time.Duration wait;
        public final java.time.Duration heartbeat;
        public final java.time.Duration staleAfter;

        Lease(Config l) {
            this.wait = l.getDuration("wait");
            this.heartbeat = l.getDuration("heartbeat");
            this.staleAfter = l.getDuration("stale-after");
            if (wait.isNegative()) {
                throw new InvalidConfigException("govlens.lease.wait must be >= 0, found " + wait);
            }
            if (heartbeat.isNegative() || heartbeat.isZero() || staleAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
                throw new InvalidConfigException("govlens.lease.heartbeat (" + heartbeat + ") must be positive and "
                        + "govlens.lease.stale-after (" + staleAfter + ") at least twice as long");
            }
        }
    }

    /** The govlens.quality block: thresholds of the data-quality gate, each a share in [0, 1]. */
    public static final class Quality implements Serializable {
        private static final long serialVersionUID = 1L;
        public final boolean enabled;
        public final double maxShareWithoutYear;
        public final double maxShareWithoutRegion;
        public final double maxShareQuarantined;
        public final double maxShareFlaggedIndicators;
        public final double maxShareEmptySections;
        public final double maxShareErrors;

        Quality(Config q) {
            this.enabled = q.getBoolean("enabled");
            this.maxShareWithoutYear = share(q, "max-share-without-year");
            this.maxShareWithoutRegion = share(q, "max-share-without-region");
            this.maxShareQuarantined = share(q, "max-share-quarantined");
            this.maxShareFlaggedIndicators = share(q, "max-share-flagged-indicators");
            this.maxShareEmptySections = share(q, "max-share-empty-sections");
            this.maxShareErrors = share(q, "max-share-errors");
        }

        private static double share(Config q, String key) {
            double v = q.getDouble(key);
            if (v < 0 || v > 1) {
                throw new InvalidConfigException("govlens.quality." + key + " must be within [0, 1], found " + v);
            }
            return v;
        }
    }

    /** The govlens.topics block: LDA settings (see conf/govlens.conf for the meaning of each). */
    public static final class Topics implements Serializable {
        private static final long serialVersionUID = 1L;
        public final boolean enabled;
        public final String unit;
        public final int chunkChars;
        public final int k;
        public final List<Integer> kCandidates;
        public final String optimizer;
        public final int maxIterations;
        /**
         * Symmetric Dirichlet prior on each unit's topic mixture (alpha); {@link #AUTO} for Spark's default
         * (EM: 50/k + 1, online: 1/k). EM needs a value above 1, online one of at least 0.
         */
        public final double docConcentration;
        /**
         * Symmetric Dirichlet prior on each topic's word distribution (beta); {@link #AUTO} for Spark's default
         * (EM: 1.1, online: 1/k). EM needs a value above 1, online one of at least 0.
         */
        public final double topicConcentration;

        public final int maxFitUnits;
        public final double minVocabularyCoverage;
        public final long seed;
        public final double minDf;
        public final double maxDf;
        public final int vocabSize;
        public final int topWords;
        public final boolean retrain;
        public final String modelDir;

        Topics(Config t) {
            this.enabled = t.getBoolean("enabled");
            this.unit = oneOf(t, "unit", List.of("section", "chunk"));
            this.chunkChars = t.getInt("chunk-chars");
            this.k = t.getInt("k");
            this.kCandidates = List.copyOf(t.getIntList("k-candidates"));
            this.optimizer = oneOf(t, "optimizer", List.of("em", "online"));
            this.maxIterations = t.getInt("max-iterations");
            this.docConcentration = prior(t, "doc-concentration", optimizer);
            this.topicConcentration = prior(t, "topic-concentration", optimizer);
            this.maxFitUnits = t.getInt("max-fit-units");
            this.minVocabularyCoverage = t.getDouble("min-vocabulary-coverage");
            if (minVocabularyCoverage < 0 || minVocabularyCoverage > 1) {
                throw new InvalidConfigException(
                        "govlens.topics.min-vocabulary-coverage must be within [0, 1], found " + minVocabularyCoverage);
            }
            this.seed = t.getLong("seed");
            this.minDf = t.getDouble("min-df");
            this.maxDf = t.getDouble("max-df");
            this.vocabSize = t.getInt("vocab-size");
            this.topWords = t.getInt("top-words");
            this.retrain = t.getBoolean("retrain");
            this.modelDir = t.getString("model-dir");
            if (maxFitUnits < 1) {
                throw new InvalidConfigException("govlens.topics.max-fit-units must be >= 1, found " + maxFitUnits);
            }
            if (k < 2 || kCandidates.stream().anyMatch(x -> x < 2)) {
                throw new InvalidConfigException("govlens.topics.k and k-candidates must be >= 2");
            }
        }

        /** Value of an LDA prior meaning "Spark's default for the optimizer and k". */
        public static final double AUTO = -1;

        /**
         * An LDA prior: "auto" or -1 for Spark's default, else a number Spark accepts for the optimizer, checked
         * here so a bad value fails at start naming the key instead of deep inside the fit (Spark's EM optimizer
         * requires values strictly above 1: its MAP estimate subtracts 1 from each prior).
         */
        private static double prior(Config t, String key, String optimizer) {
            String raw = t.getValue(key).unwrapped().toString().strip();
            double v;
            if (raw.equalsIgnoreCase("auto")) {
                v = AUTO;
            } else {
                try {
                    v = Double.parseDouble(raw);
                } catch (NumberFormatException e) {
                    throw new InvalidConfigException(
                            "govlens.topics." + key + " must be \"auto\" or a number, found " + raw);
                }
            }
            if (v == AUTO) {
                return AUTO;
            }
            boolean ok = optimizer.equals("em") ? v > 1 : v >= 0;
            if (!ok || !Double.isFinite(v)) {
                throw new InvalidConfigException("govlens.topics." + key + " must be \"auto\" (or -1) or "
                        + (optimizer.equals("em") ? "> 1 with optimizer em" : ">= 0 with optimizer online")
                        + ", found " + raw);
            }
            return v;
        }

        private static String oneOf(Config t, String key, List<String> allowed) {
            String v = t.getString(key);
            if (!allowed.contains(v)) {
                throw new InvalidConfigException(
                        "govlens.topics." + key + " must be one of " + allowed + ", found " + v);
            }
            return v;
        }
    }

    /** The effective configuration as HOCON, for the run log and manifest. */
    public String render() {
        return rendered;
    }

    /**
     * One block or key of the effective configuration in a canonical form (concise JSON, keys sorted), for the
     * stage fingerprints: the same settings always render the same, whatever file or option gave them.
     *
     * @param path a key under govlens, e.g. {@code tokens} or {@code topics.unit}
     */
    public String renderPath(String path) {
        Config c = ConfigFactory.parseString(rendered);
        if (!c.hasPathOrNull(path)) {
            throw new IllegalArgumentException("no configuration key govlens." + path);
        }
        return c.getValue(path).render(com.typesafe.config.ConfigRenderOptions.concise());
    }

    /** Builder-style copy with a different warehouse, for tests and tools. */
    public GovLensConfig withOverrides(Map<String, Object> more) {
        Config base = ConfigFactory.parseString(rendered).atKey("govlens");
        Config cli = ConfigFactory.empty();
        for (Map.Entry<String, Object> e : more.entrySet()) {
            cli = cli.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue(), "override"));
        }
        rejectUnknown(base, cli, "overrides");
        return new GovLensConfig(cli.withFallback(base).resolve());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GovLensConfig other && rendered.equals(other.rendered);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rendered);
    }

    /** A configuration error: the message says which key and what to do. */
    public static final class InvalidConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidConfigException(String message) {
            super(message);
        }
    }
}
