package govlens.jobs.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.SharedSparkSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file operations of a run's transaction on a small partitioned table (the sentences schema): appends add
 * files beside committed ones, deleteDocs rewrites only the files holding the documents, segments are
 * replaced independently, nothing is visible before commit, and a logged commit is completed by recovery.
 */
class RunTransactionTest extends SharedSparkSession {
    @TempDir
    Path tmp;

    static Dataset<Row> sentences(String doc, int year, int n) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create(doc, "s000", i, doc + "-" + i, i * 10, i * 10 + 9, year));
        }
        return spark.createDataFrame(rows, Tables.SENTENCES.schema());
    }

    static Dataset<Row> keys(String doc, Integer year) {
        return spark.createDataFrame(List.of(RowFactory.create(doc, year)), govlens.jobs.state.DocState.KEYS);
    }

    List<String> docs(String wh) {
        return Warehouse.read(spark, wh, Tables.SENTENCES)
                .select("doc_id")
                .distinct()
                .orderBy("doc_id")
                .as(Encoders.STRING())
                .collectAsList();
    }

    static List<Path> files(Path table) throws Exception {
        try (Stream<Path> s = Files.walk(table)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .sorted()
                    .toList();
        }
    }

    // An append adds files into the partition folders; committed files stay byte for byte.
    @Test
    void appendAddsFilesBesideCommittedOnes() throws Exception {
        String wh = tmp.resolve("wh").toString();
        RunTransaction first = new RunTransaction(spark, wh, "r1");
        first.append(Tables.SENTENCES, "docs", sentences("a", 2023, 3), WarehouseWriter.Layout.AS_IS);
        first.commit();
        List<Path> before = files(tmp.resolve("wh/sentences"));
        RunTransaction second = new RunTransaction(spark, wh, "r2");
        second.append(Tables.SENTENCES, "docs", sentences("b", 2023, 2).coalesce(1), WarehouseWriter.Layout.AS_IS);
        second.commit();
        List<Path> after = files(tmp.resolve("wh/sentences"));
        assertTrue(after.containsAll(before));
        assertEquals(before.size() + 1, after.size());
        assertEquals(List.of("a", "b"), docs(wh));
        assertTrue(after.stream().allMatch(p -> p.getFileName().toString().startsWith("docs__")));
    }

    // deleteDocs rewrites only the files that hold the document, in the partition named by its year.
    @Test
    void deleteDocsRewritesOnlyTheFilesHoldingThem() throws Exception {
        String wh = tmp.resolve("wh").toString();
        RunTransaction t1 = new RunTransaction(spark, wh, "r1");
        t1.append(Tables.SENTENCES, "docs", sentences("a", 2023, 3).coalesce(1), WarehouseWriter.Layout.AS_IS);
        t1.commit();
        RunTransaction t2 = new RunTransaction(spark, wh, "r2");
        t2.append(Tables.SENTENCES, "docs", sentences("b", 2024, 3).coalesce(1), WarehouseWriter.Layout.AS_IS);
        t2.commit();
        List<Path> year2023 = files(tmp.resolve("wh/sentences/report_year=2023"));
        RunTransaction t3 = new RunTransaction(spark, wh, "r3");
        assertEquals(1, t3.deleteDocs(Tables.SENTENCES, keys("b", 2024)));
        t3.commit();
        assertEquals(List.of("a"), docs(wh));
        assertEquals(year2023, files(tmp.resolve("wh/sentences/report_year=2023")));
    }

    // Staged writes are invisible until commit, and an abort leaves the table as it was.
    @Test
    void nothingIsVisibleBeforeCommit() {
        String wh = tmp.resolve("wh").toString();
        RunTransaction t1 = new RunTransaction(spark, wh, "r1");
        t1.append(Tables.SENTENCES, "docs", sentences("a", 2023, 2), WarehouseWriter.Layout.AS_IS);
        t1.commit();
        RunTransaction t2 = new RunTransaction(spark, wh, "r2");
        t2.append(Tables.SENTENCES, "docs", sentences("b", 2023, 2), WarehouseWriter.Layout.AS_IS);
        t2.deleteDocs(Tables.SENTENCES, keys("a", 2023));
        assertEquals(List.of("a"), docs(wh));
        t2.abort();
        assertEquals(List.of("a"), docs(wh));
        assertFalse(Files.exists(tmp.resolve("wh/_staging")));
    }

    // Replacing one segment leaves the other segments' files alone.
    @Test
    void replaceSegmentLeavesOtherSegments() throws Exception {
        String wh = tmp.resolve("wh").toString();
        RunTransaction t1 = new RunTransaction(spark, wh, "r1");
        t1.append(Tables.SENTENCES, "docs", sentences("a", 2023, 2), WarehouseWriter.Layout.AS_IS);
        t1.append(Tables.SENTENCES, "extra", sentences("x", 2023, 2), WarehouseWriter.Layout.AS_IS);
        t1.commit();
        RunTransaction t2 = new RunTransaction(spark, wh, "r2");
        t2.replaceSegment(Tables.SENTENCES, "extra", sentences("y", 2023, 2), WarehouseWriter.Layout.AS_IS);
        t2.commit();
        assertEquals(List.of("a", "y"), docs(wh));
        assertEquals(
                1,
                t2.readSegment(Tables.SENTENCES, "extra")
                        .select("doc_id")
                        .distinct()
                        .count());
    }

    // A commit interrupted after its log was written is completed by recovery, exactly once.
    @Test
    void recoveryCompletesALoggedCommit() throws Exception {
        String wh = tmp.resolve("wh").toString();
        RunTransaction t1 = new RunTransaction(spark, wh, "r1");
        t1.append(Tables.SENTENCES, "docs", sentences("a", 2023, 2), WarehouseWriter.Layout.AS_IS);
        t1.commit();
        RunTransaction t2 = new RunTransaction(spark, wh, "r2");
        t2.append(Tables.SENTENCES, "docs", sentences("b", 2023, 2), WarehouseWriter.Layout.AS_IS);
        t2.deleteDocs(Tables.SENTENCES, keys("a", 2023));
        t2.writeLogOnly(); // as if killed right after writing the commit log
        assertEquals(List.of("a"), docs(wh));
        RunTransaction.recover(spark, wh, Holder.current("next", "run"), java.time.Duration.ofMinutes(5));
        assertEquals(List.of("b"), docs(wh));
        RunTransaction.recover(spark, wh, Holder.current("next", "run"), java.time.Duration.ofMinutes(5));
        assertEquals(List.of("b"), docs(wh));
        assertFalse(CommitLog.state(Warehouse.fileSystem(spark, wh), Warehouse.qualify(spark, wh))
                .isPending());
        assertEquals(
                2,
                CommitLog.state(Warehouse.fileSystem(spark, wh), Warehouse.qualify(spark, wh))
                        .version());
    }
}
