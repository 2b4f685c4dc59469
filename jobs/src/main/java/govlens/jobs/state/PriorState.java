package govlens.jobs.state;

import com.fasterxml.jackson.databind.JsonNode;
import govlens.jobs.RunManifest;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.Warehouse;
import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the warehouse held when the run started, on the driver: the state of every input file and document,
 * the health of every table, and the stage fingerprints the last successful run recorded (so the log can say
 * which rule file or dictionary changed). A full rebuild starts from an empty state.
 */
public final class PriorState {
    private static final Logger LOG = LoggerFactory.getLogger(PriorState.class);

    /** One row of {@code _state/files}. */
    public record FileRow(
            String path,
            long length,
            long modificationTime,
            String outcome,
            String docId,
            String ingestFingerprint,
            String runId)
            implements Serializable {}

    private final Map<String, FileRow> files;
    private final Map<String, DocState> docs;
    private final Map<String, Warehouse.Health> health;
    private final Map<String, Map<String, String>> previousParts;

    private PriorState(
            Map<String, FileRow> files,
            Map<String, DocState> docs,
            Map<String, Warehouse.Health> health,
            Map<String, Map<String, String>> previousParts) {
        this.files = Collections.unmodifiableMap(files);
        this.docs = Collections.unmodifiableMap(docs);
        this.health = Collections.unmodifiableMap(health);
        this.previousParts = Collections.unmodifiableMap(previousParts);
    }

    /** Loads the state of the configured warehouse; every table's health is checked for the given tables. */
    public static PriorState load(SparkSession spark, GovLensConfig config, List<TableDef> tables) {
        String wh = config.warehouse();
        Map<String, Warehouse.Health> health = new LinkedHashMap<>();
        for (TableDef t : tables) {
            Warehouse.Health h = Warehouse.health(spark, wh, t);
            health.put(t.name(), h);
            if (h == Warehouse.Health.UNREADABLE) {
                LOG.warn("table {} is unreadable: it is rebuilt from all committed documents", t.name());
            }
        }
        Map<String, FileRow> files = new HashMap<>();
        Map<String, DocState> docs = new HashMap<>();
        if (!config.fullRebuild()) {
            if (health.getOrDefault(Tables.FILE_STATE.name(), Warehouse.Health.OK) == Warehouse.Health.OK) {
                for (Row r : Warehouse.read(spark, wh, Tables.FILE_STATE).collectAsList()) {
                    files.put(
                            r.getString(0),
                            new FileRow(
                                    r.getString(0),
                                    r.getLong(1),
                                    r.getLong(2),
                                    r.getString(3),
                                    r.getString(4),
                                    r.getString(5),
                                    r.getString(6)));
                }
            }
            if (health.getOrDefault(Tables.DOC_STATE.name(), Warehouse.Health.OK) == Warehouse.Health.OK) {
                for (Row r : Warehouse.read(spark, wh, Tables.DOC_STATE).collectAsList()) {
                    DocState d = DocState.of(r);
                    docs.put(d.docId(), d);
                }
            }
        }
        return new PriorState(files, docs, health, previousParts(wh));
    }

    /** An empty warehouse: for tools and tests. */
    public static PriorState empty() {
        return new PriorState(Map.of(), Map.of(), Map.of(), Map.of());
    }

    public Map<String, FileRow> files() {
        return files;
    }

    public Map<String, DocState> docs() {
        return docs;
    }

    /** Whether the table can be merged into: committed and readable. */
    public boolean usable(TableDef table) {
        return health.getOrDefault(table.name(), Warehouse.Health.ABSENT) == Warehouse.Health.OK;
    }

    /** Tables among the given ones that cannot be merged into (absent or unreadable). */
    public List<String> unusable(List<TableDef> tables) {
        return tables.stream().filter(t -> !usable(t)).map(TableDef::name).toList();
    }

    /** Fingerprint parts (part → digest) the last successful run recorded for a stage; null when unknown. */
    public Map<String, String> previousParts(StageFingerprints.Stage stage) {
        return previousParts.get(stage.key());
    }

    private static Map<String, Map<String, String>> previousParts(String warehouse) {
        Map<String, Map<String, String>> out = new HashMap<>();
        try {
            for (JsonNode m : RunManifest.list(warehouse)) {
                JsonNode fps = m.get("fingerprints");
                if (fps == null || !"ok".equals(m.path("status").asText())) {
                    continue;
                }
                fps.fields().forEachRemaining(e -> {
                    Map<String, String> parts = new LinkedHashMap<>();
                    e.getValue()
                            .path("parts")
                            .fields()
                            .forEachRemaining(
                                    p -> parts.put(p.getKey(), p.getValue().asText()));
                    out.put(e.getKey(), parts);
                });
                break;
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "cannot read earlier run manifests ({}): changes are reported without their cause", e.getMessage());
        }
        return out;
    }
}
