package govlens.lib.pipeline;

import java.io.Serializable;

/**
 * A per-document step that threw: which step, the exception's class and message. The document's other
 * outputs stay consistent (the step's output is left empty or replaced by a documented fallback) and the
 * run goes on; the pipeline writes one {@code errors} row per StepError.
 *
 * @param step clean | metadata | sections | sentences | indicators | tokenize | textrank | units
 */
public record StepError(String step, String exceptionClass, String message) implements Serializable {
    /** Longest message kept: a stack overflow's message can be the whole input. */
    public static final int MAX_MESSAGE = 1000;

    public static StepError of(String step, Throwable t) {
        String m = t.getMessage() == null ? "" : t.getMessage();
        if (m.length() > MAX_MESSAGE) {
            m = m.substring(0, MAX_MESSAGE) + "…";
        }
        return new StepError(step, t.getClass().getName(), m);
    }
}
