package govlens.jobs.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who is writing: the identity of a GovLens process as it is recorded in the warehouse lease, in the commit log
 * and beside a run's staged files, so that another process can tell whether the writer is still there.
 *
 * <p>A holder is <em>gone</em> when its heartbeat is older than the stale limit (any host), or when it ran on
 * this host and its pid is no longer running, or now runs another program (the pid's start time differs from
 * the recorded one). A holder on another host is alive until its heartbeat goes stale: a remote pid says
 * nothing.
 *
 * @param runId the run (or command) id
 * @param host the host name as {@link InetAddress#getLocalHost()} gives it
 * @param pid the process id
 * @param pidStartedAt when that process started (null when the OS does not say), to detect a reused pid
 * @param startedAt when the holder took the lease or started staging
 * @param command what it is doing ("run", "dashboard", …), for the busy message and status
 */
public record Holder(String runId, String host, long pid, Instant pidStartedAt, Instant startedAt, String command) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THIS_HOST = hostName();

    /** This process, for the given run id and command. */
    public static Holder current(String runId, String command) {
        ProcessHandle self = ProcessHandle.current();
        return new Holder(
                runId, THIS_HOST, self.pid(), self.info().startInstant().orElse(null), Instant.now(), command);
    }

    public boolean onThisHost() {
        return THIS_HOST.equals(host);
    }

    /** Whether this holder is this very process (same host and pid). */
    public boolean isThisProcess() {
        return onThisHost() && pid == ProcessHandle.current().pid();
    }

    /**
     * Whether the holder is gone for sure: on this host and its process is not running (or the pid now belongs to
     * a process started at another time), or its heartbeat is older than {@code staleAfter}.
     */
    public boolean gone(Instant heartbeat, Duration staleAfter, Instant now) {
        if (heartbeat != null && Duration.between(heartbeat, now).compareTo(staleAfter) > 0) {
            return true;
        }
        return deadOnThisHost();
    }

    /** Whether this holder ran on this host and its process is no longer running (no heartbeat needed). */
    public boolean deadOnThisHost() {
        return onThisHost() && !processRunning();
    }

    /** Why {@link #gone} holds, for the warning that a takeover logs. */
    public String whyGone(Instant heartbeat, Duration staleAfter, Instant now) {
        if (heartbeat == null || (onThisHost() && !processRunning())) {
            return "its process " + pid + " on this host is no longer running";
        }
        return "its last heartbeat is " + Duration.between(heartbeat, now).toSeconds() + " s old (limit "
                + staleAfter.toSeconds() + " s)";
    }

    private boolean processRunning() {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = p.get().info().startInstant();
        // A pid reused by another process: its start time differs. Start times are rounded differently by
        // platforms, so allow a second.
        return pidStartedAt == null
                || started.isEmpty()
                || Duration.between(started.get(), pidStartedAt).abs().compareTo(Duration.ofSeconds(1)) <= 0;
    }

    /** One line: "run R on host H since T (pid P)". */
    public String describe() {
        return command + " " + runId + " on host " + host + " since " + startedAt + " (pid " + pid + ")";
    }

    public byte[] toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("run_id", runId);
        n.put("host", host);
        n.put("pid", pid);
        n.put("pid_started_at", pidStartedAt == null ? null : pidStartedAt.toString());
        n.put("started_at", startedAt.toString());
        n.put("command", command);
        try {
            return JSON.writeValueAsBytes(n); // one line: the commit log holds it on one line
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses {@link #toJson}; empty when the bytes are not a complete holder (a file being written). */
    public static Optional<Holder> parse(byte[] json) {
        try {
            JsonNode n = JSON.readTree(new String(json, StandardCharsets.UTF_8));
            if (n == null || !n.hasNonNull("run_id") || !n.hasNonNull("host") || !n.hasNonNull("started_at")) {
                return Optional.empty();
            }
            return Optional.of(new Holder(
                    n.get("run_id").asText(),
                    n.get("host").asText(),
                    n.path("pid").asLong(-1),
                    n.hasNonNull("pid_started_at")
                            ? Instant.parse(n.get("pid_started_at").asText())
                            : null,
                    Instant.parse(n.get("started_at").asText()),
                    n.path("command").asText("run")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown-host" : env;
        }
    }
}
