package govlens.jobs.indicators;

import static org.apache.spark.sql.functions.col;

import govlens.jobs.ExitCodes;
import govlens.jobs.Sessions;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.WarehouseWriter;
import govlens.lib.indicators.IndicatorEvaluator;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code govlens eval indicators --gold FILE}: scores the warehouse's indicators table against a gold TSV
 * (doc, indicator, value, unit, approx, status, evidence; {@code optional} rows count neither way; values
 * equal within 0.5%). A gold row's doc is the input file's name; only documents named in the gold file are
 * scored. {@code --list} also prints every extraction of every document, for reading runs without a gold.
 */
@Command(
        name = "indicators",
        mixinStandardHelpOptions = true,
        description = "Precision, recall and F1 of the indicators table against a gold TSV.")
public final class EvalIndicatorsCommand implements Callable<Integer> {
    @Option(names = "--gold", required = true, paramLabel = "FILE", description = "gold TSV")
    File gold;

    @Option(names = "--warehouse", paramLabel = "DIR", description = "warehouse to read (default ./warehouse)")
    String warehouse = "warehouse";

    @Option(
            names = "--list",
            description = "also print every extraction (doc, indicator, value, unit, mention, sentence)")
    boolean list;

    @Option(names = "--min-f1", paramLabel = "X", description = "exit 1 when F1 is below X (for CI)")
    Double minF1;

    @Override
    public Integer call() {
        if (!gold.isFile()) {
            throw new GovLensConfig.InvalidConfigException("gold file not found: " + gold);
        }
        List<IndicatorEvaluator.GoldRow> goldRows = IndicatorEvaluator.readGold(gold.toPath());
        // The gold's doc column names input files; scoring covers the gold documents this warehouse holds.
        Set<String> goldDocs =
                goldRows.stream().map(IndicatorEvaluator.GoldRow::doc).collect(Collectors.toSet());
        SparkSession spark =
                Sessions.build(GovLensConfig.load(null, Map.of("govlens.warehouse", warehouse)), "local[2]");
        try {
            Set<String> present = spark
                    .read()
                    .parquet(WarehouseWriter.path(warehouse, Tables.DOCUMENTS))
                    .select("source_path")
                    .collectAsList()
                    .stream()
                    .map(r -> fileName(r.getString(0)))
                    .collect(Collectors.toSet());
            List<String> absent =
                    goldDocs.stream().filter(d -> !present.contains(d)).sorted().toList();
            // A gold document the warehouse does not hold was not ingested: scoring it would count the corpus
            // choice, not the extraction. Say so instead.
            goldRows = goldRows.stream().filter(g -> present.contains(g.doc())).toList();
            List<Row> rows = spark.read()
                    .parquet(WarehouseWriter.path(warehouse, IndicatorTables.INDICATORS))
                    .join(
                            spark.read()
                                    .parquet(WarehouseWriter.path(warehouse, Tables.DOCUMENTS))
                                    .select("doc_id", "source_path"),
                            "doc_id")
                    .select(
                            col("source_path"),
                            col("indicator"),
                            col("value"),
                            col("unit"),
                            col("approx"),
                            col("raw_text"),
                            col("sentence"))
                    .orderBy("source_path", "indicator", "value")
                    .collectAsList();
            List<IndicatorEvaluator.Prediction> predictions = new ArrayList<>();
            int unscored = 0;
            for (Row r : rows) {
                String doc = fileName(r.getString(0));
                if (list) {
                    System.out.printf(
                            "%s\t%s\t%s\t%s\t%s\t%s%n",
                            doc, r.getString(1), r.getDouble(2), r.getString(3), r.getString(5), r.getString(6));
                }
                if (goldDocs.contains(doc)) {
                    predictions.add(new IndicatorEvaluator.Prediction(
                            doc, r.getString(1), r.getDouble(2), r.getString(3), r.getString(4)));
                } else {
                    unscored++;
                }
            }
            if (!absent.isEmpty()) {
                System.out.printf(
                        "%d gold documents are not in the warehouse and are not scored: %s%n",
                        absent.size(), String.join(", ", absent));
            }
            if (goldRows.isEmpty()) {
                System.out.printf(
                        "no gold document is in this warehouse: nothing to score (%d extractions listed with --list)%n",
                        unscored);
                return ExitCodes.OK;
            }
            IndicatorEvaluator.Result result = IndicatorEvaluator.evaluate(goldRows, predictions);
            System.out.print(result.report());
            System.out.printf(
                    "scored %d extractions of %d gold documents; %d extractions of other documents not scored%n",
                    predictions.size(), goldDocs.size(), unscored);
            return minF1 != null && result.f1() < minF1 ? ExitCodes.CRASH : ExitCodes.OK;
        } finally {
            spark.stop();
        }
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
