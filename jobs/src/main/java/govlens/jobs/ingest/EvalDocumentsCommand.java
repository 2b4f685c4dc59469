package govlens.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import govlens.jobs.ExitCodes;
import govlens.jobs.Sessions;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.WarehouseWriter;
import govlens.lib.meta.DocumentEvaluator;
import govlens.lib.pipeline.DocumentEvaluation;
import govlens.lib.pipeline.DocumentProcessor;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code govlens eval documents --gold FILE}: scores document metadata against a gold TSV in the format of
 * gold_documents.tsv (doc, then any of region_name, region_code, admin_level, province, report_year, doc_number,
 * issuer, signer, publish_date, title, problems_section_start, flags; a {@code *} cell is not scored). Prints per
 * field right / wrong / missing and every miss.
 *
 * <p>By default it reads the warehouse's documents and sections tables (like {@code eval indicators}); a gold
 * row's doc is the input file's name. With {@code --input DIR} it instead runs every file of DIR through the
 * same document processor ingest uses, without Spark and without a warehouse (for a development set).
 */
@Command(
        name = "documents",
        mixinStandardHelpOptions = true,
        description = "Right / wrong / missing per metadata field against a gold TSV.")
public final class EvalDocumentsCommand implements Callable<Integer> {
    @Option(names = "--gold", required = true, paramLabel = "FILE", description = "gold TSV")
    File gold;

    @Option(names = "--warehouse", paramLabel = "DIR", description = "warehouse to read (default ./warehouse)")
    String warehouse = "warehouse";

    @Option(
            names = "--input",
            paramLabel = "DIR",
            description = "score the files of DIR, processed as ingest would, instead of a warehouse")
    File input;

    @Option(names = "--fail-on-miss", description = "exit 1 when any scored field is wrong or missing (for CI)")
    boolean failOnMiss;

    @Override
    public Integer call() {
        if (!gold.isFile()) {
            throw new GovLensConfig.InvalidConfigException("gold file not found: " + gold);
        }
        List<DocumentEvaluator.GoldRow> goldRows;
        try {
            goldRows = DocumentEvaluator.readGold(gold.toPath());
        } catch (IllegalArgumentException e) {
            throw new GovLensConfig.InvalidConfigException(e.getMessage());
        }
        GovLensConfig config = GovLensConfig.load(null, Map.of("govlens.warehouse", warehouse));
        List<DocumentEvaluator.Prediction> predictions;
        if (input != null) {
            if (!input.isDirectory()) {
                throw new GovLensConfig.InvalidConfigException("--input is not a folder: " + input);
            }
            DocumentProcessor processor = new DocumentProcessor(
                    config.extensions(), config.minChars(), config.parseTimeout(), config.maxChars());
            predictions = DocumentEvaluation.predictAll(input.toPath(), processor).stream()
                    .filter(p -> !p.doc().equals(gold.getName()))
                    .toList();
        } else {
            predictions = fromWarehouse(config);
        }
        DocumentEvaluator.Result result = DocumentEvaluator.evaluate(goldRows, predictions);
        System.out.print(result.report());
        return failOnMiss && !result.allRight() ? ExitCodes.CRASH : ExitCodes.OK;
    }

    private List<DocumentEvaluator.Prediction> fromWarehouse(GovLensConfig config) {
        SparkSession spark = Sessions.build(config, "local[2]");
        try {
            Dataset<Row> docs = spark.read().parquet(WarehouseWriter.path(warehouse, Tables.DOCUMENTS));
            Dataset<Row> firstProblems = spark.read()
                    .parquet(WarehouseWriter.path(warehouse, Tables.SECTIONS))
                    .filter(col("kind").equalTo("problems"))
                    .groupBy("doc_id")
                    .agg(min(col("char_start")).alias("problems_start"));
            List<Row> rows = docs.join(firstProblems, docs.col("doc_id").equalTo(firstProblems.col("doc_id")), "left")
                    .select(
                            "source_path",
                            "title",
                            "region_name",
                            "region_code",
                            "admin_level",
                            "province",
                            "report_year",
                            "doc_number",
                            "issuer",
                            "signer",
                            "publish_date",
                            "quality_flags",
                            "text",
                            "problems_start")
                    .collectAsList();
            List<DocumentEvaluator.Prediction> out = new ArrayList<>();
            for (Row r : rows) {
                String path = r.getString(0);
                Map<String, String> v = new LinkedHashMap<>();
                String[] names = {
                    "title",
                    "region_name",
                    "region_code",
                    "admin_level",
                    "province",
                    "report_year",
                    "doc_number",
                    "issuer",
                    "signer",
                    "publish_date"
                };
                for (int i = 0; i < names.length; i++) {
                    Object o = r.get(i + 1);
                    v.put(names[i], o == null ? null : o.toString());
                }
                String text = r.getString(12);
                v.put("problems_section_start", r.isNullAt(13) ? null : text.substring(r.getInt(13)));
                List<String> flags = r.isNullAt(11) ? List.of() : r.getList(11);
                out.add(new DocumentEvaluator.Prediction(path.substring(path.lastIndexOf('/') + 1), v, flags));
            }
            return out;
        } finally {
            spark.stop();
        }
    }
}
