package govlens.jobs;

/** Process exit codes of bin/govlens and the cluster jar; documented in the README, stable for schedulers. */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    /** Unexpected failure: a bug or an environment problem; the log has the stack trace. */
    public static final int CRASH = 1;
    /** Bad command line or configuration (unknown key, wrong type, missing file): fix and rerun. */
    public static final int BAD_CONFIG = 2;
    /** An input path does not exist or cannot be listed. */
    public static final int INPUT_MISSING = 3;
    /** The run committed its tables but a data-quality threshold was broken; the message names the check. */
    public static final int QUALITY_FAILED = 4;
    /**
     * The warehouse is in use: another run holds its lease (after --wait, if given), committed while this run ran,
     * or (for readers) has a commit that does not finish. Nothing was written: retry later. Schedulers should back
     * off and retry, not alert.
     */
    public static final int BUSY = 5;
}
