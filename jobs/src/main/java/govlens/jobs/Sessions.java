package govlens.jobs;

import govlens.jobs.config.GovLensConfig;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession of a GovLens process; jobs never build their own, they take one in run(). */
public final class Sessions {
    private Sessions() {}

    /** Longest plan description Spark builds (the UI and event log show it cut). */
    public static final String PLAN_STRING_LENGTH = "4096";

    /** Partition folders one write task may fill at once without sorting its rows (report years, in practice). */
    static final int MAX_CONCURRENT_WRITERS = 64;

    /**
     * The {@code file:} file system: Hadoop's, setting permissions without a chmod process per file (see
     * {@link govlens.jobs.warehouse.NioLocalFileSystem}).
     */
    public static final String LOCAL_FILE_SYSTEM_KEY = "spark.hadoop.fs.file.impl";

    public static final String LOCAL_FILE_SYSTEM = govlens.jobs.warehouse.NioLocalFileSystem.class.getName();

    /** Rows per vectorized Parquet read batch (see {@link #tuneForRun}). */
    static final int READER_BATCH_ROWS = 64;

    /** Documents per shuffle partition when the count follows the input. */
    static final int DOCS_PER_SHUFFLE_PARTITION = 250;

    /**
     * Sets the shuffle partitions of this run from the number of documents it may handle, when
     * govlens.spark.shuffle-partitions is 0 (auto): one per 250 documents, at least the cores, at most 32. A
     * 3-report sample then shuffles into 2 partitions instead of 32 (each a task and a file per shuffle), and
     * 10,000 reports get the 32 that kept each aggregation task within a 2 GB heap. Also lets partitioned
     * writes keep one open file per partition value instead of sorting, and makes Parquet reads decode small
     * batches (both explained below).
     */
    public static int tuneForRun(SparkSession spark, GovLensConfig config, long documents) {
        int n = config.shufflePartitions() > 0
                ? config.shufflePartitions()
                : (int) Math.max(
                        spark.sparkContext().defaultParallelism(),
                        Math.min(32, (documents + DOCS_PER_SHUFFLE_PARTITION - 1) / DOCS_PER_SHUFFLE_PARTITION));
        spark.conf().set("spark.sql.shuffle.partitions", n);
        // A partitioned write otherwise sorts each task's rows by report_year first (Spark's planned write). The
        // token table's tasks hold tens of millions of exploded rows; merging that sort's spills ran a
        // 30,000-report run out of a 2 GB heap. With concurrent writers each task keeps one open file per year it
        // holds instead, and rows reach the files in the order they come (already sorted for SORTED tables);
        // Spark sorts only if a task holds more years than this.
        spark.conf().set("spark.sql.maxConcurrentOutputFileWriters", MAX_CONCURRENT_WRITERS);
        // Spark's vectorized Parquet reader decodes 4,096 rows per batch, and a row of the analysis scratch is a
        // whole document (its sentences' token arrays, thousands of tokens). 4,096 documents per batch ran two
        // tasks out of a 2 GB heap on 30,000 reports. 64 rows: that write then peaked at 1.3 GB of heap and
        // ran faster than with the row-based reader; flat tables lose little at this batch size.
        spark.conf().set("spark.sql.parquet.columnarReaderBatchSize", READER_BATCH_ROWS);
        return n;
    }

    /**
     * @param masterOverride --master from the command line, or null: then spark-submit's spark.master wins, and
     *     without spark-submit the configured govlens.master (local[*] by default)
     */
    public static SparkSession build(GovLensConfig config, String masterOverride) {
        SparkSession.Builder b = SparkSession.builder()
                .appName("GovLens")
                .config("spark.sql.shuffle.partitions", Math.max(1, config.shufflePartitions()))
                .config("spark.sql.parquet.compression.codec", "snappy")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config(LOCAL_FILE_SYSTEM_KEY, LOCAL_FILE_SYSTEM)
                // Spark renders every plan as text for its listeners, again at each adaptive re-plan. Our plans are
                // deep (merges, windows, unions): unbounded, that rendering took 40% of a small run's wall time.
                .config("spark.sql.maxPlanStringLength", PLAN_STRING_LENGTH)
                // The plan text posted at every query start and adaptive re-plan is, by default, the "formatted"
                // explain: every operator's verbose string. JFR of a sample run: 45% of the driver thread's CPU went
                // to ExplainUtils.processPlan. "simple" is the one-line-per-operator tree.
                .config("spark.sql.ui.explainMode", "simple");
        String master = masterOverride;
        if (master == null && System.getProperty("spark.master") == null) {
            master = config.master();
        }
        if (master != null) {
            b.master(master);
            if (master.startsWith("local")) {
                // A laptop run needs no web UI, and a second concurrent run would fight for port 4040.
                b.config("spark.ui.enabled", "false");
            }
        }
        return b.getOrCreate();
    }
}
