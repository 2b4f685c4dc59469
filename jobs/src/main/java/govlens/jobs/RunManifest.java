package govlens.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The record of one run, {@code <warehouse>/_runs/<run_id>.json}: when, what it read, what it wrote (counts
 * per table and stage), what it quarantined and why, how long each stage took, the GovLens version, a digest
 * of the effective configuration, the data-quality results and how the run ended. Written at the end of every
 * run, failed ones included, so {@code govlens status} can tell what happened at 3 a.m.
 */
public final class RunManifest {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** At most this many quarantined files are listed by name; the count is always exact. */
    static final int MAX_LISTED = 1000;

    private RunManifest() {}

    public static String configDigest(String renderedConfig) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(renderedConfig.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds the manifest document of a finished (or failed) run. */
    public static ObjectNode of(
            RunContext run,
            String status,
            boolean full,
            List<String> inputs,
            String configRendered,
            List<Map<String, String>> quarantined,
            long quarantinedTotal,
            JsonNode quality,
            String error) {
        ObjectNode m = JSON.createObjectNode();
        m.put("run_id", run.runId());
        m.put("status", status);
        m.put("mode", full ? "full" : "incremental");
        m.put("started_at", run.startedAt().toInstant().toString());
        m.put("ended_at", Instant.now().toString());
        m.put(
                "duration_ms",
                run.stageMillis().values().stream().mapToLong(Long::longValue).sum());
        m.put("govlens_version", run.pipelineVersion());
        m.put("config_digest", configDigest(configRendered));
        ArrayNode in = m.putArray("inputs");
        inputs.forEach(in::add);
        ObjectNode counts = m.putObject("counts");
        run.counts().forEach(counts::put);
        ObjectNode stages = m.putObject("stage_ms");
        run.stageMillis().forEach(stages::put);
        ObjectNode q = m.putObject("quarantined");
        q.put("total", quarantinedTotal);
        ArrayNode files = q.putArray("files");
        for (Map<String, String> f : quarantined) {
            ObjectNode o = files.addObject();
            f.forEach(o::put);
        }
        if (quality != null) {
            m.set("quality", quality);
        }
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }

    public static void write(String warehouse, String runId, ObjectNode manifest) {
        Path p = new Path(warehouse.replaceAll("/+$", "") + "/_runs/" + runId + ".json");
        try {
            FileSystem fs = p.getFileSystem(new Configuration());
            Path tmp = new Path(p.getParent(), "." + p.getName() + ".tmp");
            try (OutputStream out = fs.create(tmp, true)) {
                JSON.writeValue(out, manifest);
            }
            // Write then rename: `govlens status` never reads half a manifest.
            fs.delete(p, false);
            if (!fs.rename(tmp, p)) {
                throw new IOException("rename " + tmp + " → " + p + " failed");
            }
        } catch (IOException e) {
            throw new govlens.jobs.warehouse.WarehouseWriteException("the run manifest " + p, e);
        }
    }

    /** Manifests of the warehouse, newest first (run ids sort by start time). */
    public static List<JsonNode> list(String warehouse) {
        Path runs = new Path(warehouse.replaceAll("/+$", "") + "/_runs");
        List<JsonNode> out = new ArrayList<>();
        try {
            FileSystem fs = runs.getFileSystem(new Configuration());
            if (!fs.exists(runs)) {
                return out;
            }
            FileStatus[] files = fs.listStatus(
                    runs,
                    path -> path.getName().endsWith(".json") && !path.getName().startsWith("."));
            java.util.Arrays.sort(
                    files,
                    Comparator.comparing((FileStatus f) -> f.getPath().getName())
                            .reversed());
            for (FileStatus f : files) {
                try (InputStream in = fs.open(f.getPath())) {
                    out.add(JSON.readTree(in));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run manifests under " + runs + ": " + e.getMessage(), e);
        }
    }
}
