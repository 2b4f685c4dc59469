package govlens.jobs;

/**
 * Named points where the crash-safety test stops a real run as abruptly as kill -9 (Runtime.halt: no
 * shutdown hooks, no finally blocks). Inert unless the JVM runs with -Dgovlens.crashpoint=NAME, which only
 * that test sets.
 */
public final class CrashPoints {
    private CrashPoints() {}

    public static void reached(String name) {
        if (name.equals(System.getProperty("govlens.crashpoint"))) {
            System.err.println("govlens: crash point " + name + " reached, halting");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
