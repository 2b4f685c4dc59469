package govlens.jobs.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import govlens.jobs.query.WarehouseTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code <warehouse>/dashboard/index.html}: one self-contained static page (no network access:
 * ECharts, styles and script inlined) over the warehouse — indicators by region × year with each value's
 * source sentence, indicator charts, topic shares, keywords and data-quality counts. Tables the warehouse
 * lacks show as "not in this warehouse".
 *
 * <p>Safety: report strings never become markup. All data travels as JSON inside
 * {@code <script type="application/json">} with {@code < > &} and U+2028/U+2029 written as \\u escapes (so
 * no report text can close the script element), and the page script puts it into the DOM only through
 * textContent and ECharts' SVG text, never innerHTML.
 */
public final class DashboardJob {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardJob.class);
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DashboardJob() {}

    /** {@link #run(SparkSession, String, int)} without a size limit. */
    public static void run(SparkSession spark, String warehouse) {
        run(spark, warehouse, Integer.MAX_VALUE);
    }

    /**
     * Reads the warehouse's tables and writes the page, logging the path written. A warehouse of more than
     * {@code maxDocuments} documents gets no page (the page and the driver's model of it grow with every
     * document); a page left by an earlier, smaller run is removed so it cannot pass for current.
     *
     * @return whether the page was written
     */
    public static boolean run(SparkSession spark, String warehouse, int maxDocuments) {
        Path out = new Path(warehouse.replaceAll("/+$", "") + "/dashboard/index.html");
        long documents = WarehouseTables.read(spark, warehouse, "documents")
                .map(Dataset::count)
                .orElse(0L);
        if (documents > maxDocuments) {
            try {
                out.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(out, false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the outdated dashboard " + out, e);
            }
            LOG.warn(
                    "dashboard: not written: {} documents > govlens.dashboard.max-documents={} (the page embeds "
                            + "every document and figure); query the warehouse with SQL or the notebooks",
                    documents,
                    maxDocuments);
            return false;
        }
        String html = render(new DashboardData(spark, warehouse).collect());
        try {
            FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.setWriteChecksum(false); // no .index.html.crc beside the page on a local disk
            try (OutputStream os = fs.create(out, true)) {
                os.write(html.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dashboard " + out + ": " + e.getMessage(), e);
        }
        LOG.info("dashboard: {} ({} KB)", out, html.length() / 1024);
        return true;
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
            return JSON.writeValueAsString(data)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028")
                    .replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
