package govlens.jobs.state;

import govlens.jobs.warehouse.Tables;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * One row of {@code _state/documents} on the driver: a document's place in the warehouse and, per stage, the
 * fingerprint its rows were made with (null: not made yet). The state of a whole national corpus is a few
 * megabytes, so a run plans on the driver with plain collections instead of Spark jobs.
 */
public record DocState(
        String docId,
        String sourcePath,
        Integer reportYear,
        String regionCode,
        String regionName,
        String adminLevel,
        String ingest,
        String indicators,
        String analytics,
        String topicModel,
        String runId)
        implements Serializable {

    /** The recorded fingerprint of a stage. */
    public String fingerprint(StageFingerprints.Stage stage) {
        return switch (stage) {
            case INGEST -> ingest;
            case INDICATORS -> indicators;
            case ANALYTICS -> analytics;
        };
    }

    /** A copy with one stage's fingerprint replaced and the run that did it. */
    public DocState with(StageFingerprints.Stage stage, String fingerprint, String run) {
        return switch (stage) {
            case INGEST ->
                new DocState(
                        docId,
                        sourcePath,
                        reportYear,
                        regionCode,
                        regionName,
                        adminLevel,
                        fingerprint,
                        indicators,
                        analytics,
                        topicModel,
                        run);
            case INDICATORS ->
                new DocState(
                        docId,
                        sourcePath,
                        reportYear,
                        regionCode,
                        regionName,
                        adminLevel,
                        ingest,
                        fingerprint,
                        analytics,
                        topicModel,
                        run);
            case ANALYTICS ->
                new DocState(
                        docId,
                        sourcePath,
                        reportYear,
                        regionCode,
                        regionName,
                        adminLevel,
                        ingest,
                        indicators,
                        fingerprint,
                        topicModel,
                        run);
        };
    }

    public DocState withTopicModel(String modelId, String run) {
        return new DocState(
                docId,
                sourcePath,
                reportYear,
                regionCode,
                regionName,
                adminLevel,
                ingest,
                indicators,
                analytics,
                modelId,
                run);
    }

    static DocState of(Row r) {
        return new DocState(
                r.getString(0),
                r.getString(1),
                r.isNullAt(2) ? null : r.getInt(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                r.getString(9),
                r.getString(10));
    }

    Row toRow() {
        return RowFactory.create(
                docId,
                sourcePath,
                reportYear,
                regionCode,
                regionName,
                adminLevel,
                ingest,
                indicators,
                analytics,
                topicModel,
                runId);
    }

    /** The rows of {@link Tables#DOC_STATE}. */
    public static List<Row> rows(java.util.Collection<DocState> docs) {
        List<Row> rows = new ArrayList<>(docs.size());
        for (DocState d : docs) {
            rows.add(d.toRow());
        }
        return rows;
    }

    /** The rows as a Dataset of {@link Tables#DOC_STATE}. */
    public static Dataset<Row> toDataset(SparkSession spark, java.util.Collection<DocState> docs) {
        return spark.createDataFrame(rows(docs), Tables.DOC_STATE.schema());
    }

    /** doc_id and report_year of the given documents: what {@code RunTransaction.deleteDocs} takes. */
    public static Dataset<Row> keys(SparkSession spark, java.util.Collection<DocState> docs) {
        List<Row> rows = new ArrayList<>(docs.size());
        for (DocState d : docs) {
            rows.add(RowFactory.create(d.docId(), d.reportYear()));
        }
        return spark.createDataFrame(rows, KEYS);
    }

    /** Schema of {@link #keys}. */
    public static final org.apache.spark.sql.types.StructType KEYS = new org.apache.spark.sql.types.StructType()
            .add("doc_id", org.apache.spark.sql.types.DataTypes.StringType, false)
            .add("report_year", org.apache.spark.sql.types.DataTypes.IntegerType, true);
}
