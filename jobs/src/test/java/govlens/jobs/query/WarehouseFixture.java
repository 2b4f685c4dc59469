package govlens.jobs.query;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A tiny warehouse written with Spark the way the pipeline writes it (Parquet, report_year partition
 * folders, a null year in __HIVE_DEFAULT_PARTITION__), holding the strings that break naive output: a title
 * with a comma, quotes and a line break, Chinese text, and markup (script and img tags) in a title, a
 * region, a sentence and a keyword.
 */
public final class WarehouseFixture {
    private WarehouseFixture() {}

    public static final String SCRIPT = "<script>alert(1)</script>";
    public static final String IMG = "<img src=x onerror=\"window.__xss=1\">";

    public static void write(SparkSession spark, String wh, boolean withIndicators) {
        StructType docs = schema(
                f("doc_id", StringType),
                f("title", StringType),
                f("region_name", StringType),
                f("region_code", StringType),
                f("report_year", IntegerType),
                f("char_count", IntegerType),
                f("quality_flags", createArrayType(StringType)));
        save(
                spark,
                wh + "/documents",
                docs,
                "report_year",
                RowFactory.create("d1", "临汾市报告, \"第一\"\n续", "临汾市", "141000", 2024, 120, List.of()),
                RowFactory.create(
                        "d2",
                        "岚县" + SCRIPT + IMG,
                        "岚县" + SCRIPT,
                        "141127",
                        2023,
                        80,
                        List.of("no_year", "furniture_removed")),
                RowFactory.create("d3", null, null, null, null, 10, List.of("no_region")));
        if (!withIndicators) {
            return;
        }
        StructType ind = schema(
                f("doc_id", StringType),
                f("region_name", StringType),
                f("region_code", StringType),
                f("report_year", IntegerType),
                f("indicator", StringType),
                f("indicator_name", StringType),
                f("area", StringType),
                f("value", DoubleType),
                f("unit", StringType),
                f("raw_text", StringType),
                f("sentence", StringType),
                f("char_start", IntegerType),
                f("flags", createArrayType(StringType)));
        save(
                spark,
                wh + "/indicators",
                ind,
                "report_year",
                RowFactory.create(
                        "d1",
                        "临汾市",
                        "141000",
                        2024,
                        "admin_review.cases",
                        "行政复议案件",
                        "disputes",
                        823000.0,
                        "件",
                        "82.3万件",
                        "全年办理行政复议案件82.3万件。",
                        40,
                        List.of()),
                RowFactory.create(
                        "d2",
                        "岚县" + SCRIPT,
                        "141127",
                        2023,
                        "admin_review.cases",
                        "行政复议案件",
                        "disputes",
                        15.0,
                        "件",
                        "15件",
                        "办理案件15件" + SCRIPT + IMG,
                        7,
                        List.of("jump_gt_5x")));
        StructType ryi = schema(
                f("region_code", StringType),
                f("region_name", StringType),
                f("report_year", IntegerType),
                f("indicator", StringType),
                f("indicator_name", StringType),
                f("area", StringType),
                f("value", DoubleType),
                f("unit", StringType),
                f("doc_id", StringType),
                f("char_start", IntegerType),
                f("raw_text", StringType),
                f("flags", createArrayType(StringType)));
        save(
                spark,
                wh + "/region_year_indicators",
                ryi,
                null,
                RowFactory.create(
                        "141000",
                        "临汾市",
                        2024,
                        "admin_review.cases",
                        "行政复议案件",
                        "disputes",
                        823000.0,
                        "件",
                        "d1",
                        40,
                        "82.3万件",
                        List.of()),
                RowFactory.create(
                        "141127",
                        "岚县" + SCRIPT,
                        2023,
                        "admin_review.cases",
                        "行政复议案件",
                        "disputes",
                        15.0,
                        "件",
                        "d2",
                        7,
                        "15件",
                        List.of()));
        StructType kw = schema(
                f("scope", StringType),
                f("method", StringType),
                f("doc_id", StringType),
                f("region_code", StringType),
                f("region_name", StringType),
                f("report_year", IntegerType),
                f("rank", IntegerType),
                f("term", StringType),
                f("score", DoubleType),
                f("count", LongType));
        save(
                spark,
                wh + "/keywords",
                kw,
                null,
                RowFactory.create("region_year", "tfidf", null, "141127", "岚县", 2023, 1, IMG, 3.5, 4L),
                RowFactory.create("region_year", "tfidf", null, "141127", "岚县", 2023, 2, "法治", 2.0, 2L));
        StructType q = schema(
                f("source_path", StringType),
                f("source_format", StringType),
                f("length", LongType),
                f("reason", StringType),
                f("detail", StringType));
        save(
                spark,
                wh + "/quarantine",
                q,
                null,
                RowFactory.create("file:/in/a.pdf", "pdf", 10L, "unsupported_format", "extension 'pdf'"),
                RowFactory.create("file:/in/b.txt", "txt", 0L, "empty", null));
    }

    private static void save(SparkSession spark, String path, StructType schema, String partition, Row... rows) {
        var w = spark.createDataFrame(Arrays.asList(rows), schema)
                .coalesce(1)
                .write()
                .mode(SaveMode.Overwrite);
        if (partition != null) {
            w = w.partitionBy(partition);
        }
        w.parquet(path);
    }

    private static StructType schema(StructField... f) {
        return new StructType(f);
    }

    private static StructField f(String name, DataType type) {
        return new StructField(name, type, true, Metadata.empty());
    }
}
