package govlens.jobs.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.SharedSparkSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class QueryCommandTest extends SharedSparkSession {
    @TempDir
    static Path dir;

    static String wh;

    @BeforeAll
    static void fixture() {
        wh = dir.resolve("wh").toString();
        WarehouseFixture.write(spark, wh, true);
    }

    record Result(int code, String out, String err) {}

    static Result query(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new QueryCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    // csv: header, CRLF records, a field with comma, quote and line break quoted with the quote doubled.
    @Test
    void csvQuotesFieldsThatNeedIt() {
        Result r = query(
                "--warehouse",
                wh,
                "--format",
                "csv",
                "SELECT doc_id, title, char_count FROM documents WHERE doc_id = 'd1'");
        assertEquals(0, r.code(), r.err());
        assertEquals("doc_id,title,char_count\r\nd1,\"临汾市报告, \"\"第一\"\"\n续\",120\r\n", r.out());
    }

    // csv: NULL is an empty field, arrays are their JSON text (quoted, as it holds commas and quotes).
    @Test
    void csvWritesNullEmptyAndArraysAsJson() {
        Result r = query(
                "--warehouse",
                wh,
                "--format",
                "csv",
                "SELECT doc_id, title, quality_flags FROM documents WHERE doc_id IN ('d2', 'd3') ORDER BY doc_id");
        assertEquals(
                "doc_id,title,quality_flags\r\n"
                        + "d2,\"岚县<script>alert(1)</script><img src=x onerror=\"\"window.__xss=1\"\">\",\"[\"\"no_year\"\",\"\"furniture_removed\"\"]\"\r\n"
                        + "d3,,\"[\"\"no_region\"\"]\"\r\n",
                r.out());
    }

    // json: JSON Lines, keys in column order, nulls kept, the __HIVE_DEFAULT_PARTITION__ year read as null.
    @Test
    void jsonLinesKeepNullsAndTypes() {
        Result r = query(
                "--warehouse",
                wh,
                "--format",
                "json",
                "SELECT doc_id, report_year, char_count, quality_flags FROM documents ORDER BY doc_id");
        assertEquals(
                "{\"doc_id\":\"d1\",\"report_year\":2024,\"char_count\":120,\"quality_flags\":[]}\n"
                        + "{\"doc_id\":\"d2\",\"report_year\":2023,\"char_count\":80,\"quality_flags\":[\"no_year\",\"furniture_removed\"]}\n"
                        + "{\"doc_id\":\"d3\",\"report_year\":null,\"char_count\":10,\"quality_flags\":[\"no_region\"]}\n",
                r.out());
    }

    // table: columns aligned by display width (a Chinese character is two columns), numbers right-aligned.
    @Test
    void tableAlignsChineseByDisplayWidth() {
        Result r = query(
                "--warehouse",
                wh,
                "SELECT region_name, value FROM region_year_indicators WHERE region_code = '141000'");
        assertEquals(
                "region_name |  value\n" + "------------+-------\n" + "临汾市      | 823000\n" + "(1 row)\n",
                r.out().replace("\r\n", "\n"));
    }

    // An unknown column: exit 2 and the engine's first message line on stderr, no stack trace, no stdout.
    @Test
    void analysisErrorExitsTwoWithOneLine() {
        Result r = query("--warehouse", wh, "SELECT nope FROM documents");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        String err = r.err().strip();
        assertTrue(err.startsWith("govlens query: [UNRESOLVED_COLUMN.WITH_SUGGESTION]"), err);
        assertEquals(1, err.lines().count(), err);
    }

    // A syntax error: exit 2 and the parser's message (its message starts with a line break).
    @Test
    void parseErrorExitsTwoWithOneLine() {
        Result r = query("--warehouse", wh, "SELEC * FROM documents");
        assertEquals(2, r.code());
        String err = r.err().strip();
        assertTrue(err.startsWith("govlens query: [PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'"), err);
        assertEquals(1, err.lines().count(), err);
    }

    // A warehouse folder without tables: exit 3 with a hint.
    @Test
    void emptyWarehouseExitsThree() {
        Result r = query("--warehouse", dir.resolve("nothing").toString(), "SELECT 1");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("no tables in warehouse"), r.err());
    }
}
