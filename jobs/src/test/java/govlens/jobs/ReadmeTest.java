package govlens.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.warehouse.Tables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README is the analysts' reference: it must document the tables exactly as the code writes them. */
class ReadmeTest {
    static String readme() throws IOException {
        return Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    }

    // Every column of every warehouse table appears in the README with its type and meaning, as generated.
    @Test
    void readmeDocumentsEverySchema() throws IOException {
        String expected = Tables.markdown(WarehouseCatalog.ALL);
        assertTrue(readme().contains(expected), "README schema section is stale; replace it with:\n" + expected);
    }

    // Every configuration key of conf/govlens.conf is documented.
    @Test
    void readmeDocumentsEveryConfigKey() throws IOException {
        var keys = com.typesafe.config.ConfigFactory.parseResources("conf/govlens.conf")
                .entrySet();
        String readme = readme();
        for (var e : keys) {
            assertTrue(readme.contains("`" + e.getKey() + "`"), "README does not document " + e.getKey());
        }
    }
}
