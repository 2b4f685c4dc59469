package govlens.jobs.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.SharedSparkSession;
import govlens.jobs.query.WarehouseFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardPartialTest extends SharedSparkSession {
    @TempDir
    static Path dir;

    // A warehouse with documents only: every other section says unavailable instead of failing.
    @Test
    @SuppressWarnings("unchecked")
    void missingTablesAreMarkedUnavailable() throws Exception {
        String wh = dir.resolve("wh").toString();
        WarehouseFixture.write(spark, wh, false);
        Map<String, Object> data = new DashboardData(spark, wh).aggregates();
        assertEquals(List.of("documents"), data.get("tables"));
        assertEquals(false, ((Map<String, Object>) data.get("indicators")).get("available"));
        assertEquals(false, ((Map<String, Object>) data.get("topics")).get("available"));
        assertEquals(false, ((Map<String, Object>) data.get("keywords")).get("available"));
        assertEquals(false, ((Map<String, Object>) data.get("quality")).get("quarantine_available"));
        DashboardJob.run(spark, wh);
        assertTrue(java.nio.file.Files.size(Path.of(wh, "dashboard", "index.html")) > 1_000_000);
    }

    // Above govlens.dashboard.embed-max-documents the region detail goes to one file per region (a region
    // without a code to _none.json); a later build that embeds it again removes the files.
    @Test
    void aboveTheEmbedLimitRegionDetailIsWrittenAsFiles() throws Exception {
        String wh = dir.resolve("big").toString();
        WarehouseFixture.write(spark, wh, false);
        Path regions = Path.of(wh, "dashboard", "regions");
        DashboardJob.Result files = DashboardJob.run(spark, wh, 2);
        assertFalse(files.embedded());
        assertEquals(3, files.regionFiles());
        try (var s = java.nio.file.Files.list(regions)) {
            assertEquals(
                    List.of("141000.json", "141127.json", "_none.json"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(DashboardJob.run(spark, wh, 3).embedded());
        assertFalse(java.nio.file.Files.exists(regions));
    }

    // Script-breaking characters become \\u escapes; everything else stays as written.
    @Test
    void jsonForScriptEscapesOnlyWhatBreaksScripts() {
        assertEquals(
                "{\"t\":\"\\u003c/script\\u003e \\u0026 \\u2028\\u2029 临汾\"}",
                DashboardJob.jsonForScript(Map.of("t", "</script> & \u2028\u2029 临汾")));
    }

    // Placeholders are replaced once; a placeholder inside a replacement value is left as text.
    @Test
    void fillDoesNotRescanReplacements() {
        assertEquals("a[{{B}}]b2", DashboardJob.fill("a[{{A}}]b{{B}}", Map.of("{{A}}", "{{B}}", "{{B}}", "2")));
    }
}
