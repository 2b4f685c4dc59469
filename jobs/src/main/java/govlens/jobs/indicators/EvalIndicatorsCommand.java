package govlens.jobs.indicators;

import static org.apache.spark.sql.functions.col;

import govlens.jobs.ExitCodes;
import govlens.jobs.Sessions;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.WarehouseWriter;
import govlens.lib.indicators.IndicatorEvaluator;
import govlens.lib.indicators.IndicatorExtractor;
import govlens.lib.pipeline.DocumentProcessor;
import govlens.lib.pipeline.IndicatorEvaluation;
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
 *
 * <p>With {@code --input DIR} it instead runs every file of DIR through ingest processing and the indicator
 * extractor (the configured rules file, or the bundled rules) without Spark or a warehouse: the way to score the
 * development set (lib/src/test/resources/indicator-devset) or a folder of new reports. The output is the
 * per-indicator table (precision, recall, matched, false positives, required), the overall scores, every miss
 * (gold row not found) and every false positive with its sentence. For CI, {@code --min-precision},
 * {@code --min-recall}, {@code --min-f1} and {@code --levels FILE} (per-indicator minimum precision and recall,
 * the dev set's levels.tsv) make the command exit 1 when a score falls below them.
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

    @Option(names = "--min-precision", paramLabel = "X", description = "exit 1 when precision is below X")
    Double minPrecision;

    @Option(names = "--min-recall", paramLabel = "X", description = "exit 1 when recall is below X")
    Double minRecall;

    @Option(
            names = "--levels",
            paramLabel = "FILE",
            description = "TSV of indicator, minimum precision, minimum recall: exit 1 when an indicator falls below")
    File levels;

    @Option(
            names = "--input",
            paramLabel = "DIR",
            description = "score the files of DIR processed as ingest would, instead of the warehouse")
    File input;

    @Override
    public Integer call() {
        if (!gold.isFile()) {
            throw new GovLensConfig.InvalidConfigException("gold file not found: " + gold);
        }
        List<IndicatorEvaluator.GoldRow> goldRows;
        try {
            goldRows = IndicatorEvaluator.readGold(gold.toPath());
        } catch (IllegalArgumentException e) {
            throw new GovLensConfig.InvalidConfigException(e.getMessage());
        }
        Map<String, double[]> minimums = readLevels();
        if (input != null) {
            return fromInput(goldRows, minimums);
        }
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
                            doc, r.getString(1), r.getDouble(2), r.getString(3), r.getString(4), r.getString(6)));
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
            System.out.print(result.table());
            System.out.print(result.report());
            System.out.printf(
                    "scored %d extractions of %d gold documents; %d extractions of other documents not scored%n",
                    predictions.size(), goldDocs.size(), unscored);
            return verdict(result, minimums);
        } finally {
            spark.stop();
        }
    }

    private Integer fromInput(List<IndicatorEvaluator.GoldRow> goldRows, Map<String, double[]> minimums) {
        if (!input.isDirectory()) {
            throw new GovLensConfig.InvalidConfigException("--input is not a folder: " + input);
        }
        GovLensConfig config = GovLensConfig.load(null, Map.of("govlens.warehouse", warehouse));
        DocumentProcessor processor =
                new DocumentProcessor(config.extensions(), config.minChars(), config.parseTimeout(), config.maxChars());
        String rulesFile = config.indicatorRulesFile();
        IndicatorExtractor extractor;
        try {
            extractor = rulesFile == null || rulesFile.isBlank()
                    ? IndicatorExtractor.fromClasspath()
                    : IndicatorExtractor.fromFile(java.nio.file.Path.of(rulesFile));
        } catch (IllegalArgumentException e) {
            throw new GovLensConfig.InvalidConfigException(
                    "govlens.indicators.rules-file " + rulesFile + " is invalid: " + e.getMessage());
        }
        List<IndicatorEvaluator.Prediction> predictions =
                IndicatorEvaluation.predictAll(input.toPath(), processor, extractor);
        if (list) {
            for (IndicatorEvaluator.Prediction p : predictions) {
                System.out.printf("%s\t%s\t%s\t%s\t%s%n", p.doc(), p.indicator(), p.value(), p.unit(), p.sentence());
            }
        }
        IndicatorEvaluator.Result result = IndicatorEvaluator.evaluate(goldRows, predictions);
        System.out.print(result.table());
        System.out.print(result.report());
        return verdict(result, minimums);
    }

    /** Exit 1 when a threshold given on the command line or in --levels is not met, naming each failure. */
    private Integer verdict(IndicatorEvaluator.Result result, Map<String, double[]> minimums) {
        List<String> failures = new ArrayList<>();
        if (minF1 != null && result.f1() < minF1) {
            failures.add("F1 " + result.f1() + " < " + minF1);
        }
        if (minPrecision != null && result.precision() < minPrecision) {
            failures.add("precision " + result.precision() + " < " + minPrecision);
        }
        if (minRecall != null && result.recall() < minRecall) {
            failures.add("recall " + result.recall() + " < " + minRecall);
        }
        minimums.forEach((code, min) -> {
            IndicatorEvaluator.IndicatorScore s = result.score(code);
            // Levels carry three decimals, as the table prints them (0.667 for 4 of 6).
            if (s.precision() + 5e-4 < min[0] || s.recall() + 5e-4 < min[1]) {
                failures.add(code + " precision " + s.precision() + " recall " + s.recall() + " below levels " + min[0]
                        + " / " + min[1]);
            }
        });
        failures.forEach(f -> System.out.println("BELOW\t" + f));
        return failures.isEmpty() ? ExitCodes.OK : ExitCodes.CRASH;
    }

    private Map<String, double[]> readLevels() {
        Map<String, double[]> out = new java.util.TreeMap<>();
        if (levels == null) {
            return out;
        }
        if (!levels.isFile()) {
            throw new GovLensConfig.InvalidConfigException("levels file not found: " + levels);
        }
        try {
            for (String line : java.nio.file.Files.readAllLines(levels.toPath())) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 3) {
                    throw new GovLensConfig.InvalidConfigException(
                            levels + ": expected indicator, min precision," + " min recall: " + line);
                }
                out.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            }
        } catch (java.io.IOException | NumberFormatException e) {
            throw new GovLensConfig.InvalidConfigException("cannot read levels file " + levels + ": " + e.getMessage());
        }
        return out;
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
