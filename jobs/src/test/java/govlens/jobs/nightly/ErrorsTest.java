package govlens.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.Pipeline;
import govlens.jobs.SharedSparkSession;
import govlens.jobs.config.GovLensConfig;
import govlens.lib.pipeline.FaultInjection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bad document is one errors row, not a failed night: documents that throw in each per-document step
 * (through the FaultInjection test hook) end as errors rows, their other outputs stay consistent, and the
 * rest of the run commits. The data-quality gate fails the run when errors exceed their configured share.
 */
class ErrorsTest extends SharedSparkSession {
    static final List<String> STEPS =
            List.of("clean", "metadata", "sections", "sentences", "indicators", "tokenize", "textrank", "units");

    @TempDir
    static Path tmp;

    static Path wh;
    static Pipeline.Outcome outcome;

    /** A short report of an invented county whose text carries the marker of the step that must fail. */
    static String report(String step) {
        return "某某县人民政府关于2023年度法治政府建设情况的报告\n\n2023年，某某县深入推进法治政府建设。"
                + "\n\n一、主要做法\n\n全年共受理行政复议案件12件，纠错率为8%。组织法治培训3次。标记FAULT_" + step
                + "。\n\n二、存在的问题\n\n基层执法力量仍然不足。\n";
    }

    @BeforeAll
    static void runWithFaults() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        try (Stream<Path> files = Files.list(Path.of("../data/sample"))) {
            for (Path p : files.toList()) {
                Files.copy(p, in.resolve(p.getFileName()));
            }
        }
        StringBuilder spec = new StringBuilder();
        for (String step : STEPS) {
            Files.writeString(in.resolve("fault_" + step + ".txt"), report(step));
            spec.append(spec.length() == 0 ? "" : ",")
                    .append(step)
                    .append(":FAULT_")
                    .append(step);
        }
        wh = tmp.resolve("wh");
        System.setProperty(FaultInjection.PROPERTY, spec.toString());
        try {
            outcome = Pipeline.run(
                    spark,
                    GovLensConfig.load(
                            null,
                            Map.of(
                                    "govlens.input",
                                    List.of(in.toString()),
                                    "govlens.warehouse",
                                    wh.toString(),
                                    "govlens.topics.k",
                                    3)));
        } finally {
            System.clearProperty(FaultInjection.PROPERTY);
        }
    }

    @AfterAll
    static void noFaults() {
        System.clearProperty(FaultInjection.PROPERTY);
    }

    static Dataset<Row> table(String name) {
        return spark.read().parquet(wh.resolve(name).toString());
    }

    static String docOf(String step) {
        return table("documents")
                .filter(col("source_path").endsWith("fault_" + step + ".txt"))
                .select("doc_id")
                .as(Encoders.STRING())
                .first();
    }

    // Every injected failure is one errors row naming its step, document, file and exception.
    @Test
    void everyFailedStepIsOneErrorsRow() {
        List<Row> rows = table("errors").orderBy("stage").collectAsList();
        assertEquals(
                new TreeSet<>(STEPS),
                new TreeSet<>(rows.stream().map(r -> r.<String>getAs("stage")).toList()));
        assertEquals(STEPS.size(), rows.size());
        for (Row r : rows) {
            assertTrue(r.<String>getAs("source_path").endsWith("fault_" + r.getAs("stage") + ".txt"), r.toString());
            assertEquals(FaultInjection.InjectedFault.class.getName(), r.getAs("exception_class"));
            assertEquals(r.getAs("stage").equals("clean"), r.isNullAt(r.fieldIndex("doc_id")), r.toString());
        }
    }

    // The run committed every table: the sample and every document past cleaning are in the warehouse.
    @Test
    void theRunCommits() {
        assertEquals(3 + STEPS.size() - 1, table("documents").count());
        assertEquals(
                List.of("processing_error"),
                table("quarantine").select("reason").as(Encoders.STRING()).collectAsList());
    }

    // Metadata failed: the document is kept with empty metadata and the flag; its sections and figures exist.
    @Test
    void metadataFailureKeepsTheDocument() {
        Row d = table("documents")
                .filter(col("doc_id").equalTo(docOf("metadata")))
                .first();
        assertTrue(d.isNullAt(d.fieldIndex("region_code")));
        assertTrue(d.<scala.collection.Seq<String>>getAs("quality_flags").contains("metadata_error"));
        assertTrue(table("indicators")
                        .filter(col("doc_id").equalTo(docOf("metadata")))
                        .count()
                > 0);
    }

    // Sections failed: one untitled section spans the text, and the sentences are still there.
    @Test
    void sectionFailureLeavesOneSection() {
        String id = docOf("sections");
        List<Row> sections = table("sections").filter(col("doc_id").equalTo(id)).collectAsList();
        assertEquals(1, sections.size());
        assertTrue(table("sentences").filter(col("doc_id").equalTo(id)).count() > 3);
    }

    // Sentences failed: no sentences, hence no figures or tokens, but the document and its sections stay.
    @Test
    void sentenceFailureLeavesNoSentences() {
        String id = docOf("sentences");
        assertEquals(0, table("sentences").filter(col("doc_id").equalTo(id)).count());
        assertTrue(table("sections").filter(col("doc_id").equalTo(id)).count() > 1);
    }

    // Indicator extraction failed: no figures for the document; its tokens exist.
    @Test
    void indicatorFailureLeavesTheTokens() {
        String id = docOf("indicators");
        assertEquals(0, table("indicators").filter(col("doc_id").equalTo(id)).count());
        assertTrue(table("tokens").filter(col("doc_id").equalTo(id)).count() > 10);
    }

    // Tokenization failed: no tokens, counts, keywords or topics for the document; its figures exist.
    @Test
    void tokenizeFailureLeavesTheFigures() {
        String id = docOf("tokenize");
        for (String t : List.of("tokens", "keywords", "doc_topics")) {
            assertEquals(0, table(t).filter(col("doc_id").equalTo(id)).count(), t);
        }
        assertTrue(table("indicators").filter(col("doc_id").equalTo(id)).count() > 0);
    }

    // TextRank failed: no TextRank keywords, TF-IDF keywords and tokens stay.
    @Test
    void textRankFailureKeepsTfidf() {
        Dataset<Row> k = table("keywords").filter(col("doc_id").equalTo(docOf("textrank")));
        assertEquals(0, k.filter(col("method").equalTo("textrank")).count());
        assertTrue(k.filter(col("method").equalTo("tfidf")).count() > 0);
    }

    // Units failed: no topic distribution for the document, its tokens stay.
    @Test
    void unitFailureLeavesNoTopics() {
        String id = docOf("units");
        assertEquals(0, table("doc_topics").filter(col("doc_id").equalTo(id)).count());
        assertTrue(table("tokens").filter(col("doc_id").equalTo(id)).count() > 10);
    }

    // Eight failing documents of ten break the default 1% threshold: the gate fails the run and names it.
    @Test
    void qualityGateFailsOnTooManyErrors() {
        assertFalse(outcome.qualityPassed());
        assertTrue(
                outcome.quality().stream()
                        .anyMatch(q -> !q.passed() && q.check().startsWith("errors")),
                outcome.quality().toString());
    }
}
