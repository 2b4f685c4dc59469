package govlens.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import govlens.jobs.warehouse.CommitLog;
import govlens.jobs.warehouse.WarehouseLease;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code govlens status}: the warehouse's version, whether a commit is pending, who holds its lease (and how old
 * its heartbeat is), then the last runs from their manifests, newest first: when, how they ended, what they added
 * and quarantined, which quality checks failed and which corpus-wide steps were skipped and why. Reads only the small JSON
 * manifests, so it answers in a second without starting Spark.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Print the last runs of a warehouse.")
public final class StatusCommand implements Callable<Integer> {
    @Option(names = "--warehouse", paramLabel = "DIR", description = "warehouse (default ./warehouse)")
    String warehouse = "warehouse";

    @Option(
            names = {"-n", "--last"},
            paramLabel = "N",
            description = "how many runs (default 10)")
    int last = 10;

    /** The warehouse's version, pending commit and lease, one line each (read without the lease). */
    private void printWarehouse() {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(warehouse);
        org.apache.hadoop.fs.FileSystem fs;
        try {
            fs = root.getFileSystem(new org.apache.hadoop.conf.Configuration());
            if (!fs.exists(root)) {
                return;
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot open " + warehouse + ": " + e.getMessage(), e);
        }
        String wh = fs.makeQualified(root).toString();
        CommitLog.State state = CommitLog.state(fs, wh);
        System.out.println("version: " + state.version()
                + (state.isPending()
                        ? " (version " + state.pending() + " being committed by run " + state.pendingRun() + ")"
                        : ""));
        Optional<WarehouseLease.State> lease = WarehouseLease.current(fs, wh);
        System.out.println(lease.map(l -> "lease: held by " + l.holder().describe() + ", last heartbeat "
                        + Duration.between(l.heartbeat(), Instant.now()).toSeconds() + " s ago")
                .orElse("lease: free"));
    }

    @Override
    public Integer call() {
        printWarehouse();
        List<JsonNode> runs = RunManifest.list(warehouse);
        if (runs.isEmpty()) {
            System.out.println("no runs recorded under " + warehouse + "/_runs");
            return ExitCodes.OK;
        }
        System.out.printf(
                "%-28s %-15s %-11s %9s %6s %6s %6s  %s%n",
                "run_id", "status", "mode", "seconds", "read", "docs+", "quar+", "notes");
        for (JsonNode r : runs.subList(0, Math.min(last, runs.size()))) {
            JsonNode c = r.path("counts");
            StringBuilder notes = new StringBuilder();
            for (JsonNode q : r.path("quality")) {
                if (!q.path("passed").asBoolean(true)) {
                    notes.append("quality: ").append(q.path("check").asText()).append("; ");
                }
            }
            r.path("skipped")
                    .fields()
                    .forEachRemaining(e -> notes.append("skipped ")
                            .append(e.getKey())
                            .append(": ")
                            .append(e.getValue().asText())
                            .append("; "));
            if (r.hasNonNull("error")) {
                notes.append("error: ")
                        .append(r.get("error").asText().lines().findFirst().orElse(""));
            }
            System.out.printf(
                    "%-28s %-15s %-11s %9.1f %6d %6d %6d  %s%n",
                    r.path("run_id").asText(),
                    r.path("status").asText(),
                    r.path("mode").asText(),
                    r.path("duration_ms").asLong() / 1000.0,
                    c.path("files_read").asLong(),
                    c.path("documents_new").asLong(),
                    c.path("quarantine_new").asLong(),
                    notes.toString().strip());
        }
        return ExitCodes.OK;
    }
}
