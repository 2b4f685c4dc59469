package govlens.jobs.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.SharedSparkSession;
import govlens.jobs.query.WarehouseFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardJobTest extends SharedSparkSession {
    @TempDir
    static Path dir;

    static String html;
    static String echarts;

    @BeforeAll
    static void render() throws IOException {
        String wh = dir.resolve("wh").toString();
        WarehouseFixture.write(spark, wh, true);
        DashboardJob.run(spark, wh);
        html = Files.readString(Path.of(wh, "dashboard", "index.html"));
        try (InputStream in = DashboardJob.class.getResourceAsStream(DashboardJob.ECHARTS)) {
            echarts = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    static String dataJson() {
        Matcher m = Pattern.compile(
                        "<script type=\"application/json\" id=\"govlens-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertTrue(m.find());
        return m.group(1);
    }

    // Markup from reports never appears raw: no "<script>alert" anywhere, no "<img" beyond ECharts' own code.
    @Test
    void reportMarkupIsNotInThePageRaw() {
        assertFalse(html.contains("<script>alert"));
        assertFalse(html.contains("onerror=\"window.__xss"));
        assertEquals(count(echarts, "<img"), count(html, "<img"));
    }

    // The same strings are in the data block, with < > written as \u003c \u003e.
    @Test
    void reportMarkupTravelsEscapedInTheJson() {
        String json = dataJson();
        assertTrue(json.contains("岚县\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"), "region escaped");
        assertTrue(json.contains("\\u003cimg src=x onerror=\\\"window.__xss=1\\\"\\u003e"), "keyword escaped");
        assertFalse(json.contains("<"));
        assertFalse(json.contains(">"));
    }

    // Exactly three script elements: the data block, ECharts and the page script; the page ends once.
    @Test
    void pageHasOnlyItsOwnScripts() {
        assertEquals(3, count(html.toLowerCase(), "<script"));
        assertEquals(3, count(html.toLowerCase(), "</script"));
        assertEquals(1, count(html, "</html>"));
    }

    // The CSP allows exactly the two inline scripts, by hash: inline handlers cannot run even if injected.
    @Test
    void cspPinsTheInlineScripts() {
        Matcher m = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
        StringBuilder hashes = new StringBuilder();
        while (m.find()) {
            hashes.append(hashes.length() > 0 ? " " : "").append(DashboardJob.cspHash(m.group(1)));
        }
        assertTrue(html.contains("script-src " + hashes + ";"), hashes.toString());
    }

    // No network: no http(s) resource is loaded by src or href.
    @Test
    void pageLoadsNothingFromTheNetwork() {
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?https?:")
                .matcher(html)
                .find());
    }

    // Each chosen value carries the sentence of its mention from indicators, and its document (with its title) is
    // in the region's detail (embedded here: the fixture is below govlens.dashboard.embed-max-documents).
    @Test
    void indicatorValuesCarryTheirSentence() throws Exception {
        com.fasterxml.jackson.databind.JsonNode data =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(dataJson());
        assertEquals("embedded", data.at("/detail/mode").asText());
        com.fasterxml.jackson.databind.JsonNode linfen = data.at("/detail/regions/141000/values/0");
        assertEquals("全年办理行政复议案件82.3万件。", linfen.get("sentence").asText());
        assertEquals("d1", linfen.get("doc_id").asText());
        assertEquals(
                "临汾市报告, \"第一\"\n续",
                data.at("/detail/regions/141000/documents/0/title").asText());
        assertEquals(823000.0, linfen.get("value").asDouble());
    }
}
