package govlens.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The build of GovLens that is running: the pom version and the git commit it was built from (with
 * "-dirty" when the tree had uncommitted changes), filtered in at build time. For people and manifests;
 * what decides whether outputs are stale is {@link govlens.jobs.state.BuildFingerprint}, which hashes the
 * compiled code itself.
 */
public final class Version {
    private Version() {}

    private static final Properties PROPS = load();

    /** The pom version, e.g. 0.1.0. */
    public static final String VERSION = PROPS.getProperty("version", "unknown");

    /** Abbreviated git commit of the build, "unknown" when built outside a git checkout. */
    public static final String COMMIT = commit();

    /** Version and commit as stamped on rows: 0.1.0+4a8e1378e5b7 (or 0.1.0+4a8e1378e5b7-dirty). */
    public static final String FULL = VERSION + "+" + COMMIT;

    private static String commit() {
        String c = PROPS.getProperty("commit", "");
        if (c.isBlank() || c.startsWith("${")) {
            return "unknown";
        }
        return "true".equals(PROPS.getProperty("dirty")) ? c + "-dirty" : c;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/govlens/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // A missing or unreadable file only costs the human-readable version; the fingerprint does not use it.
        }
        return p;
    }
}
