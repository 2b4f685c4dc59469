package govlens.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GovLensConfigTest {
    @TempDir
    Path tmp;

    private File file(String hocon) throws IOException {
        Path p = tmp.resolve("test.conf");
        Files.writeString(p, hocon, StandardCharsets.UTF_8);
        return p.toFile();
    }

    // With nothing given, the run reads the bundled sample into ./warehouse.
    @Test
    void defaultsReadTheSampleIntoWarehouse() {
        GovLensConfig c = GovLensConfig.defaults();
        assertEquals(List.of("data/sample"), c.input());
        assertEquals("warehouse", c.warehouse());
        assertEquals("local[*]", c.master());
        assertEquals(64L * 1024 * 1024, c.maxFileBytes());
    }

    // A file overrides the defaults; the command line overrides the file.
    @Test
    void commandLineBeatsFileBeatsDefault() throws IOException {
        File f = file("govlens { warehouse = \"from-file\", spark.shuffle-partitions = 3 }");
        GovLensConfig c = GovLensConfig.load(f, Map.of("govlens.warehouse", "from-cli"));
        assertEquals("from-cli", c.warehouse());
        assertEquals(3, c.shufflePartitions());
        assertEquals(List.of("data/sample"), c.input());
    }

    // A misspelt key in the file fails start-up and names the key.
    @Test
    void unknownKeyInFileIsRejectedByName() throws IOException {
        File f = file("govlens { warehous = \"x\" }");
        GovLensConfig.InvalidConfigException e =
                assertThrows(GovLensConfig.InvalidConfigException.class, () -> GovLensConfig.load(f, Map.of()));
        assertTrue(e.getMessage().contains("govlens.warehous"), e.getMessage());
    }

    // A misspelt --set key fails the same way.
    @Test
    void unknownKeyOnCommandLineIsRejectedByName() {
        GovLensConfig.InvalidConfigException e = assertThrows(
                GovLensConfig.InvalidConfigException.class,
                () -> GovLensConfig.load(null, Map.of("govlens.ingest.min-char", "5")));
        assertTrue(e.getMessage().contains("govlens.ingest.min-char"), e.getMessage());
    }

    // A value of the wrong type names the key and the expected type.
    @Test
    void wrongTypeNamesTheKey() {
        GovLensConfig.InvalidConfigException e = assertThrows(
                GovLensConfig.InvalidConfigException.class,
                () -> GovLensConfig.load(null, Map.of("govlens.spark.shuffle-partitions", "many")));
        assertTrue(e.getMessage().contains("shuffle-partitions"), e.getMessage());
    }

    // --conf pointing at a missing file says so instead of silently using the defaults.
    @Test
    void missingConfFileFails() {
        GovLensConfig.InvalidConfigException e = assertThrows(
                GovLensConfig.InvalidConfigException.class,
                () -> GovLensConfig.load(tmp.resolve("nope.conf").toFile(), Map.of()));
        assertTrue(e.getMessage().contains("nope.conf"), e.getMessage());
    }

    // Sizes accept HOCON units, so operators can write 10MB.
    @Test
    void sizesAcceptUnits() {
        GovLensConfig c = GovLensConfig.load(null, Map.of("govlens.ingest.max-file-bytes", "10MB"));
        assertEquals(10L * 1000 * 1000, c.maxFileBytes());
    }

    // "auto" and -1 both mean Spark's default prior; a number given as text on the command line is read as one.
    @Test
    void ldaPriorsAcceptAutoMinusOneAndNumbers() {
        GovLensConfig.Topics t = GovLensConfig.load(
                        null,
                        Map.of("govlens.topics.doc-concentration", "auto", "govlens.topics.topic-concentration", -1))
                .topics();
        assertEquals(GovLensConfig.Topics.AUTO, t.docConcentration);
        assertEquals(GovLensConfig.Topics.AUTO, t.topicConcentration);
        GovLensConfig.Topics n = GovLensConfig.load(
                        null,
                        Map.of("govlens.topics.doc-concentration", "1.25", "govlens.topics.topic-concentration", 1.01))
                .topics();
        assertEquals(1.25, n.docConcentration);
        assertEquals(1.01, n.topicConcentration);
    }

    // EM's MAP estimate needs priors above 1: 1.0 fails at load, naming the key, not inside the fit.
    @Test
    void emPriorOfOneIsRejectedByName() {
        GovLensConfig.InvalidConfigException e = assertThrows(
                GovLensConfig.InvalidConfigException.class,
                () -> GovLensConfig.load(null, Map.of("govlens.topics.topic-concentration", 1.0)));
        assertTrue(e.getMessage().contains("govlens.topics.topic-concentration"), e.getMessage());
        assertTrue(e.getMessage().contains("> 1"), e.getMessage());
    }

    // The online optimizer takes priors below 1 (its default is 1/k).
    @Test
    void onlinePriorBelowOneIsAccepted() {
        GovLensConfig.Topics t = GovLensConfig.load(
                        null, Map.of("govlens.topics.optimizer", "online", "govlens.topics.doc-concentration", 0.1))
                .topics();
        assertEquals(0.1, t.docConcentration);
    }

    // A word other than auto is not silently taken for the default.
    @Test
    void ldaPriorOtherWordIsRejected() {
        GovLensConfig.InvalidConfigException e = assertThrows(
                GovLensConfig.InvalidConfigException.class,
                () -> GovLensConfig.load(null, Map.of("govlens.topics.doc-concentration", "default")));
        assertTrue(e.getMessage().contains("govlens.topics.doc-concentration"), e.getMessage());
    }
}
