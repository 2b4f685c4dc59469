package govlens.jobs.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.checks.CheckStatus;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.indicators.IndicatorTables;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Function1;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The data-quality gate run on the committed warehouse after each run, with Amazon Deequ: each threshold of
 * {@code govlens.quality} is one Deequ constraint on one table. A broken threshold fails the gate (exit code 4
 * from the CLI) and names the check; the tables are already committed and stay as written, because a
 * partial quality problem should be looked at, not hidden by rolling the data back.
 */
public final class QualityGate {
    private QualityGate() {}

    /** One constraint's outcome: its name, whether it passed, and Deequ's message when it did not. */
    public record Outcome(String check, boolean passed, String message) {}

    public static List<Outcome> run(SparkSession spark, GovLensConfig config) {
        GovLensConfig.Quality q = config.quality();
        List<Outcome> out = new ArrayList<>();
        if (!q.enabled) {
            return out;
        }
        String wh = config.warehouse();
        out.addAll(verify(
                read(spark, wh, Tables.DOCUMENTS),
                new Check(CheckLevel.Error(), "documents", emptySeq())
                        .hasCompleteness(
                                "report_year",
                                atLeast(1 - q.maxShareWithoutYear),
                                hint("documents_with_year"),
                                Option.empty())
                        .hasCompleteness(
                                "region_code",
                                atLeast(1 - q.maxShareWithoutRegion),
                                hint("documents_with_region"),
                                Option.empty())));
        out.addAll(verify(
                read(spark, wh, Tables.FILE_STATE),
                new Check(CheckLevel.Error(), "inputs", emptySeq())
                        .satisfies(
                                "outcome != 'quarantine'",
                                "files_not_quarantined",
                                atLeast(1 - q.maxShareQuarantined),
                                Option.empty(),
                                emptyList(),
                                Option.empty())));
        out.addAll(verify(
                read(spark, wh, Tables.SECTIONS),
                new Check(CheckLevel.Error(), "sections", emptySeq())
                        .satisfies(
                                "length(trim(text)) > 0",
                                "sections_not_empty",
                                atLeast(1 - q.maxShareEmptySections),
                                Option.empty(),
                                emptyList(),
                                Option.empty())));
        out.add(errorShare(spark, wh, q.maxShareErrors));
        out.addAll(verify(
                read(spark, wh, IndicatorTables.INDICATORS),
                new Check(CheckLevel.Error(), "indicators", emptySeq())
                        .satisfies(
                                "size(flags) = 0",
                                "indicators_without_plausibility_flags",
                                atLeast(1 - q.maxShareFlaggedIndicators),
                                Option.empty(),
                                emptyList(),
                                Option.empty())));
        return out;
    }

    /**
     * Documents (and files that never became one) with a failed processing step, as a share of the documents.
     * Two tables are involved, so it is computed here rather than as a Deequ constraint on one.
     */
    static Outcome errorShare(SparkSession spark, String wh, double max) {
        long failing = read(spark, wh, Tables.ERRORS)
                .selectExpr("coalesce(doc_id, source_path) as k")
                .distinct()
                .count();
        long documents = read(spark, wh, Tables.DOCUMENTS).count();
        double share = documents == 0 ? (failing == 0 ? 0 : 1) : (double) failing / documents;
        boolean ok = share <= max + 1e-9;
        return new Outcome(
                "errors: share of documents with a failed step <= " + max,
                ok,
                ok
                        ? null
                        : String.format(
                                "%d of %d documents (%.4f) have rows in the errors table", failing, documents, share));
    }

    private static Dataset<Row> read(SparkSession spark, String wh, TableDef table) {
        return Warehouse.read(spark, wh, table);
    }

    private static List<Outcome> verify(Dataset<Row> data, Check check) {
        List<Outcome> out = new ArrayList<>();
        if (data.isEmpty()) {
            return out; // nothing to measure: an empty table is reported by the run counts, not as a ratio
        }
        VerificationResult result =
                new VerificationSuite().onData(data).addCheck(check).run();
        for (CheckResult cr :
                JavaConverters.asJavaCollection(result.checkResults().values())) {
            for (ConstraintResult c : JavaConverters.asJavaCollection(cr.constraintResults())) {
                boolean ok = c.status() == ConstraintStatus.Success();
                String name = check.description() + ": " + c.constraint().toString();
                out.add(new Outcome(name, ok, ok ? null : c.message().getOrElse(() -> "failed")));
            }
            if (cr.status() == CheckStatus.Error() && out.stream().allMatch(Outcome::passed)) {
                out.add(new Outcome(check.description(), false, "check failed"));
            }
        }
        return out;
    }

    private static Function1<Object, Object> atLeast(double min) {
        // Deequ compares doubles; a tiny slack keeps 1 - 0.1 = 0.9000000000000000222 from failing 0.9 exactly.
        return (Function1<Object, Object> & java.io.Serializable) v -> ((Double) v) >= min - 1e-9;
    }

    private static Option<String> hint(String name) {
        return Option.apply(name);
    }

    private static <T> scala.collection.Seq<T> emptySeq() {
        return JavaConverters.asScalaBuffer(new ArrayList<T>()).toSeq();
    }

    private static scala.collection.immutable.List<String> emptyList() {
        return scala.collection.immutable.List$.MODULE$.empty();
    }
}
