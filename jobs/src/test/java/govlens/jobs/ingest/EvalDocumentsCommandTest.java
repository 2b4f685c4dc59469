package govlens.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.ExitCodes;
import govlens.jobs.GovLensCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code govlens eval documents}: the folder mode on the sample reports (no Spark needed) and its exit codes. */
class EvalDocumentsCommandTest {
    @TempDir
    Path tmp;

    private static final Path SAMPLE = Path.of("../data/sample");
    private static final Path GOLD = Path.of("../lib/src/test/resources/gold/gold_documents.tsv");

    private record Out(int code, String out, String err) {}

    private static Out run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Out(
                    GovLensCli.execute(args),
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    // On the sample reports every field of the gold is right: one line per field, nothing missed, exit 0.
    @Test
    void sampleAllRight() {
        Out o = run("eval", "documents", "--input", SAMPLE.toString(), "--gold", GOLD.toString(), "--fail-on-miss");
        assertEquals(ExitCodes.OK, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("region_name                   3      0        0"), o.out());
        assertTrue(o.out().contains("documents with every scored field right: 3 of 3"), o.out());
        assertTrue(!o.out().contains("WRONG") && !o.out().contains("MISSING"), o.out());
    }

    // A wrong gold value is listed as WRONG with gold and prediction, and --fail-on-miss exits 1.
    @Test
    void missListedAndFails() throws Exception {
        Path gold = tmp.resolve("gold.tsv");
        Files.writeString(gold, "doc\tregion_name\treport_year\n003_ff7b91cf89aeff03.txt\t岢岚县\t2023\n");
        Out o = run("eval", "documents", "--input", SAMPLE.toString(), "--gold", gold.toString(), "--fail-on-miss");
        assertEquals(ExitCodes.CRASH, o.code());
        assertTrue(o.out().contains("WRONG\t003_ff7b91cf89aeff03.txt\tregion_name\tgold=岢岚县\tgot=岚县"), o.out());
    }

    // A gold file with a column the evaluator does not know exits 2 and names the column.
    @Test
    void unknownColumnExitsTwo() throws Exception {
        Path gold = tmp.resolve("gold.tsv");
        Files.writeString(gold, "doc\tregion\n003_ff7b91cf89aeff03.txt\t岚县\n");
        Out o = run("eval", "documents", "--input", SAMPLE.toString(), "--gold", gold.toString());
        assertEquals(ExitCodes.BAD_CONFIG, o.code());
        assertTrue(o.err().contains("unknown column region"), o.err());
    }
}
