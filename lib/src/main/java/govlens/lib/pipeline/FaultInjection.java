package govlens.lib.pipeline;

/**
 * Test hook that makes one per-document step throw for chosen documents, so the tests can prove that one bad
 * document becomes one {@code errors} row and never a failed run. Inert unless the JVM runs with
 * {@code -Dgovlens.fault-injection=STEP:MARKER[,STEP:MARKER…]}, which only tests set: a step throws when the
 * text it is given contains its marker.
 *
 * <p>Steps: {@code clean}, {@code metadata}, {@code sections}, {@code sentences}, {@code indicators},
 * {@code tokenize}, {@code textrank}, {@code units} (see {@link StepError}).
 */
public final class FaultInjection {
    private FaultInjection() {}

    public static final String PROPERTY = "govlens.fault-injection";

    /** Throws {@link InjectedFault} when the property names {@code step} with a marker {@code text} contains. */
    public static void check(String step, CharSequence text) {
        // Read on every call (a per-document step, not a per-token one): tests set it after classes are loaded.
        String spec = System.getProperty(PROPERTY);
        if (spec == null || spec.isEmpty() || text == null) {
            return;
        }
        for (String entry : spec.split(",")) {
            int colon = entry.indexOf(':');
            if (colon > 0
                    && entry.substring(0, colon).equals(step)
                    && text.toString().contains(entry.substring(colon + 1))) {
                throw new InjectedFault("fault injected into step " + step);
            }
        }
    }

    /** The exception a {@link #check} throws. */
    public static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(String message) {
            super(message);
        }
    }
}
