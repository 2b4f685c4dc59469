package govlens.jobs.query;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession of a command that is not a pipeline run (query, tables, dashboard, synth-warehouse).
 * Reuses the active session when there is one (a test, a notebook, a caller embedding the command) and then
 * leaves it running; otherwise starts a quiet local one — no UI, loopback host, UTC — that close() stops.
 * {@link #open()} (query, tables) also asks for Java 8 time types so dates print as ISO-8601.
 */
public final class QuerySession implements AutoCloseable {
    private final SparkSession spark;
    private final boolean owned;

    private QuerySession(SparkSession spark, boolean owned) {
        this.spark = spark;
        this.owned = owned;
    }

    static QuerySession open() {
        return open("GovLens query", "local[*]", 4, true);
    }

    /**
     * @param master and {@code shufflePartitions}: of a session this opens (ignored when one is active)
     * @param java8Time dates and timestamps as java.time values (ISO-8601 when printed)
     */
    public static QuerySession open(String appName, String master, int shufflePartitions, boolean java8Time) {
        if (SparkSession.getActiveSession().isDefined()) {
            return new QuerySession(SparkSession.getActiveSession().get(), false);
        }
        quietLogging();
        SparkSession.Builder b = SparkSession.builder()
                .appName(appName)
                .master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", String.valueOf(shufflePartitions))
                .config("spark.sql.session.timeZone", "UTC");
        if (java8Time) {
            b.config("spark.sql.datetime.java8API.enabled", "true");
        }
        SparkSession s = b.getOrCreate();
        s.sparkContext().setLogLevel("ERROR");
        return new QuerySession(s, true);
    }

    public SparkSession spark() {
        return spark;
    }

    /**
     * stdout carries the result: Spark's startup chatter must not reach the terminal, even when started
     * without the launcher's log4j file. Spark replaces log4j's default configuration with its own INFO one,
     * so the default is first swapped for GovLens' file (which Spark keeps), then the root level raised.
     */
    public static void quietLogging() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        if (ctx.getConfiguration() instanceof DefaultConfiguration
                && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j.configurationFile", "govlens-log4j2.properties");
            ctx.reconfigure();
        }
        Configurator.setRootLevel(Level.ERROR);
    }

    @Override
    public void close() {
        if (owned) {
            spark.stop();
        }
    }
}
