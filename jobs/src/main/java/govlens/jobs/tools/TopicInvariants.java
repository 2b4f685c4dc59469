package govlens.jobs.tools;

import govlens.jobs.analytics.AnalyticsTables;
import govlens.jobs.analytics.TopicModeler;
import govlens.jobs.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code TopicInvariants WAREHOUSE_A WAREHOUSE_B}: what two topic models fitted on the same input must share
 * even when EM's floating-point sums ran in different orders (a cluster and a laptop partition the work
 * differently): the same k, the same vocabulary, the same units with a distribution, and in each warehouse
 * every unit's weights summing to 1. Prints one line per check; exit 0 when all hold, 1 otherwise.
 *
 * <p>For the standalone-cluster test; the exact check is re-application (the cluster's saved model applied on
 * the laptop gives the cluster's doc_topics), done there with {@link CompareCommand}.
 */
@Command(
        name = "topic-invariants",
        mixinStandardHelpOptions = true,
        description = "Check two warehouses' topic models for the invariants of one input: k, vocabulary, units, "
                + "weights summing to 1.")
public final class TopicInvariants implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WAREHOUSE_A")
    String a;

    @Parameters(index = "1", paramLabel = "WAREHOUSE_B")
    String b;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TopicInvariants()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SparkSession spark = SparkSession.builder()
                .appName("govlens-topic-invariants")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            List<String> failures = new ArrayList<>();
            PipelineModel ma = current(spark, a);
            PipelineModel mb = current(spark, b);
            int ka = TopicModeler.k(ma);
            int kb = TopicModeler.k(mb);
            check(failures, "k", ka == kb, ka + " vs " + kb);
            List<String> va = List.of(((CountVectorizerModel) ma.stages()[0]).vocabulary());
            List<String> vb = List.of(((CountVectorizerModel) mb.stages()[0]).vocabulary());
            check(failures, "vocabulary", va.equals(vb), va.size() + " vs " + vb.size() + " terms");
            Dataset<Row> ua = units(spark, a);
            Dataset<Row> ub = units(spark, b);
            check(
                    failures,
                    "units",
                    ua.except(ub).isEmpty() && ub.except(ua).isEmpty(),
                    ua.count() + " vs " + ub.count());
            for (String wh : List.of(a, b)) {
                long bad = Warehouse.read(spark, wh, AnalyticsTables.DOC_TOPICS)
                        .groupBy("doc_id", "unit_id")
                        .agg(
                                org.apache.spark.sql.functions.sum("weight").as("s"),
                                org.apache.spark.sql.functions.count("topic").as("n"))
                        .filter("abs(s - 1) > 1e-6 or n != " + ka)
                        .count();
                check(failures, "weights sum to 1 over k topics in " + wh, bad == 0, bad + " units off");
            }
            return failures.isEmpty() ? 0 : 1;
        } finally {
            spark.stop();
        }
    }

    private static void check(List<String> failures, String what, boolean ok, String detail) {
        System.out.println((ok ? "same " : "DIFFERENT ") + what + " (" + detail + ")");
        if (!ok) {
            failures.add(what);
        }
    }

    private static Dataset<Row> units(SparkSession spark, String wh) {
        return Warehouse.read(spark, wh, AnalyticsTables.DOC_TOPICS)
                .select("doc_id", "unit_id")
                .distinct();
    }

    private static PipelineModel current(SparkSession spark, String wh) throws Exception {
        Path root = new Path(wh.replaceAll("/+$", "") + "/_models");
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        String id;
        try (var in = fs.open(new Path(root, "CURRENT"))) {
            id = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        return PipelineModel.load(root + "/" + id + "/pipeline");
    }
}
