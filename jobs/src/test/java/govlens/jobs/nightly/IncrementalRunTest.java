package govlens.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import govlens.jobs.Pipeline;
import govlens.jobs.SharedSparkSession;
import govlens.jobs.config.GovLensConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nightly semantics: only new files are read, no-op reruns change nothing, increments equal rebuilds. */
class IncrementalRunTest extends SharedSparkSession {
    static final Path SAMPLE = Path.of("../data/sample");

    @TempDir
    Path tmp;

    static GovLensConfig config(Path input, Path warehouse, boolean full) {
        return GovLensConfig.load(
                null,
                Map.of(
                        "govlens.input",
                        List.of(input.toString()),
                        "govlens.warehouse",
                        warehouse.toString(),
                        "govlens.full-rebuild",
                        full,
                        "govlens.topics.enabled",
                        false));
    }

    static void copy(String name, Path dir) throws IOException {
        Files.copy(SAMPLE.resolve(name), dir.resolve(name));
    }

    /** Every data file of the warehouse (not the run log) with its content digest. */
    static Map<String, String> digests(Path warehouse) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(warehouse)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = warehouse.relativize(p).toString();
                if (!rel.startsWith("_runs")) {
                    byte[] h = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                    out.put(rel, HexFormat.of().formatHex(h));
                }
            }
        }
        return out;
    }

    // A second run over the same input reads nothing and leaves every file of the warehouse as it was.
    @Test
    void rerunOnSameInputChangesNothing() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        copy("000_2a0a36ba8a6511d2.txt", in);
        copy("003_ff7b91cf89aeff03.txt", in);
        Path wh = tmp.resolve("wh");
        Pipeline.run(spark, config(in, wh, false));
        Map<String, String> before = digests(wh);
        Pipeline.Outcome second = Pipeline.run(spark, config(in, wh, false));
        assertEquals(0L, second.run().counts().get("files_read"));
        assertEquals(before, digests(wh));
    }

    // Adding one report reads only that file, and the result equals a full rebuild over all three.
    @Test
    void incrementEqualsFullRebuild() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        copy("000_2a0a36ba8a6511d2.txt", in);
        copy("003_ff7b91cf89aeff03.txt", in);
        Path wh = tmp.resolve("wh");
        Pipeline.run(spark, config(in, wh, false));
        copy("001_994ea346fb585f17.txt", in);
        Pipeline.Outcome nightly = Pipeline.run(spark, config(in, wh, false));
        assertEquals(1L, nightly.run().counts().get("files_read"));
        assertEquals(1L, nightly.run().counts().get("documents_new"));

        Path rebuilt = tmp.resolve("rebuilt");
        Pipeline.run(spark, config(in, rebuilt, true));
        WarehouseComparison.assertSameTables(spark, rebuilt.toString(), wh.toString());
    }

    /** A short county report of one year giving one count of administrative review cases. */
    static String countyReport(int year, int cases) {
        return "五寨县人民政府关于" + year + "年度法治政府建设工作情况的报告\n\n"
                + year + "年,我县围绕法治政府建设目标任务,扎实推进依法行政各项工作。\n\n"
                + "一、主要工作成效\n\n全年办理行政复议案件" + cases + "件,依法纠正违法或不当行政行为。\n";
    }

    // A report of a region's earlier year changes the flags of that region's later rows (rewritten), while the
    // other regions' rows stay as committed; the result equals a full rebuild.
    @Test
    void earlierYearOfARegionReflagsItsLaterRowsOnly() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        copy("000_2a0a36ba8a6511d2.txt", in);
        Files.writeString(in.resolve("county_2022.txt"), countyReport(2022, 600));
        Path wh = tmp.resolve("wh");
        Pipeline.run(spark, config(in, wh, false));
        Files.writeString(in.resolve("county_2021.txt"), countyReport(2021, 100));
        Pipeline.Outcome nightly = Pipeline.run(spark, config(in, wh, false));
        assertEquals(1L, nightly.run().counts().get("documents_new"));
        assertEquals(1L, nightly.run().counts().get("indicators_docs_reflagged"));
        List<String> flags = spark.read()
                .parquet(wh.resolve("region_year_indicators").toString())
                .where("report_year = 2022 and indicator = 'admin_review.cases_received'")
                .selectExpr("explode(flags)")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        assertEquals(List.of("jump_gt_5x"), flags);

        Path rebuilt = tmp.resolve("rebuilt");
        Pipeline.run(spark, config(in, rebuilt, true));
        WarehouseComparison.assertSameTables(spark, rebuilt.toString(), wh.toString());
    }
}
