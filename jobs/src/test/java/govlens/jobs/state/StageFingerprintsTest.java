package govlens.jobs.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.config.GovLensConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** Which change moves which stage's fingerprint, and that no file of conf/ escapes the fingerprints. */
class StageFingerprintsTest {
    static StageFingerprints of(Map<String, Object> overrides) {
        return StageFingerprints.compute(GovLensConfig.load(null, overrides), new Configuration());
    }

    // Every file under the project's conf/ is read by a fingerprinted stage or declared as not affecting outputs:
    // a new dictionary or rule file cannot be forgotten.
    @Test
    void everyConfFileIsCovered() throws Exception {
        TreeSet<String> files = new TreeSet<>();
        Path conf = Path.of("../conf");
        try (Stream<Path> s = Files.walk(conf)) {
            s.filter(Files::isRegularFile)
                    .forEach(p -> files.add("/conf/" + conf.relativize(p).toString()));
        }
        files.removeAll(StageFingerprints.coveredResources(GovLensConfig.defaults()));
        assertEquals(
                new TreeSet<>(),
                files,
                "conf files no stage fingerprint covers: add them to "
                        + "StageFingerprints.RESOURCES (or NOT_OUTPUT_AFFECTING)");
    }

    // The same configuration gives the same fingerprints.
    @Test
    void deterministic() {
        StageFingerprints a = of(Map.of());
        StageFingerprints b = of(Map.of());
        for (StageFingerprints.Stage s : StageFingerprints.Stage.values()) {
            assertEquals(a.get(s), b.get(s), s.key());
        }
    }

    // A tokens key moves the analytics fingerprint only.
    @Test
    void tokensKeyMovesAnalyticsOnly() {
        StageFingerprints a = of(Map.of());
        StageFingerprints b = of(Map.of("govlens.tokens.extra-stopwords", List.of("推进")));
        assertEquals(a.get(StageFingerprints.Stage.INGEST), b.get(StageFingerprints.Stage.INGEST));
        assertEquals(a.get(StageFingerprints.Stage.INDICATORS), b.get(StageFingerprints.Stage.INDICATORS));
        assertNotEquals(a.get(StageFingerprints.Stage.ANALYTICS), b.get(StageFingerprints.Stage.ANALYTICS));
        assertEquals(
                List.of("govlens.tokens"),
                b.changedParts(
                        StageFingerprints.Stage.ANALYTICS,
                        a.fingerprint(StageFingerprints.Stage.ANALYTICS).parts()));
    }

    // An ingest key moves the ingest fingerprint only (later stages follow because their documents are rewritten).
    @Test
    void ingestKeyMovesIngestOnly() {
        StageFingerprints a = of(Map.of());
        StageFingerprints b = of(Map.of("govlens.ingest.min-chars", 60));
        assertNotEquals(a.get(StageFingerprints.Stage.INGEST), b.get(StageFingerprints.Stage.INGEST));
        assertEquals(a.get(StageFingerprints.Stage.INDICATORS), b.get(StageFingerprints.Stage.INDICATORS));
        assertEquals(a.get(StageFingerprints.Stage.ANALYTICS), b.get(StageFingerprints.Stage.ANALYTICS));
    }

    // Keys that decide nothing about per-document outputs (the warehouse, quality thresholds) move nothing.
    @Test
    void unrelatedKeysMoveNothing() {
        StageFingerprints a = of(Map.of());
        StageFingerprints b = of(Map.of("govlens.warehouse", "/elsewhere", "govlens.quality.max-share-errors", 0.5));
        for (StageFingerprints.Stage s : StageFingerprints.Stage.values()) {
            assertEquals(a.get(s), b.get(s), s.key());
        }
    }

    // Settings of the topic fit (k, iterations, priors) change no per-document output of a stage: a model is
    // named by its content-derived id (which covers them) and a saved model fitted with other settings is refused
    // by AnalyticsJob.checkCompatible. Fingerprinting them would only re-tokenize the corpus for nothing.
    @Test
    void topicFitKeysMoveNoFingerprint() {
        StageFingerprints a = of(Map.of());
        StageFingerprints b = of(Map.of(
                "govlens.topics.k",
                12,
                "govlens.topics.max-iterations",
                50,
                "govlens.topics.doc-concentration",
                1.2,
                "govlens.topics.topic-concentration",
                1.01));
        for (StageFingerprints.Stage s : StageFingerprints.Stage.values()) {
            assertEquals(a.get(s), b.get(s), s.key());
        }
    }

    // A different build (the test hook stands for a code change) moves every stage.
    @Test
    void buildMovesEveryStage() {
        StageFingerprints a = of(Map.of());
        System.setProperty(BuildFingerprint.OVERRIDE_PROPERTY, "another-build");
        try {
            StageFingerprints b = of(Map.of());
            for (StageFingerprints.Stage s : StageFingerprints.Stage.values()) {
                assertNotEquals(a.get(s), b.get(s), s.key());
                assertTrue(b.changedParts(s, a.fingerprint(s).parts()).contains("build"));
            }
        } finally {
            System.clearProperty(BuildFingerprint.OVERRIDE_PROPERTY);
        }
    }
}
