package govlens.jobs.state;

import govlens.jobs.config.GovLensConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The fingerprint of each per-document stage: a digest of everything that determines the stage's output
 * for a given document — the build ({@link BuildFingerprint}), the configuration keys the stage reads and the
 * content of the rules, dictionaries, stopword lists and gazetteer files it loads. Each document records, per
 * stage, the fingerprint its rows were made with (table {@code _state/documents}); a run whose fingerprint
 * differs reprocesses that stage for those documents, so a warehouse never mixes outputs of old and new logic.
 *
 * <p>Stages and what they read:
 *
 * <ul>
 *   <li>{@link Stage#INGEST} (documents, sections, sentences, duplicates, quarantine): {@code
 *       govlens.ingest}, the gazetteer and its aliases, the page-furniture lists.
 *   <li>{@link Stage#INDICATORS} (indicators, mentions, region_year_indicators): {@code govlens.indicators},
 *       the rules file (bundled or {@code indicators.rules-file}), the indicator catalog, the unit table.
 *   <li>{@link Stage#ANALYTICS} (tokens, term_stats, keywords, and the LDA units behind doc_topics): {@code
 *       govlens.tokens}, {@code govlens.keywords}, {@code topics.unit} and {@code topics.chunk-chars}, the
 *       domain dictionary, the stopword lists, the gazetteer (its names are in the tokenizer's dictionary).
 * </ul>
 *
 * Topic models are identified by their own content-derived id instead (see AnalyticsJob). Every file under
 * the project's conf/ must belong to a stage or be declared as not affecting outputs ({@link
 * #NOT_OUTPUT_AFFECTING}); a test checks it, so a new dictionary cannot be forgotten here.
 */
public final class StageFingerprints {

    /** A stage whose outputs are recorded per document. */
    public enum Stage {
        INGEST("ingest"),
        INDICATORS("indicators"),
        ANALYTICS("analytics");

        private final String key;

        Stage(String key) {
            this.key = key;
        }

        /** Lower-case name, as in the state table and the manifest. */
        public String key() {
            return key;
        }
    }

    static final List<String> GAZETTEER =
            List.of("/conf/gazetteer/provinces.csv", "/conf/gazetteer/cities.csv", "/conf/gazetteer/areas.csv");

    /** Classpath resources each stage loads, besides configured files. */
    static final Map<Stage, List<String>> RESOURCES = Map.of(
            Stage.INGEST, concat(GAZETTEER, List.of("/conf/gazetteer/aliases.csv", "/conf/clean/furniture.conf")),
            Stage.INDICATORS, List.of("/conf/indicator_catalog.tsv", "/conf/indicators/units.tsv"),
            Stage.ANALYTICS, concat(List.of("/conf/dict/domain_terms.txt"), GAZETTEER));

    /** Configuration keys (under govlens) each stage's output depends on. */
    static final Map<Stage, List<String>> CONFIG_KEYS = Map.of(
            Stage.INGEST, List.of("ingest"),
            Stage.INDICATORS, List.of("indicators"),
            Stage.ANALYTICS, List.of("tokens", "keywords", "topics.unit", "topics.chunk-chars"));

    /** Every resource or file some stage's fingerprint covers under this configuration. */
    public static java.util.Set<String> coveredResources(GovLensConfig config) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        RESOURCES.values().forEach(out::addAll);
        out.add(config.indicatorRulesFile().isBlank() ? DEFAULT_RULES : config.indicatorRulesFile());
        out.addAll(config.tokens().getStringList("stopword-files"));
        out.addAll(NOT_OUTPUT_AFFECTING);
        return out;
    }

    /** The bundled indicator rules, used when govlens.indicators.rules-file is empty. */
    static final String DEFAULT_RULES = "/conf/indicators/rules.conf";

    /**
     * Files of conf/ that no stage output depends on: the defaults file (its keys are fingerprinted per stage
     * above) and documentation.
     */
    public static final List<String> NOT_OUTPUT_AFFECTING =
            List.of("/conf/govlens.conf", "/conf/gazetteer/LICENSE", "/conf/gazetteer/README.md");

    /** One stage's fingerprint and the digests of its parts, for the log and manifest to say what changed. */
    public record Fingerprint(Stage stage, String digest, Map<String, String> parts) {}

    private final Map<Stage, Fingerprint> byStage;

    private StageFingerprints(Map<Stage, Fingerprint> byStage) {
        this.byStage = Collections.unmodifiableMap(byStage);
    }

    /** Computes every stage's fingerprint for this configuration (driver side; reads a few small files). */
    public static StageFingerprints compute(GovLensConfig config, Configuration hadoop) {
        Map<Stage, Fingerprint> out = new LinkedHashMap<>();
        String build = BuildFingerprint.get();
        for (Stage s : Stage.values()) {
            Map<String, String> parts = new LinkedHashMap<>();
            parts.put("build", build);
            for (String key : CONFIG_KEYS.get(s)) {
                parts.put("govlens." + key, Digests.of(config.renderPath(key)));
            }
            for (String r : RESOURCES.get(s)) {
                parts.put(r, digestOf(r, hadoop));
            }
            if (s == Stage.INDICATORS) {
                String rules = config.indicatorRulesFile();
                String file = rules == null || rules.isBlank() ? DEFAULT_RULES : rules;
                parts.put(file, digestOf(file, hadoop));
            }
            if (s == Stage.ANALYTICS) {
                for (String f : config.tokens().getStringList("stopword-files")) {
                    parts.put(f, digestOf(f, hadoop));
                }
            }
            Digests.Builder d = Digests.builder();
            parts.forEach(d::add);
            out.put(s, new Fingerprint(s, d.hex().substring(0, 16), Collections.unmodifiableMap(parts)));
        }
        return new StageFingerprints(out);
    }

    /** For tests and tools: fingerprints given directly. */
    public static StageFingerprints of(Map<Stage, String> digests) {
        Map<Stage, Fingerprint> out = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            out.put(s, new Fingerprint(s, digests.get(s), Map.of()));
        }
        return new StageFingerprints(out);
    }

    public String get(Stage stage) {
        return byStage.get(stage).digest();
    }

    public Fingerprint fingerprint(Stage stage) {
        return byStage.get(stage);
    }

    /**
     * The parts whose digest differs from an earlier run's ({@code previous}: part → digest, as the manifest
     * records them), e.g. {@code [/conf/indicators/rules.conf]}; every part when nothing earlier is known.
     */
    public List<String> changedParts(Stage stage, Map<String, String> previous) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : byStage.get(stage).parts().entrySet()) {
            if (previous == null || !e.getValue().equals(previous.get(e.getKey()))) {
                out.add(e.getKey());
            }
        }
        if (previous != null) {
            for (String k : previous.keySet()) {
                if (!byStage.get(stage).parts().containsKey(k)) {
                    out.add(k + " (no longer read)");
                }
            }
        }
        return out;
    }

    /** A classpath resource (a path starting with /conf/) or a file on any Hadoop file system. */
    static String digestOf(String location, Configuration hadoop) {
        try (InputStream in = StageFingerprints.class.getResourceAsStream(location)) {
            if (in != null) {
                return Digests.builder().add(location, in.readAllBytes()).hex();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
        try {
            Path p = new Path(location);
            FileSystem fs = p.getFileSystem(hadoop);
            try (InputStream in = fs.open(p)) {
                return Digests.builder().add(location, in.readAllBytes()).hex();
            }
        } catch (IOException e) {
            throw new GovLensConfig.InvalidConfigException(location + " is neither a classpath resource nor a readable "
                    + "file (" + e.getMessage() + "): restore it or fix the configuration key that names it");
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
