package govlens.jobs.indicators;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import govlens.jobs.RunContext;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.ingest.IngestJob;
import govlens.jobs.state.DocState;
import govlens.jobs.state.PriorState;
import govlens.jobs.state.Reprocess;
import govlens.jobs.state.StageFingerprints;
import govlens.jobs.state.StageFingerprints.Stage;
import govlens.jobs.warehouse.RunTransaction;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Warehouse;
import govlens.jobs.warehouse.WarehouseWriter;
import govlens.lib.indicators.IndicatorExtractor;
import govlens.lib.indicators.IndicatorRules;
import govlens.lib.indicators.PlausibilityChecks;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
 * govlens.indicators.rules-file, parsed and validated once on the driver), for the documents whose
 * indicator rows are missing or were made with another indicators fingerprint: this run's new documents,
 * and every document after a rules change. Their rows replace earlier ones; other documents' rows stay as
 * committed. A document whose extraction throws gets an errors row and no values.
 *
 * <p>Cross-document work follows in Spark over the rows of every region a replaced document belongs to (the
 * whole table when everything is extracted again): the value chosen per region × year × indicator, the change
 * against the previous year, and the year-over-year plausibility flags, which are written both on
 * region_year_indicators and on every indicators row of that region and year (so a new report can change the
 * flags of its region's next year's rows: those documents' rows are rewritten too). Other regions' rows of
 * both tables stay as committed: nothing in them depends on another region.
 */
public final class IndicatorJob {
    private static final Logger LOG = LoggerFactory.getLogger(IndicatorJob.class);
    static final String YOY_UDF = "govlens_yoy_flags";
    static final String SEGMENT = "docs";

    /** Tables this stage owns; if any cannot be merged into, every document is extracted again. */
    public static final List<TableDef> TABLES =
            List.of(IndicatorTables.INDICATORS, IndicatorTables.MENTIONS, IndicatorTables.REGION_YEAR);

    private IndicatorJob() {}

    /**
     * @param processed documents extracted in this run (their state takes the current fingerprint)
     * @param errors errors rows of this run's extractions
     */
    public record Result(Set<String> processed, List<Row> errors) {}

    public static Result run(
            SparkSession spark,
            GovLensConfig config,
            RunContext run,
            RunTransaction tx,
            StageFingerprints fps,
            PriorState prior,
            IngestJob.Result ingest) {
        String fp = fps.get(Stage.INDICATORS);
        List<String> unusable = prior.unusable(TABLES);
        boolean all = config.fullRebuild() || ingest.all() || !unusable.isEmpty();
        Set<String> todo = new TreeSet<>();
        for (DocState d : ingest.docs().values()) {
            if (all || !fp.equals(d.indicators())) {
                todo.add(d.docId());
            }
        }
        if (todo.isEmpty() && ingest.deleted().isEmpty()) {
            LOG.info("indicators: every document is current, tables unchanged");
            return new Result(Set.of(), List.of());
        }
        Reprocess.log(LOG, Stage.INDICATORS, todo, ingest, config.fullRebuild(), unusable, fps, prior, run);

        IndicatorExtractor extractor = loadExtractor(spark, config.indicatorRulesFile());
        Dataset<Row> input = Reprocess.docText(spark, config.warehouse(), ingest, todo);
        Dataset<Row> extracted = input.map(new ExtractIndicators(extractor), Encoders.row(ExtractIndicators.OUTPUT))
                .persist(StorageLevel.MEMORY_AND_DISK());
        // One pass over the extractions gives both the errors and the count (no separate counting job).
        List<Row> errors = new ArrayList<>();
        long nValues = 0;
        for (Row r : extracted
                .select(col("doc_id"), col("source_path"), size(col("values")), col("errors"))
                .collectAsList()) {
            nValues += r.getInt(2);
            for (Row e : r.<Row>getList(3)) {
                errors.add(RowFactory.create(
                        run.runId(), e.getString(0), r.getString(0), r.getString(1), e.getString(1), e.getString(2)));
            }
        }

        // Committed rows of documents this run leaves alone, without the year-over-year flags (recomputed).
        Set<String> replaced = new TreeSet<>(todo);
        replaced.addAll(ingest.deleted().keySet());
        Dataset<Row> replacedIds = ids(spark, replaced);
        Dataset<Row> committed = all
                ? Warehouse.empty(spark, IndicatorTables.INDICATORS)
                : Warehouse.read(spark, config.warehouse(), IndicatorTables.INDICATORS);
        // A region's chosen values and year-over-year flags depend on that region's rows alone, so only the
        // regions of replaced documents (old rows and new) are recomputed; the rest stays as committed.
        Set<String> regions = all ? null : touchedRegions(extracted, committed, replacedIds);
        Dataset<Row> inScope = regions == null ? committed : committed.where(inRegions(regions));
        Dataset<Row> kept = inScope.join(replacedIds, "doc_id", "left_anti")
                .withColumn(
                        "flags",
                        array_except(col("flags"), array(lit(PlausibilityChecks.JUMP), lit(PlausibilityChecks.DROP))));
        Dataset<Row> values = WarehouseWriter.conform(kept, IndicatorTables.INDICATORS)
                .unionByName(WarehouseWriter.conform(values(extracted), IndicatorTables.INDICATORS))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> regionYear = regionYear(spark, values).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> indicators = withYearOverYearFlags(values, regionYear);
        Dataset<Row> allRegionYears = regions == null
                ? regionYear
                : WarehouseWriter.conform(
                                Warehouse.read(spark, config.warehouse(), IndicatorTables.REGION_YEAR)
                                        .where(not(inRegions(regions))),
                                IndicatorTables.REGION_YEAR)
                        .unionByName(WarehouseWriter.conform(regionYear, IndicatorTables.REGION_YEAR));
        Dataset<Row> mentions = mentions(extracted);

        if (all) {
            int tasks = WarehouseWriter.tasksFor(
                    todo.size(), Math.max(1, extracted.rdd().getNumPartitions()));
            tx.replaceTable(IndicatorTables.INDICATORS, indicators.coalesce(tasks), WarehouseWriter.Layout.AS_IS);
            tx.replaceTable(IndicatorTables.MENTIONS, mentions.coalesce(tasks), WarehouseWriter.Layout.AS_IS);
        } else {
            // Documents kept as committed whose flags change with the new region × year values.
            Dataset<Row> changed = WarehouseWriter.conform(inScope, IndicatorTables.INDICATORS)
                    .join(replacedIds, "doc_id", "left_anti")
                    .select("doc_id", "char_start", "indicator", "flags")
                    .except(indicators.select("doc_id", "char_start", "indicator", "flags"))
                    .select("doc_id")
                    .distinct();
            Set<String> rewrite = new TreeSet<>(todo);
            rewrite.addAll(changed.as(Encoders.STRING()).collectAsList());
            Set<String> deleteIds = new TreeSet<>(rewrite);
            deleteIds.addAll(ingest.deleted().keySet());
            tx.deleteDocs(IndicatorTables.INDICATORS, Reprocess.committedKeys(spark, prior, ingest, deleteIds));
            tx.append(
                    IndicatorTables.INDICATORS,
                    SEGMENT,
                    indicators
                            .join(ids(spark, rewrite), "doc_id", "left_semi")
                            .coalesce(WarehouseWriter.tasksFor(rewrite.size(), 64)),
                    WarehouseWriter.Layout.AS_IS);
            tx.deleteDocs(IndicatorTables.MENTIONS, Reprocess.committedKeys(spark, prior, ingest, replaced));
            tx.append(
                    IndicatorTables.MENTIONS,
                    SEGMENT,
                    mentions.coalesce(WarehouseWriter.tasksFor(todo.size(), 64)),
                    WarehouseWriter.Layout.AS_IS);
            run.count("indicators_docs_reflagged", rewrite.size() - todo.size());
        }
        tx.replaceTable(IndicatorTables.REGION_YEAR, allRegionYears);
        run.count("indicators_new", nValues);
        run.count("indicators_docs", todo.size());
        extracted.unpersist();
        values.unpersist();
        regionYear.unpersist();
        LOG.info(
                "indicators: {} values from {} documents, {} errors",
                run.counts().get("indicators_new"),
                todo.size(),
                errors.size());
        return new Result(todo, errors);
    }

    /** Regions of the replaced documents: of their new values and of their committed rows. */
    private static Set<String> touchedRegions(
            Dataset<Row> extracted, Dataset<Row> committed, Dataset<Row> replacedIds) {
        Set<String> regions = new TreeSet<>();
        for (Dataset<Row> d : List.of(
                extracted.select("region_code"),
                committed.join(replacedIds, "doc_id", "left_semi").select("region_code"))) {
            for (Row r : d.where(col("region_code").isNotNull()).distinct().collectAsList()) {
                regions.add(r.getString(0));
            }
        }
        return regions;
    }

    /** region_code in {@code regions}; false (not null) for a row without a region or for an empty set. */
    private static Column inRegions(Set<String> regions) {
        return regions.isEmpty()
                ? lit(false)
                : col("region_code").isNotNull().and(col("region_code").isin(regions.toArray()));
    }

    private static Dataset<Row> ids(SparkSession spark, Set<String> ids) {
        return spark.createDataset(List.copyOf(ids), Encoders.STRING()).toDF("doc_id");
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
            throw new GovLensConfig.InvalidConfigException(
                    "govlens.indicators.rules-file: cannot read " + rulesFile + " (" + e.getMessage() + ")");
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new GovLensConfig.InvalidConfigException(
                    "govlens.indicators.rules-file " + rulesFile + " is invalid: " + e.getMessage());
        }
    }

    static Dataset<Row> values(Dataset<Row> extracted) {
        return extracted
                .select(
                        col("doc_id"),
                        col("region_name"),
                        col("region_code"),
                        col("admin_level"),
                        col("report_year"),
                        explode(col("values")).as("v"))
                .select(
                        col("doc_id"),
                        col("region_name"),
                        col("region_code"),
                        col("admin_level"),
                        col("report_year"),
                        col("v.*"));
    }

    static Dataset<Row> mentions(Dataset<Row> extracted) {
        return extracted
                .select(
                        col("doc_id"),
                        col("report_year"),
                        explode(col("mentions")).as("m"))
                .select(col("doc_id"), col("report_year"), col("m.*"));
    }

    /**
     * The value per region × year × indicator when reports give several: for counts the largest (a report
     * gives the total and then its breakdowns: 出具法律意见书24份 … 行政复议案件法律意见书16件), for rates the
     * first (the headline rate comes before 其中 sub-rates); ties go to the earlier mention. Rows without a
     * region or a year cannot be compared across reports and are left out.
     */
    static Dataset<Row> regionYear(SparkSession spark, Dataset<Row> values) {
        spark.udf()
                .register(
                        YOY_UDF,
                        (UDF2<Double, Double, String[]>) (prev, cur) -> prev == null || cur == null
                                ? new String[0]
                                : PlausibilityChecks.yearOverYearFlags(prev, cur)
                                        .toArray(new String[0]),
                        DataTypes.createArrayType(DataTypes.StringType, false));
        WindowSpec key = Window.partitionBy("region_code", "report_year", "indicator");
        Column isRate = col("unit").equalTo("%");
        Column countOrder = when(isRate, lit(0.0)).otherwise(col("value"));
        Dataset<Row> ranked = values.filter(
                        col("region_code").isNotNull().and(col("report_year").isNotNull()))
                .withColumn("n_values", count(lit(1)).over(key).cast("int"))
                .withColumn(
                        "pick", row_number().over(key.orderBy(countOrder.desc(), col("doc_id"), col("char_start"))));
        Dataset<Row> chosen = ranked.filter(col("pick").equalTo(1))
                .withColumn(
                        "choice",
                        when(col("n_values").equalTo(1), lit("only_value"))
                                .when(isRate, lit("first_rate"))
                                .otherwise(lit("largest_count")));
        WindowSpec series = Window.partitionBy("region_code", "indicator").orderBy("report_year");
        Column prevYear = lag(col("report_year"), 1).over(series);
        Column prevValue = lag(col("value"), 1).over(series);
        Dataset<Row> withPrev = chosen.withColumn(
                "previous_value", when(prevYear.equalTo(col("report_year").minus(1)), prevValue));
        return withPrev.withColumn("change", col("value").minus(col("previous_value")))
                .withColumn(
                        "change_pct",
                        when(
                                col("previous_value").notEqual(0),
                                col("change").multiply(100).divide(col("previous_value"))))
                .withColumn("flags", call_udf(YOY_UDF, col("previous_value"), col("value")))
                .select(
                        "region_code",
                        "region_name",
                        "admin_level",
                        "report_year",
                        "indicator",
                        "indicator_name",
                        "area",
                        "value",
                        "unit",
                        "approx",
                        "doc_id",
                        "char_start",
                        "raw_text",
                        "n_values",
                        "choice",
                        "previous_value",
                        "change",
                        "change_pct",
                        "flags");
    }

    /** Adds jump/drop flags to each value against the chosen value of its region's previous year. */
    static Dataset<Row> withYearOverYearFlags(Dataset<Row> values, Dataset<Row> regionYear) {
        Dataset<Row> prev = regionYear.select(
                col("region_code").as("p_region"),
                col("indicator").as("p_indicator"),
                col("report_year").plus(1).as("p_next_year"),
                col("value").as("p_value"));
        Column joinOn = col("region_code")
                .equalTo(col("p_region"))
                .and(col("indicator").equalTo(col("p_indicator")))
                .and(col("report_year").equalTo(col("p_next_year")));
        return values.join(prev, joinOn, "left")
                .withColumn("flags", array_union(col("flags"), call_udf(YOY_UDF, col("p_value"), col("value"))))
                .drop("p_region", "p_indicator", "p_next_year", "p_value");
    }
}
