package govlens.jobs.warehouse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points where the crash-safety tests stop a real run as abruptly as kill -9 (Runtime.halt: no shutdown
 * hooks, no finally blocks). Inert unless the JVM runs with {@code -Dgovlens.crashpoint=NAME} or
 * {@code -Dgovlens.crashpoint=NAME:N} (halt the N-th time NAME is reached, e.g. {@code staged:3} after the third
 * staged table write, {@code mid-commit:5} after the fifth commit operation), which only tests set.
 *
 * <p>Before halting it prints {@code govlens: crash point NAME:N reached, halting} to stderr, so a test can
 * assert that the run died exactly there and not elsewhere (or not at all because it finished first).
 *
 * <p>Points: {@code leased} (the lease is taken, nothing read), {@code staged} (after each staged write),
 * {@code before-commit}, {@code claimed} (the commit log is written, nothing applied), {@code mid-commit}
 * (after each applied commit operation), {@code committed} (the commit is done, quality gate and dashboard
 * not yet run).
 */
public final class CrashPoints {
    /** Every point a run passes, in order; tests draw from this list. */
    public static final java.util.List<String> ALL =
            java.util.List.of("leased", "staged", "before-commit", "claimed", "mid-commit", "committed");

    private static final Map<String, AtomicInteger> REACHED = new ConcurrentHashMap<>();

    private CrashPoints() {}

    public static void reached(String name) {
        String wanted = System.getProperty("govlens.crashpoint");
        if (wanted == null) {
            return;
        }
        int n = REACHED.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        if (wanted.equals(name) || wanted.equals(name + ":" + n)) {
            System.err.println("govlens: crash point " + name + ":" + n + " reached, halting");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
