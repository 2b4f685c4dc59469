package govlens.jobs.warehouse;

import java.io.IOException;
import java.util.List;

/**
 * Writing to the warehouse failed for a reason of the file system (no space left, permission denied, a read-only
 * or failing disk), not of the data. The message is the one line the CLI prints: {@code cannot write <what>:
 * <reason>}, the reason being the operating system's own words (found anywhere in the cause chain, where Spark
 * may have wrapped it in two task failures). The run stops with exit code 1; its staged files are removed and the
 * warehouse stays as it was.
 */
public final class WarehouseWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The operating system's words for the usual write failures, as Java and Hadoop pass them on. */
    private static final List<String> OS_REASONS = List.of(
            "No space left on device",
            "Disk quota exceeded",
            "Read-only file system",
            "Permission denied",
            "Input/output error",
            "Too many open files",
            "File name too long");

    private final String what;

    public WarehouseWriteException(String what, Throwable cause) {
        super("cannot write " + what + ": " + reason(cause), cause);
        this.what = what;
    }

    /** The table or file that could not be written. */
    public String what() {
        return what;
    }

    /**
     * The reason for a failed write: an operating-system error named anywhere in the chain, else the message of
     * the innermost IOException, else the first line of the outermost message.
     */
    public static String reason(Throwable t) {
        String io = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m != null) {
                for (String os : OS_REASONS) {
                    if (m.contains(os)) {
                        return os;
                    }
                }
            }
            if (c instanceof IOException && m != null) {
                io = m;
            }
        }
        if (io != null) {
            return firstLine(io);
        }
        return t == null ? "unknown" : firstLine(String.valueOf(t.getMessage() == null ? t : t.getMessage()));
    }

    /** Whether the failure is the file system's (an IOException or an OS error somewhere in the chain). */
    public static boolean isWriteFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && OS_REASONS.stream().anyMatch(m::contains)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
