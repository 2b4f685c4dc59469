package govlens.jobs;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Identity and bookkeeping of one pipeline run on the driver: the run id and start time stamped on every
 * row, the GovLens version, and the counts and durations each stage reports (for the log summary and,
 * later, the run manifest).
 */
public final class RunContext implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String runId;
    private final Timestamp startedAt;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Long> stageMillis = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> reprocessed = new LinkedHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();

    public RunContext(String runId, Instant startedAt) {
        this.runId = runId;
        // Microsecond precision: Spark stores timestamps in microseconds, so the value round-trips exactly.
        this.startedAt = Timestamp.from(startedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    /** A new run: id = UTC start time plus a short random suffix, sortable and unique. */
    public static RunContext start() {
        Instant now = Instant.now();
        return new RunContext(
                ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8), now);
    }

    public String runId() {
        return runId;
    }

    public Timestamp startedAt() {
        return startedAt;
    }

    /** The build stamped on rows: version and git commit (see {@link Version#FULL}). */
    public String pipelineVersion() {
        return Version.FULL;
    }

    public void count(String table, long n) {
        counts.put(table, n);
    }

    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    public void stage(String name, long millis) {
        stageMillis.put(name, millis);
    }

    public Map<String, Long> stageMillis() {
        return Collections.unmodifiableMap(stageMillis);
    }

    /** Records what a stage reprocessed and why, for the manifest. */
    public void reprocessed(String stage, Map<String, Object> what) {
        reprocessed.put(stage, Map.copyOf(what));
    }

    public Map<String, Map<String, Object>> reprocessed() {
        return Collections.unmodifiableMap(reprocessed);
    }

    /**
     * Records that a corpus-wide step (topics, keywords, the quality gate, the dashboard …) did not run, or ran
     * reduced, on this run's input, and why: for the log, the manifest and {@code govlens status}. The rest of
     * the run commits as usual.
     */
    public void skipped(String step, String reason) {
        skipped.put(step, reason);
    }

    /** Steps skipped by this run, with their reasons, in the order they were skipped. */
    public Map<String, String> skipped() {
        return Collections.unmodifiableMap(skipped);
    }
}
