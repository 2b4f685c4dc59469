package govlens.lib.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find the read-only data that lives beside the project ({@code ../shared}: the external corpus,
 * the gold files, the gazetteer source), resolved from the project root rather than an absolute path, so a
 * clone anywhere works.
 *
 * <p>The project root is the nearest folder above the working directory (Maven runs each module's tests in
 * the module folder) that holds {@code .ci/run}; {@code -Dgovlens.shared=DIR} or the environment variable
 * {@code GOVLENS_SHARED} overrides the location. When the data is missing a test fails under CI (environment
 * variable {@code CI} set, as CI services and {@code .ci/run} do) and is skipped, with the path it looked
 * for, on a developer machine that has no {@code ../shared}.
 */
public final class SharedData {
    private SharedData() {}

    /** The project root: the nearest folder at or above the working directory that holds {@code .ci/run}. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(".ci").resolve("run"))) {
                return p;
            }
        }
        throw new IllegalStateException("no project root (a folder holding .ci/run) at or above " + dir);
    }

    /** The shared folder: {@code govlens.shared}, {@code GOVLENS_SHARED}, else {@code <project root>/../shared}. */
    public static Path root() {
        String given = System.getProperty("govlens.shared", System.getenv("GOVLENS_SHARED"));
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        return projectRoot().resolveSibling("shared").normalize();
    }

    /**
     * A path under the shared folder that the calling test needs: returned when it exists; otherwise the test
     * fails under CI and is skipped elsewhere, naming the path either way.
     */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            String why = "shared test data missing: " + p + " (clone the project beside ../shared, or set "
                    + "-Dgovlens.shared / GOVLENS_SHARED)";
            if (inCi()) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        return p;
    }

    /** Whether the tests run under CI, where nothing may be skipped for lack of data or tools. */
    public static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}
