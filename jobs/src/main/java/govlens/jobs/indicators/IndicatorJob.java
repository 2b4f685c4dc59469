package govlens.jobs.indicators;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import govlens.jobs.RunContext;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.ingest.IngestJob;
import govlens.jobs.warehouse.RunTransaction;
import govlens.jobs.warehouse.Warehouse;
import govlens.lib.indicators.IndicatorExtractor;
import govlens.lib.indicators.IndicatorRules;
import govlens.lib.indicators.PlausibilityChecks;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents and sentences → indicators, mentions and region_year_indicators.
 *
 * <p>Extraction runs per document on the executors (rules from conf/indicators/rules.conf, or the file in
 * govlens.indicators.rules-file, parsed and validated once on the driver). Cross-document work follows in
 * Spark: the value chosen per region × year × indicator, the change against the previous year, and the
 * year-over-year plausibility flags, which are written both on region_year_indicators and on every
 * indicators row of that region and year.
 */
public final class IndicatorJob {
  private static final Logger LOG = LoggerFactory.getLogger(IndicatorJob.class);
  static final String YOY_UDF = "govlens_yoy_flags";

  private IndicatorJob() {}

  public record Result(Dataset<Row> indicators, Dataset<Row> mentions, Dataset<Row> regionYear) {}

  /**
   * Extracts from this run's new documents and merges into the committed tables: per-document rows of other
   * documents are kept, region×year values and year-over-year flags are recomputed over the whole table, and
   * the report_year partitions that change (the new documents' years and the year after each, whose
   * previous-year comparison may change) are staged in the transaction.
   */
  public static Result run(SparkSession spark, GovLensConfig config, RunContext run, RunTransaction tx,
      IngestJob.Result ingest) {
    IndicatorExtractor extractor = loadExtractor(spark, config.indicatorRulesFile());
    boolean nothingNew = ingest.newDocuments().isEmpty();
    Dataset<Row> extracted = extract(ingest.newDocuments(), ingest.newSentences(), extractor)
        .persist(StorageLevel.MEMORY_AND_DISK());
    boolean rebuild = config.fullRebuild()
        || !Warehouse.exists(spark, config.warehouse(), IndicatorTables.INDICATORS);
    Dataset<Row> existing = rebuild ? Warehouse.empty(spark, IndicatorTables.INDICATORS)
        : Warehouse.read(spark, config.warehouse(), IndicatorTables.INDICATORS)
            .withColumn("flags", array_except(col("flags"),
                array(lit(PlausibilityChecks.JUMP), lit(PlausibilityChecks.DROP))));
    Dataset<Row> values = Warehouse.mergeByDoc(existing, values(extracted, ingest.newDocuments()),
        ingest.newDocIds(), IndicatorTables.INDICATORS);
    Dataset<Row> regionYear = regionYear(spark, values).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> indicators = withYearOverYearFlags(values, regionYear);
    Dataset<Row> existingMentions = rebuild
        ? Warehouse.empty(spark, IndicatorTables.MENTIONS)
        : Warehouse.read(spark, config.warehouse(), IndicatorTables.MENTIONS);
    Dataset<Row> mentions = Warehouse.mergeByDoc(existingMentions, mentions(extracted, ingest.newDocuments()),
        ingest.newDocIds(), IndicatorTables.MENTIONS);

    if (nothingNew && !rebuild) {
      extracted.unpersist();
      regionYear.unpersist();
      LOG.info("indicators: no new documents, tables unchanged");
      return new Result(indicators, mentions, regionYear);
    }
    if (rebuild) {
      tx.replaceTable(IndicatorTables.INDICATORS, indicators);
      tx.replaceTable(IndicatorTables.MENTIONS, mentions);
    } else {
      List<Object> years = new ArrayList<>(ingest.touchedYears());
      ingest.touchedYears().stream().filter(y -> y != null).map(y -> (Object) (((Integer) y) + 1))
          .filter(y -> !years.contains(y)).forEach(years::add);
      tx.replacePartitions(IndicatorTables.INDICATORS, indicators, years);
      tx.replacePartitions(IndicatorTables.MENTIONS, mentions, ingest.touchedYears());
    }
    tx.replaceTable(IndicatorTables.REGION_YEAR, regionYear);
    Row n = extracted.selectExpr("cast(coalesce(sum(size(values)), 0) as long)").first();
    run.count("indicators_new", n.getLong(0));
    run.count("region_year_indicators", regionYear.count());
    extracted.unpersist();
    regionYear.unpersist();
    LOG.info("indicators: {} values from {} new documents; {} region×year×indicator rows",
        run.counts().get("indicators_new"), run.counts().get("documents_new"),
        run.counts().get("region_year_indicators"));
    return new Result(indicators, mentions, regionYear);
  }

  /** Bundled rules, or a rules file on any Hadoop file system, validated here so a bad file fails fast. */
  static IndicatorExtractor loadExtractor(SparkSession spark, String rulesFile) {
    if (rulesFile == null || rulesFile.isBlank()) {
      return IndicatorExtractor.fromClasspath();
    }
    Path path = new Path(rulesFile);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (Reader r = new InputStreamReader(fs.open(path), StandardCharsets.UTF_8)) {
        return new IndicatorExtractor(IndicatorRules.parse(r, rulesFile));
      }
    } catch (IOException e) {
      throw new GovLensConfig.InvalidConfigException("govlens.indicators.rules-file: cannot read "
          + rulesFile + " (" + e.getMessage() + ")");
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new GovLensConfig.InvalidConfigException("govlens.indicators.rules-file " + rulesFile
          + " is invalid: " + e.getMessage());
    }
  }

  /** One row per document: doc_id, values[], mentions[]. */
  static Dataset<Row> extract(Dataset<Row> documents, Dataset<Row> sentences, IndicatorExtractor extractor) {
    Dataset<Row> perDoc = sentences.groupBy("doc_id").agg(collect_list(
        struct(col("section_id"), col("idx"), col("text"), col("char_start"), col("char_end"))).as("sentences"));
    return documents.select("doc_id", "text").join(perDoc, "doc_id")
        .select("doc_id", "text", "sentences")
        .map(new ExtractIndicators(extractor), Encoders.row(ExtractIndicators.OUTPUT));
  }

  static Dataset<Row> values(Dataset<Row> extracted, Dataset<Row> documents) {
    return extracted.select(col("doc_id"), explode(col("values")).as("v"))
        .join(documents.select("doc_id", "region_name", "region_code", "admin_level", "report_year"), "doc_id")
        .select(col("doc_id"), col("region_name"), col("region_code"), col("admin_level"),
            col("report_year"), col("v.*"));
  }

  static Dataset<Row> mentions(Dataset<Row> extracted, Dataset<Row> documents) {
    return extracted.select(col("doc_id"), explode(col("mentions")).as("m"))
        .join(documents.select("doc_id", "report_year"), "doc_id")
        .select(col("doc_id"), col("report_year"), col("m.*"));
  }

  /**
   * The value per region × year × indicator when reports give several: for counts the largest (a report
   * gives the total and then its breakdowns: 出具法律意见书24份 … 行政复议案件法律意见书16件), for rates the
   * first (the headline rate comes before 其中 sub-rates); ties go to the earlier mention. Rows without a
   * region or a year cannot be compared across reports and are left out.
   */
  static Dataset<Row> regionYear(SparkSession spark, Dataset<Row> values) {
    spark.udf().register(YOY_UDF, (UDF2<Double, Double, String[]>) (prev, cur) ->
        prev == null || cur == null ? new String[0]
            : PlausibilityChecks.yearOverYearFlags(prev, cur).toArray(new String[0]),
        DataTypes.createArrayType(DataTypes.StringType, false));
    WindowSpec key = Window.partitionBy("region_code", "report_year", "indicator");
    Column isRate = col("unit").equalTo("%");
    Column countOrder = when(isRate, lit(0.0)).otherwise(col("value"));
    Dataset<Row> ranked = values.filter(col("region_code").isNotNull().and(col("report_year").isNotNull()))
        .withColumn("n_values", count(lit(1)).over(key).cast("int"))
        .withColumn("pick", row_number().over(key.orderBy(countOrder.desc(), col("doc_id"),
            col("char_start"))));
    Dataset<Row> chosen = ranked.filter(col("pick").equalTo(1))
        .withColumn("choice", when(col("n_values").equalTo(1), lit("only_value"))
            .when(isRate, lit("first_rate")).otherwise(lit("largest_count")));
    WindowSpec series = Window.partitionBy("region_code", "indicator").orderBy("report_year");
    Column prevYear = lag(col("report_year"), 1).over(series);
    Column prevValue = lag(col("value"), 1).over(series);
    Dataset<Row> withPrev = chosen.withColumn("previous_value",
        when(prevYear.equalTo(col("report_year").minus(1)), prevValue));
    return withPrev
        .withColumn("change", col("value").minus(col("previous_value")))
        .withColumn("change_pct", when(col("previous_value").notEqual(0),
            col("change").multiply(100).divide(col("previous_value"))))
        .withColumn("flags", call_udf(YOY_UDF, col("previous_value"), col("value")))
        .select("region_code", "region_name", "admin_level", "report_year", "indicator", "indicator_name",
            "area", "value", "unit", "approx", "doc_id", "char_start", "raw_text", "n_values", "choice",
            "previous_value", "change", "change_pct", "flags");
  }

  /** Adds jump/drop flags to each value against the chosen value of its region's previous year. */
  static Dataset<Row> withYearOverYearFlags(Dataset<Row> values, Dataset<Row> regionYear) {
    Dataset<Row> prev = regionYear.select(col("region_code").as("p_region"), col("indicator").as("p_indicator"),
        col("report_year").plus(1).as("p_next_year"), col("value").as("p_value"));
    Column joinOn = col("region_code").equalTo(col("p_region"))
        .and(col("indicator").equalTo(col("p_indicator")))
        .and(col("report_year").equalTo(col("p_next_year")));
    return values.join(prev, joinOn, "left")
        .withColumn("flags", array_union(col("flags"), call_udf(YOY_UDF, col("p_value"), col("value"))))
        .drop("p_region", "p_indicator", "p_next_year", "p_value");
  }
}
