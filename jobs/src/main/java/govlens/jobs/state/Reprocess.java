package govlens.jobs.state;

import govlens.jobs.RunContext;
import govlens.jobs.ingest.IngestJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;

/**
 * What the per-document stages after ingest share: where a document's input comes from (this run's ingest
 * for documents written now, the committed tables for documents reprocessed because their fingerprint is
 * stale), the committed partition of documents whose rows are replaced, and the log line and manifest entry
 * that say what was reprocessed and why.
 */
public final class Reprocess {
    private Reprocess() {}

    /** IngestJob.DOC_TEXT rows of the given documents. */
    public static Dataset<Row> docText(
            SparkSession spark, String warehouse, IngestJob.Result ingest, Set<String> docIds) {
        Set<String> fromIngest = new TreeSet<>();
        Set<String> fromTables = new TreeSet<>();
        for (String id : docIds) {
            (ingest.writtenIds().contains(id) ? fromIngest : fromTables).add(id);
        }
        Dataset<Row> out = null;
        if (!fromIngest.isEmpty()) {
            out = fromIngest.size() == ingest.writtenIds().size()
                    ? ingest.written()
                    : ingest.written().join(ids(spark, fromIngest), "doc_id");
        }
        if (!fromTables.isEmpty()) {
            Dataset<Row> committed = IngestJob.committedDocText(spark, warehouse, fromTables);
            out = out == null ? committed : out.unionByName(committed);
        }
        return out == null ? spark.createDataFrame(List.of(), IngestJob.DOC_TEXT) : out;
    }

    /**
     * doc_id and committed report_year of those of the given documents that have committed rows: what
     * RunTransaction.deleteDocs takes.
     */
    public static Dataset<Row> committedKeys(
            SparkSession spark, PriorState prior, IngestJob.Result ingest, Set<String> docIds) {
        List<DocState> committed = new ArrayList<>();
        for (String id : docIds) {
            DocState before = ingest.deleted().containsKey(id)
                    ? ingest.deleted().get(id)
                    : prior.docs().get(id);
            if (before != null && !ingest.all()) {
                committed.add(before);
            }
        }
        return DocState.keys(spark, committed);
    }

    /**
     * Logs and records (manifest) how many documents a stage processes, how many of them are new to the
     * warehouse, and why the others are processed again.
     */
    public static void log(
            Logger log,
            StageFingerprints.Stage stage,
            Set<String> todo,
            IngestJob.Result ingest,
            boolean fullRebuild,
            List<String> unusable,
            StageFingerprints fps,
            PriorState prior,
            RunContext run) {
        long docs = todo.size();
        long fresh = todo.stream()
                .filter(id ->
                        ingest.writtenIds().contains(id) && !ingest.deleted().containsKey(id))
                .count();
        long stale =
                todo.stream().filter(id -> !ingest.writtenIds().contains(id)).count();
        String reason;
        if (fullRebuild) {
            reason = "full rebuild";
        } else if (!unusable.isEmpty()) {
            reason = "tables " + unusable + " missing or unreadable";
        } else if (ingest.all()) {
            reason = "every document was ingested again";
        } else if (stale > 0) {
            reason = "fingerprint changed: " + String.join(", ", fps.changedParts(stage, prior.previousParts(stage)));
        } else {
            reason = "documents written again by ingest";
        }
        long again = docs - fresh;
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("documents", docs);
        what.put("new", fresh);
        what.put("reprocessed", again);
        if (again > 0) {
            what.put("why", reason);
            log.info("{}: {} documents ({} new, {} reprocessed: {})", stage.key(), docs, fresh, again, reason);
        } else {
            log.info("{}: {} new documents", stage.key(), docs);
        }
        run.reprocessed(stage.key(), what);
    }

    private static Dataset<Row> ids(SparkSession spark, Set<String> ids) {
        return spark.createDataset(List.copyOf(ids), Encoders.STRING()).toDF("doc_id");
    }
}
