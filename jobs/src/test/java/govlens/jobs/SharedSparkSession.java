package govlens.jobs;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One local SparkSession per test class, as Spark's own SharedSparkSession: two cores, no UI, loopback
 * host, two shuffle partitions; stopped and cleared after the class so the next class starts clean.
 */
public abstract class SharedSparkSession {
    protected static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .appName("govlens-test")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.maxPlanStringLength", Sessions.PLAN_STRING_LENGTH)
                .config(Sessions.LOCAL_FILE_SYSTEM_KEY, Sessions.LOCAL_FILE_SYSTEM)
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }
}
