package govlens.jobs.chaos;

import govlens.jobs.config.GovLensConfig;
import govlens.jobs.warehouse.CommitLog;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What the chaos trials and the scheduler-safety tests check a warehouse with after a fault. */
public final class Trials {
    private Trials() {}

    /** A run's configuration: the inputs, the warehouse, topics on (k = 2, 5 iterations) or off, a long lease wait. */
    public static GovLensConfig config(String wh, List<Path> inputs, boolean topics) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("govlens.input", inputs.stream().map(Path::toString).toList());
        o.put("govlens.warehouse", wh);
        o.put("govlens.topics.enabled", topics);
        o.put("govlens.topics.k", 2);
        o.put("govlens.topics.max-iterations", 5);
        o.put("govlens.lease.wait", "10m");
        return GovLensConfig.load(null, o);
    }

    /** Input files that ended as no document, duplicate or quarantine row. */
    public static long vanished(SparkSession spark, String wh, List<Path> inputs) throws IOException {
        Set<String> docs = new HashSet<>(Warehouse.read(spark, wh, Tables.DOCUMENTS)
                .select("doc_id")
                .as(Encoders.STRING())
                .collectAsList());
        Set<String> dups = new HashSet<>(Warehouse.read(spark, wh, Tables.DUPLICATES)
                .select("source_path")
                .as(Encoders.STRING())
                .collectAsList());
        Set<String> quarantined = new HashSet<>(Warehouse.read(spark, wh, Tables.QUARANTINE)
                .select("source_path")
                .as(Encoders.STRING())
                .collectAsList());
        Map<String, Row> state = new HashMap<>();
        for (Row row : Warehouse.read(spark, wh, Tables.FILE_STATE)
                .select("path", "outcome", "doc_id")
                .collectAsList()) {
            state.put(row.getString(0), row);
        }
        long missing = 0;
        for (Path in : inputs) {
            try (Stream<Path> files = Files.list(in)) {
                for (Path f : files.toList()) {
                    String path = Warehouse.qualify(spark, f.toString());
                    Row row = state.get(path);
                    boolean found = row != null
                            && switch (row.getString(1)) {
                                case "document" -> docs.contains(row.getString(2));
                                case "duplicate" -> dups.contains(path);
                                case "quarantine" -> quarantined.contains(path);
                                default -> false;
                            };
                    if (!found) {
                        missing++;
                    }
                }
            }
        }
        return missing;
    }

    public static long version(SparkSession spark, String wh) {
        return CommitLog.state(Warehouse.fileSystem(spark, wh), Warehouse.qualify(spark, wh))
                .version();
    }

    public static boolean stagingEmpty(Path wh) throws IOException {
        Path s = wh.resolve(CommitLog.STAGING);
        if (!Files.exists(s)) {
            return true;
        }
        try (Stream<Path> l = Files.list(s)) {
            return l.findAny().isEmpty();
        }
    }

    /** Every file of the warehouse but the run manifests, with a digest of its content. */
    public static Map<String, String> digests(Path wh) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(wh)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = wh.relativize(p).toString();
                if (!rel.startsWith("_runs") && !rel.startsWith(CommitLog.STAGING)) {
                    byte[] h = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                    out.put(rel, HexFormat.of().formatHex(h));
                }
            }
        }
        return out;
    }
}
