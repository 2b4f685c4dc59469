package govlens.jobs.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import govlens.jobs.SharedSparkSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TablesCommandTest extends SharedSparkSession {
    @TempDir
    static Path dir;

    static String out;
    static int code;

    @BeforeAll
    static void listFixture() {
        String wh = dir.resolve("wh").toString();
        WarehouseFixture.write(spark, wh, true);
        StringWriter sw = new StringWriter();
        code = new CommandLine(new TablesCommand()).setOut(new PrintWriter(sw)).execute("--warehouse", wh);
        out = sw.toString().replace("\r\n", "\n");
    }

    // Tables come in catalog order (documents, indicators, region_year_indicators), then others by name.
    @Test
    void listsTablesInCatalogOrder() {
        assertEquals(0, code);
        List<String> heads = out.lines()
                .filter(l -> !l.isEmpty() && !l.startsWith(" "))
                .map(l -> l.split(" ")[0])
                .toList();
        assertEquals(List.of("documents", "quarantine", "indicators", "region_year_indicators", "keywords"), heads);
    }

    // A partitioned table shows its row count and every partition folder with its rows, the null year included.
    @Test
    void showsRowCountsAndPartitions() {
        assertEquals(
                "documents  3 rows  partitions: report_year=2023 (1), report_year=2024 (1), "
                        + "report_year=__HIVE_DEFAULT_PARTITION__ (1)",
                out.lines().findFirst().orElseThrow());
    }

    // Columns print with their types, the partition column last as Spark reads it back.
    @Test
    void showsSchema() {
        List<String> lines = out.lines().toList();
        int i = lines.indexOf("quarantine  2 rows");
        assertEquals(
                List.of(
                        "  source_path    string",
                        "  source_format  string",
                        "  length         bigint",
                        "  reason         string",
                        "  detail         string"),
                lines.subList(i + 1, i + 6));
    }
}
