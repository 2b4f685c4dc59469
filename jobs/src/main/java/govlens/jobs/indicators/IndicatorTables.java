package govlens.jobs.indicators;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Tables;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Schemas of the indicator tables, defined once; the README section is generated from them. */
public final class IndicatorTables {
    private IndicatorTables() {}

    public static final TableDef INDICATORS = new TableDef(
            "indicators",
            new StructType(new StructField[] {
                col("doc_id", StringType, "document the figure comes from"),
                col("region_name", StringType, "the document's region"),
                col("region_code", StringType, "its 6-digit GB/T 2260 code"),
                col("admin_level", StringType, "province | prefecture | county"),
                col("report_year", IntegerType, "year reported on; partition column"),
                col(
                        "indicator",
                        StringType,
                        "catalog code, e.g. admin_review.correction_rate (conf/indicator_catalog.tsv)"),
                col("indicator_name", StringType, "catalog name in Chinese"),
                col("area", StringType, "catalog area (disputes, rules, …)"),
                col("value", DoubleType, "normalized value: 82.3万 → 823000; rates as percent numbers (15.8)"),
                col("unit", StringType, "unit as written (件, 人次, %, …)"),
                col("approx", StringType, "余 / 近 / 约 / 超 / 多 … when the text hedges the figure, else null"),
                col("raw_text", StringType, "the exact mention: documents.text[char_start:char_end]"),
                col("sentence", StringType, "the sentence that gives the figure"),
                col("sentence_idx", IntegerType, "its sentences.idx"),
                col("char_start", IntegerType, "start offset of raw_text into documents.text"),
                col("char_end", IntegerType, "end offset (exclusive)"),
                col("section_id", StringType, "section holding the sentence"),
                col("rule_id", StringType, "rule of conf/indicators/rules.conf that claimed the figure"),
                col("confidence", DoubleType, "rule confidence in [0,1]"),
                col(
                        "flags",
                        createArrayType(StringType, false),
                        "plausibility: rate_out_of_range, parts_exceed_whole, rate_disagrees_with_parts, jump_gt_5x, drop_lt_0.2x (vs the region's previous year)")
            }),
            "report_year",
            List.of("doc_id", "char_start", "indicator"));

    public static final TableDef MENTIONS = new TableDef(
            "mentions",
            new StructType(new StructField[] {
                col("doc_id", StringType, "document"),
                col("report_year", IntegerType, "year reported on; partition column"),
                col("raw_text", StringType, "the number as written, with its unit"),
                col("value", DoubleType, "normalized value when it parses"),
                col("unit", StringType, "unit as written"),
                col("approx", StringType, "余 / 近 / … hedge"),
                col("context", StringType, "surrounding clause"),
                col("sentence_idx", IntegerType, "sentence index"),
                col("section_id", StringType, "section"),
                col("char_start", IntegerType, "start offset into documents.text"),
                col("char_end", IntegerType, "end offset (exclusive)"),
                col(
                        "status",
                        StringType,
                        "unclaimed (a total of the report's period no indicator describes: what the catalog may miss)"
                                + " | rejected (not an indicator value)"),
                col(
                        "reason",
                        StringType,
                        "for rejected: no figure (ordinal, year, date, doc_number, program_name, hotline_name, phone,"
                                + " doc_structure); another period or scope (the value of period or scope below); not"
                                + " settled (implausible_rate, list_mismatch, excluded_term, ambiguous, second_figure)"),
                col(
                        "period",
                        StringType,
                        "report (the report's own year or half-year) | other_year (上年…) | sub_period (1-6月, 3月份…) |"
                                + " multi_year (历年, 以来, 近三年…); null when the number is no figure"),
                col(
                        "scope",
                        StringType,
                        "total | breakdown (其中…, in brackets) | other_region (全市 in a county's report, 全国…) |"
                                + " target (力争, 计划, 不少于) | prevented (避免…) | prior_stage (受理前…) | change (较上年增加…);"
                                + " null when the number is no figure")
            }),
            "report_year",
            List.of("doc_id", "char_start"));

    public static final TableDef REGION_YEAR = new TableDef(
            "region_year_indicators",
            new StructType(new StructField[] {
                col("region_code", StringType, "6-digit GB/T 2260 code"),
                col("region_name", StringType, "region"),
                col("admin_level", StringType, "province | prefecture | county"),
                col("report_year", IntegerType, "year reported on"),
                col("indicator", StringType, "catalog code"),
                col("indicator_name", StringType, "catalog name"),
                col("area", StringType, "catalog area"),
                col("value", DoubleType, "the chosen value"),
                col("unit", StringType, "its unit"),
                col("approx", StringType, "its hedge"),
                col("doc_id", StringType, "document of the chosen value"),
                col("char_start", IntegerType, "offset of the chosen mention in that document"),
                col("raw_text", StringType, "the chosen mention"),
                col("n_values", IntegerType, "how many values the region's reports gave for the indicator that year"),
                col(
                        "choice",
                        StringType,
                        "how the value was chosen: only_value; largest_count (a total beats its breakdowns); first_rate (the headline rate comes before 其中 sub-rates)"),
                col("previous_value", DoubleType, "chosen value of report_year - 1, when there is one"),
                col("change", DoubleType, "value - previous_value"),
                col("change_pct", DoubleType, "100 * change / previous_value"),
                col("flags", createArrayType(StringType, false), "jump_gt_5x / drop_lt_0.2x against the previous year")
            }),
            null,
            List.of("region_code", "report_year", "indicator"));

    public static final List<TableDef> ALL = List.of(INDICATORS, MENTIONS, REGION_YEAR);

    private static StructField col(String name, DataType type, String meaning) {
        return Tables.col(name, type, true, meaning);
    }
}
