package govlens.jobs.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.warehouse.AtomicFiles;
import govlens.jobs.warehouse.CommitLog;
import govlens.jobs.warehouse.Holder;
import govlens.jobs.warehouse.VersionedRead;
import govlens.jobs.warehouse.Warehouse;
import govlens.jobs.warehouse.WarehouseWriteException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code <warehouse>/dashboard/index.html}: one self-contained static page (no network access:
 * ECharts, styles and script inlined) over the warehouse, at any warehouse size.
 *
 * <p>The page always embeds the aggregates of {@link DashboardData#aggregates()} (region × year × indicator
 * values, topic shares, document counts, quality figures; about 5 MB at 30,000 reports). The per-region
 * detail (each value's source sentence, the region's documents and keyword lists) is embedded too when the
 * warehouse has at most {@code embedMaxDocuments} documents ({@code govlens.dashboard.embed-max-documents});
 * above that it is written by the executors as {@code dashboard/regions/<key>.json}, one file per region,
 * which the page fetches when a region is opened. A browser does not let a page opened from a file fetch
 * files, so that detail needs the page served over HTTP ({@code govlens dashboard --serve}, see
 * {@link DashboardServer}); opened as a file, the page says so. The driver never holds per-document rows:
 * aggregates are computed by Spark and streamed in partition by partition.
 *
 * <p>Safety: report strings never become markup. All data travels as JSON inside
 * {@code <script type="application/json">} (or in the region files) with {@code < > &} and U+2028/U+2029
 * written as \\u escapes (so no report text can close the script element), and the page script puts it into
 * the DOM only through textContent and ECharts' SVG text, never innerHTML. The CSP allows exactly the page's
 * two inline scripts by hash and fetches from the page's own origin only.
 */
public final class DashboardJob {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardJob.class);
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Folder of the region files, inside the dashboard folder. */
    public static final String REGIONS = "regions";
    /** The dashboard's folder in the warehouse, and its page. */
    public static final String FOLDER = "dashboard";

    public static final String PAGE = "index.html";

    private DashboardJob() {}

    /** What one build wrote: the page, its size, and where the region detail went. */
    public record Result(String page, long bytes, long documents, boolean embedded, long regionFiles) {}

    /** {@link #run(SparkSession, String, int)} with the default {@code govlens.dashboard.embed-max-documents}. */
    public static Result run(SparkSession spark, String warehouse) {
        return run(spark, warehouse, GovLensConfig.defaults().dashboardEmbedMaxDocuments());
    }

    /**
     * Reads the warehouse's tables and writes the page (and, above {@code embedMaxDocuments} documents, the
     * region files), logging what it wrote.
     *
     * <p>The whole folder is built aside, under {@code _staging/dashboard-<id>} (with an owner file, so a run's
     * recovery leaves it alone while this process lives), from one committed version of the warehouse ({@link
     * VersionedRead#read}: built again if a commit lands meanwhile), and then swapped for {@code dashboard/}
     * with two renames: a page never sits beside region files of another build, and a server of the folder never
     * serves half a build. It needs no lease.
     */
    public static Result run(SparkSession spark, String warehouse, int embedMaxDocuments) {
        String wh = Warehouse.qualify(spark, warehouse.replaceAll("/+$", ""));
        FileSystem fs = Warehouse.fileSystem(spark, wh);
        String id = "dashboard-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Path staged = new Path(wh + "/" + CommitLog.STAGING + "/" + id);
        Path target = new Path(wh, FOLDER);
        try {
            Result r = VersionedRead.read(fs, wh, () -> {
                try {
                    fs.delete(staged, true);
                    AtomicFiles.createExclusive(
                            fs,
                            new Path(staged, CommitLog.OWNER),
                            Holder.current(id, "dashboard").toJson());
                } catch (IOException e) {
                    throw new WarehouseWriteException("the dashboard", e);
                }
                return build(spark, wh, staged.toString(), embedMaxDocuments);
            });
            publish(fs, staged, target, id);
            return new Result(
                    new Path(target, PAGE).toString(), r.bytes(), r.documents(), r.embedded(), r.regionFiles());
        } finally {
            try {
                fs.delete(staged, true);
            } catch (IOException e) {
                LOG.warn("could not remove {}: {}", staged, e.getMessage());
            }
        }
    }

    /** Swaps the built folder for the published one: the old one is renamed away first, then removed. */
    private static void publish(FileSystem fs, Path staged, Path target, String id) {
        try {
            fs.delete(new Path(staged, CommitLog.OWNER), false);
            Path old = new Path(target.getParent(), CommitLog.TRASH + "/" + id);
            if (fs.exists(target)) {
                fs.mkdirs(old.getParent());
                if (!fs.rename(target, old)) {
                    throw new IOException("rename " + target + " → " + old + " failed");
                }
            }
            if (!fs.rename(staged, target)) {
                throw new IOException("rename " + staged + " → " + target + " failed");
            }
            fs.delete(old, true);
            if (fs.exists(old.getParent()) && fs.listStatus(old.getParent()).length == 0) {
                fs.delete(old.getParent(), false);
            }
        } catch (IOException e) {
            throw new WarehouseWriteException("the dashboard", e);
        }
    }

    /** Builds the page (and region files) into the folder {@code root}. */
    private static Result build(SparkSession spark, String warehouse, String root, int embedMaxDocuments) {
        long t0 = System.nanoTime();
        Path out = new Path(root + "/" + PAGE);
        Path regions = new Path(root + "/" + REGIONS);
        DashboardData source = new DashboardData(spark, warehouse);
        Map<String, Object> data = source.aggregates();
        @SuppressWarnings("unchecked")
        long documents = ((Number) ((Map<String, Object>) data.get("corpus")).get("documents")).longValue();
        boolean embed = documents <= embedMaxDocuments;
        long files = 0;
        try {
            FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.setWriteChecksum(false); // no .index.html.crc beside the page on a local disk
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("mode", embed ? "embedded" : "files");
            detail.put("folder", REGIONS);
            detail.put("embed_max_documents", embedMaxDocuments);
            LOG.info("dashboard: aggregates in {} ms", (System.nanoTime() - t0) / 1_000_000);
            if (embed) {
                Map<String, RawValue> byRegion = new TreeMap<>();
                for (Row r : source.regionDetail().collectAsList()) {
                    byRegion.put(r.getString(0), new RawValue(r.getString(1)));
                }
                detail.put("regions", byRegion);
            } else {
                files = writeRegionFiles(spark, source.regionDetail(), fs.makeQualified(regions));
            }
            data.put("detail", detail);
            String html = render(data);
            byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
            try (OutputStream os = fs.create(out, true)) {
                os.write(bytes);
            }
            LOG.info(
                    "dashboard: {} ({} KB, {} documents, region detail {}) in {} ms",
                    out,
                    bytes.length / 1024,
                    documents,
                    embed ? "embedded" : files + " files in " + regions + " (serve with govlens dashboard --serve)",
                    (System.nanoTime() - t0) / 1_000_000);
            return new Result(out.toString(), bytes.length, documents, embed, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dashboard " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes each region's JSON as {@code <dir>/<key>.json} from the executors (into a sibling folder first,
     * renamed when complete, so a reader never sees half a set); returns how many.
     */
    static long writeRegionFiles(SparkSession spark, Dataset<Row> detail, Path dir) throws IOException {
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path tmp = new Path(dir.getParent(), "_" + dir.getName() + ".tmp");
        fs.delete(tmp, true);
        fs.mkdirs(tmp);
        LongAccumulator written = spark.sparkContext().longAccumulator("dashboard region files");
        detail.foreachPartition(new WriteRegionFiles(tmp.toString(), written));
        fs.delete(dir, true);
        if (!fs.rename(tmp, dir)) {
            throw new IOException("cannot rename " + tmp + " to " + dir);
        }
        return written.value();
    }

    /** Executor side of {@link #writeRegionFiles}: one file per row (key, json), escaped as the page's JSON. */
    static final class WriteRegionFiles implements ForeachPartitionFunction<Row> {
        private static final long serialVersionUID = 1L;
        private final String dir;
        private final LongAccumulator written;

        WriteRegionFiles(String dir, LongAccumulator written) {
            this.dir = dir;
            this.written = written;
        }

        @Override
        public void call(Iterator<Row> rows) throws IOException {
            Path d = new Path(dir);
            FileSystem fs = d.getFileSystem(new Configuration());
            fs.setWriteChecksum(false);
            while (rows.hasNext()) {
                Row r = rows.next();
                try (OutputStream os = fs.create(new Path(d, r.getString(0) + ".json"), true)) {
                    os.write(scriptSafeJson(r.getString(1)).getBytes(StandardCharsets.UTF_8));
                }
                written.add(1);
            }
        }
    }

    /** The page for the given data (the JSON model of {@link DashboardData}). */
    static String render(Map<String, Object> data) {
        String template = resource("/dashboard/index.html");
        String echarts = scriptSafe(resource(ECHARTS), ECHARTS);
        String app = scriptSafe(resource("/dashboard/dashboard.js"), "dashboard.js");
        return fill(
                template,
                Map.of(
                        "{{SCRIPT_HASHES}}",
                        cspHash(echarts) + " " + cspHash(app),
                        "/*{{CSS}}*/",
                        resource("/dashboard/dashboard.css"),
                        "/*{{ECHARTS}}*/",
                        echarts,
                        "/*{{APP}}*/",
                        app,
                        "{{DATA}}",
                        jsonForScript(data)));
    }

    /**
     * CSP source for one inline script. The page allows exactly its two scripts by hash, so even markup that
     * slipped into the DOM could not run an inline handler (onerror=…) or a script of its own.
     */
    static String cspHash(String script) {
        try {
            byte[] d =
                    java.security.MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + java.util.Base64.getEncoder().encodeToString(d) + "'";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * JSON that is inert inside a script element: '<', '>' and '&' as \\u003c, \\u003e, \\u0026 (no
     * {@code </script>} or {@code <!--} can appear), U+2028/2029 escaped too. Only JSON strings can hold those
     * characters, where the escapes mean the same thing.
     */
    static String jsonForScript(Object data) {
        try {
            return scriptSafeJson(JSON.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #jsonForScript} for JSON text already written (the region detail from Spark's to_json). */
    static String scriptSafeJson(String json) {
        return json.replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026")
                .replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
    }

    // Inlined code must not end its own script element early.
    private static String scriptSafe(String js, String name) {
        if (js.toLowerCase(java.util.Locale.ROOT).contains("</script") || js.contains("<!--")) {
            throw new IllegalStateException(name + " contains </script or <!-- and cannot be inlined");
        }
        return js;
    }

    /** Replaces each placeholder once, in one pass, so text inside a replacement is never re-scanned. */
    static String fill(String template, Map<String, String> values) {
        StringBuilder sb = new StringBuilder(template.length() + 1_200_000);
        int pos = 0;
        while (true) {
            int next = -1;
            String which = null;
            for (String k : values.keySet()) {
                int i = template.indexOf(k, pos);
                if (i >= 0 && (next < 0 || i < next)) {
                    next = i;
                    which = k;
                }
            }
            if (which == null) {
                return sb.append(template, pos, template.length()).toString();
            }
            sb.append(template, pos, next).append(values.get(which));
            pos = next + which.length();
        }
    }

    private static String resource(String path) {
        try (InputStream in = DashboardJob.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + path + " missing: rebuild the jobs jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
