package govlens.jobs.synth;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import govlens.jobs.analytics.AnalyticsTables;
import govlens.jobs.indicators.IndicatorTables;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Tables;
import govlens.lib.indicators.IndicatorRules;
import govlens.lib.meta.Gazetteer;
import govlens.lib.meta.Region;
import java.io.Serializable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * A synthetic warehouse of the tables the dashboard reads, written in seconds instead of a pipeline run, to test
 * the dashboard at national scale (30,000 reports) without the 20-minute pipeline. Not for analysis: figures,
 * sentences and keywords are drawn, not extracted.
 *
 * <p>Tables (the real schemas of {@link Tables}, {@link IndicatorTables} and {@link AnalyticsTables}, partitioned
 * as the pipeline does): documents, sections, indicators, region_year_indicators, keywords, term_stats (corpus
 * scope), topics, doc_topics, topic_shares, quarantine. Each report draws a prefecture or county of the bundled
 * gazetteer and a year 2019–2025, 6–14 indicators of the catalog with plausible values (rates 40–100 %, counts
 * 1–200,000), one own sentence per figure, 4–6 sections with topic weights, and TF-IDF / TextRank keywords from
 * a pool of domain words. The region × year tables are aggregated from those with Spark the way the pipeline
 * defines them (chosen value, n_values, previous year, change; token-weighted topic shares).
 *
 * <p>Hostile text proves the page's escaping: every 7th report's title, the first sentence of every 5th
 * report, a keyword of every 11th report and the quarantine details carry {@link #SCRIPT} and {@link #IMG}.
 * Deterministic: the same document count and seed write the same rows (one random stream per report index).
 */
public final class SynthWarehouse {
    public static final String SCRIPT = "<script>alert(1)</script>";
    public static final String IMG = "<img src=x onerror=\"window.__xss=1\">";
    static final int FIRST_YEAR = 2019;
    static final int LAST_YEAR = 2025;
    static final int K = 8;
    static final String MODEL = "lda-k8-synth";

    /** Own domain words for keywords and topics (not text from any report). */
    static final List<String> TERMS = List.of(
            "依法行政", "行政执法", "行政复议", "行政诉讼", "出庭应诉", "规范性文件", "合法性审查", "法律顾问", "政务公开", "执法监督", "普法", "公共法律服务", "矛盾纠纷",
            "人民调解", "信访", "营商环境", "证明事项", "告知承诺", "双随机", "包容审慎", "柔性执法", "法治督察", "重大决策", "听证", "专家论证", "风险评估", "备案审查",
            "行政许可", "行政处罚", "裁量基准", "全过程记录", "法制审核", "数字政府", "一网通办", "热线", "基层治理", "综合执法", "乡镇街道", "法治乡村", "民主法治",
            "示范创建", "考核评价", "述法", "领导干部", "学法", "宪法", "民法典", "条例", "清理", "立法", "社会稳定", "安全生产", "生态环境", "市场监管", "食品药品",
            "城市管理", "交通运输", "农业农村", "教育", "卫生健康");

    private SynthWarehouse() {}

    /** What was written: rows per table. */
    public record Summary(long documents, long indicators, long regionYearIndicators, long keywords, long docTopics) {}

    /** Writes the warehouse into {@code out} (tables replaced); returns the row counts. */
    public static Summary write(SparkSession spark, String out, int docs, long seed) {
        String root = out.replaceAll("/+$", "");
        List<String[]> regions = new ArrayList<>();
        for (Region r : Gazetteer.get().regions()) {
            if (Region.PREFECTURE.equals(r.level()) || Region.COUNTY.equals(r.level())) {
                regions.add(new String[] {r.code(), r.name(), r.level(), r.province()});
            }
        }
        List<String[]> catalog = IndicatorRules.catalog().values().stream()
                .map(c -> new String[] {c.code(), c.nameZh(), c.area(), c.unit()})
                .toList();
        Gen gen = new Gen(seed, regions, catalog, new Timestamp(1_764_633_600_000L));
        int parts = Math.max(2, Math.min(16, docs / 2000 + 1));
        Dataset<Long> ids = spark.range(0, docs, 1, parts);

        Dataset<Row> documents = rows(ids, gen, Tables.DOCUMENTS, Gen.DOCUMENTS).cache();
        save(documents, Tables.DOCUMENTS, root);
        save(rows(ids, gen, Tables.SECTIONS, Gen.SECTIONS), Tables.SECTIONS, root);
        Dataset<Row> indicators =
                rows(ids, gen, IndicatorTables.INDICATORS, Gen.INDICATORS).cache();
        save(indicators, IndicatorTables.INDICATORS, root);
        Dataset<Row> ryi = regionYear(indicators);
        save(ryi, IndicatorTables.REGION_YEAR, root);
        Dataset<Row> docKeywords =
                rows(ids, gen, AnalyticsTables.KEYWORDS, Gen.KEYWORDS).cache();
        Dataset<Row> keywords = docKeywords.unionByName(regionYearKeywords(docKeywords));
        save(keywords, AnalyticsTables.KEYWORDS, root);
        save(corpusTerms(docKeywords, docs), AnalyticsTables.TERM_STATS, root);
        save(topics(spark), AnalyticsTables.TOPICS, root);
        Dataset<Row> docTopics =
                rows(ids, gen, AnalyticsTables.DOC_TOPICS, Gen.DOC_TOPICS).cache();
        save(docTopics, AnalyticsTables.DOC_TOPICS, root);
        save(topicShares(docTopics, documents), AnalyticsTables.TOPIC_SHARES, root);
        save(quarantine(spark, docs), Tables.QUARANTINE, root);
        Summary s = new Summary(
                docs,
                spark.read().parquet(root + "/indicators").count(),
                spark.read().parquet(root + "/region_year_indicators").count(),
                spark.read().parquet(root + "/keywords").count(),
                spark.read().parquet(root + "/doc_topics").count());
        documents.unpersist();
        indicators.unpersist();
        docKeywords.unpersist();
        docTopics.unpersist();
        return s;
    }

    private static Dataset<Row> rows(Dataset<Long> ids, Gen gen, TableDef def, int table) {
        return ids.flatMap(new Emit(gen, table), Encoders.row(def.schema()));
    }

    /** Writes with the table's own schema (column order, types, comments) and partition column. */
    private static void save(Dataset<Row> df, TableDef def, String root) {
        Dataset<Row> typed = df.sparkSession()
                .createDataFrame(
                        df.select(def.columns().stream().map(c -> col(c)).toArray(Column[]::new))
                                .javaRDD(),
                        def.schema());
        var w = typed.write().mode(SaveMode.Overwrite);
        if (def.partitionColumn() != null) {
            w = w.partitionBy(def.partitionColumn());
        }
        w.parquet(root + "/" + def.name());
    }

    /**
     * The region × year value of each indicator as IndicatorJob defines it: a rate's first mention, otherwise
     * the largest count; with how many values there were and the change against the region's previous year.
     */
    static Dataset<Row> regionYear(Dataset<Row> indicators) {
        WindowSpec group = Window.partitionBy("region_code", "report_year", "indicator");
        Column isRate = col("unit").equalTo("%");
        Dataset<Row> ranked = indicators
                .withColumn("n_values", count(lit(1)).over(group).cast(DataTypes.IntegerType))
                .withColumn(
                        "_rn",
                        row_number()
                                .over(group.orderBy(
                                        when(isRate, lit(0.0))
                                                .otherwise(col("value").multiply(-1)),
                                        col("doc_id"),
                                        col("char_start"))))
                .where(col("_rn").equalTo(1))
                .withColumn(
                        "choice",
                        when(col("n_values").equalTo(1), lit("only_value"))
                                .when(isRate, lit("first_rate"))
                                .otherwise(lit("largest_count")));
        WindowSpec history = Window.partitionBy("region_code", "indicator").orderBy("report_year");
        Column prev = lag(col("value"), 1).over(history);
        Column prevYear = lag(col("report_year"), 1).over(history);
        return ranked.withColumn(
                        "previous_value",
                        when(prevYear.equalTo(col("report_year").minus(1)), prev))
                .withColumn("change", col("value").minus(col("previous_value")))
                .withColumn("change_pct", col("change").multiply(100).divide(col("previous_value")))
                .withColumn(
                        "flags",
                        when(col("value").gt(col("previous_value").multiply(5)), array(lit("jump_gt_5x")))
                                .when(col("value").lt(col("previous_value").multiply(0.2)), array(lit("drop_lt_0.2x")))
                                .otherwise(array().cast("array<string>")));
    }

    /** TF-IDF lists per region × year: the summed counts of its documents' keywords, top 10. */
    static Dataset<Row> regionYearKeywords(Dataset<Row> docKeywords) {
        Dataset<Row> summed = docKeywords
                .where(col("method").equalTo("tfidf"))
                .groupBy("region_code", "report_year", "term")
                .agg(
                        first("region_name").as("region_name"),
                        sum("count").as("count"),
                        sum("score").as("score"));
        return summed.withColumn(
                        "rank",
                        row_number()
                                .over(Window.partitionBy("region_code", "report_year")
                                        .orderBy(col("score").desc(), col("term"))))
                .where(col("rank").leq(10))
                .select(
                        lit("region_year").as("scope"),
                        lit("tfidf").as("method"),
                        lit(null).cast("string").as("doc_id"),
                        col("region_code"),
                        col("region_name"),
                        col("report_year"),
                        col("rank"),
                        col("term"),
                        col("score"),
                        col("count"));
    }

    static Dataset<Row> corpusTerms(Dataset<Row> docKeywords, long docs) {
        Dataset<Row> terms = docKeywords
                .where(col("method").equalTo("tfidf"))
                .groupBy("term")
                .agg(sum("count").as("term_freq"), count(lit(1)).as("doc_freq"));
        return govlens.jobs.analytics.AnalyticsJob.termStatsCorpus(terms, docs);
    }

    static Dataset<Row> topics(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (int t = 0; t < K; t++) {
            for (int rank = 1; rank <= 10; rank++) {
                String term = TERMS.get((t * 7 + rank * 3) % TERMS.size());
                rows.add(RowFactory.create(MODEL, t, rank, term, 0.05 / rank, 0.1 + 0.02 * t));
            }
        }
        return spark.createDataFrame(rows, AnalyticsTables.TOPICS.schema());
    }

    /** Token-weighted mean of the units' weights per region × year and topic, as AnalyticsJob defines it. */
    static Dataset<Row> topicShares(Dataset<Row> docTopics, Dataset<Row> documents) {
        Dataset<Row> d = documents.select(
                col("doc_id").as("d_doc"),
                col("region_code"),
                col("region_name"),
                col("report_year").as("d_year"));
        Dataset<Row> j = docTopics.join(d, docTopics.col("doc_id").equalTo(d.col("d_doc")));
        // Each unit has one row per topic: its tokens are counted once, on its topic-0 row.
        Dataset<Row> units = j.groupBy("region_code", "d_year")
                .agg(sum(when(col("topic").equalTo(0), col("n_tokens"))).as("tokens_all"));
        return j.groupBy("region_code", "d_year", "model_id", "topic")
                .agg(
                        first("region_name").as("region_name"),
                        sum(col("weight").multiply(col("n_tokens"))).as("w"),
                        count(lit(1)).as("n_units"))
                .join(
                        units,
                        scala.collection.JavaConverters.asScalaBuffer(List.of("region_code", "d_year"))
                                .toSeq())
                .select(
                        col("region_code"),
                        col("region_name"),
                        col("d_year").as("report_year"),
                        col("model_id"),
                        col("topic"),
                        col("w").divide(col("tokens_all")).as("share"),
                        col("n_units"));
    }

    static Dataset<Row> quarantine(SparkSession spark, int docs) {
        List<Row> rows = new ArrayList<>();
        String[] reasons = {"too_short", "unsupported_format", "empty", "corrupt", "no_text_layer"};
        int n = Math.max(5, docs / 100);
        for (int i = 0; i < n; i++) {
            String reason = reasons[i % reasons.length];
            rows.add(RowFactory.create(
                    "synth/quarantine/q" + i + (i % 3 == 0 ? SCRIPT : "") + ".txt",
                    "txt",
                    (long) (i * 37 % 4000),
                    reason,
                    i % 2 == 0 ? "detail " + IMG : "cleaned text shorter than 50 characters",
                    "synth"));
        }
        return spark.createDataFrame(rows, Tables.QUARANTINE.schema());
    }

    /** Executor side: the rows of one table for one report index. */
    static final class Emit implements FlatMapFunction<Long, Row> {
        private static final long serialVersionUID = 1L;
        private final Gen gen;
        private final int table;

        Emit(Gen gen, int table) {
            this.gen = gen;
            this.table = table;
        }

        @Override
        public Iterator<Row> call(Long index) {
            return gen.rows(index, table).iterator();
        }
    }

    /** Draws one report from its index and the seed, and gives its rows of any table. */
    static final class Gen implements Serializable {
        private static final long serialVersionUID = 1L;
        static final int DOCUMENTS = 0;
        static final int SECTIONS = 1;
        static final int INDICATORS = 2;
        static final int KEYWORDS = 3;
        static final int DOC_TOPICS = 4;
        private static final String[] HEADINGS = {
            "一、主要工作举措", "二、履行推进法治建设第一责任人职责情况", "三、存在的不足", "四、下一步工作安排", "五、其他事项", "六、加强队伍建设"
        };

        private final long seed;
        private final List<String[]> regions;
        private final List<String[]> catalog;
        private final Timestamp ingestedAt;

        Gen(long seed, List<String[]> regions, List<String[]> catalog, Timestamp ingestedAt) {
            this.seed = seed;
            this.regions = regions;
            this.catalog = catalog;
            this.ingestedAt = ingestedAt;
        }

        List<Row> rows(long index, int table) {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + index);
            String[] region = regions.get(rnd.nextInt(regions.size()));
            int year = FIRST_YEAR + rnd.nextInt(LAST_YEAR - FIRST_YEAR + 1);
            String docId = String.format(
                    Locale.ROOT, "%016x", new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L)).nextLong());
            int nSections = 4 + rnd.nextInt(3);
            List<Row> out = new ArrayList<>();
            switch (table) {
                case DOCUMENTS -> {
                    String title = region[1] + year + "年法治政府建设情况的报告" + (index % 7 == 0 ? SCRIPT + IMG : "");
                    List<String> flags = rnd.nextInt(30) == 0 ? List.of("furniture_removed") : List.of();
                    out.add(RowFactory.create(
                            docId,
                            "synth/" + region[0] + "/" + index + ".txt",
                            "txt",
                            null,
                            "UTF-8",
                            title,
                            region[1],
                            region[0],
                            region[2],
                            region[3],
                            year,
                            null,
                            region[1] + "人民政府",
                            null,
                            null,
                            "(synthetic)",
                            3000 + rnd.nextInt(4000),
                            seq(flags),
                            "synth",
                            "synth",
                            ingestedAt));
                }
                case SECTIONS -> {
                    int at = 0;
                    for (int s = 0; s < nSections; s++) {
                        String heading = HEADINGS[s % HEADINGS.length];
                        String text = heading + "。" + region[1] + "围绕" + TERMS.get(rnd.nextInt(TERMS.size())) + "和"
                                + TERMS.get(rnd.nextInt(TERMS.size())) + "持续用力，推动"
                                + TERMS.get(rnd.nextInt(TERMS.size()))
                                + "工作取得新进展。";
                        out.add(RowFactory.create(
                                docId,
                                String.format(Locale.ROOT, "s%03d", s),
                                null,
                                1,
                                String.valueOf(s + 1),
                                heading,
                                s == 2 ? "problems" : s == 3 ? "plans" : "achievements",
                                text,
                                at,
                                at + text.length(),
                                year));
                        at += text.length() + 1;
                    }
                }
                case INDICATORS -> {
                    int n = 6 + rnd.nextInt(9);
                    int[] pick = rnd.ints(0, catalog.size()).distinct().limit(n).toArray();
                    int at = 200;
                    for (int i = 0; i < pick.length; i++) {
                        String[] c = catalog.get(pick[i]);
                        boolean rate = "%".equals(c[3]);
                        double value = rate
                                ? Math.round((40 + rnd.nextDouble() * 60) * 10) / 10.0
                                : 1 + rnd.nextInt(rnd.nextBoolean() ? 2_000 : 200_000);
                        String approx = rnd.nextInt(20) == 0 ? (rate ? "近" : "余") : null;
                        String raw = (approx != null && rate ? approx : "")
                                + fmt(value)
                                + c[3]
                                + (approx != null && !rate ? approx : "");
                        String sentence = "全年" + c[1] + "为" + raw + "，" + TERMS.get(rnd.nextInt(TERMS.size()))
                                + "工作稳步推进。" + (i == 0 && index % 5 == 0 ? SCRIPT + IMG + "\"引号'" : "");
                        List<String> flags = rnd.nextInt(40) == 0
                                ? List.of(rate ? "rate_out_of_range" : "parts_exceed_whole")
                                : List.of();
                        out.add(RowFactory.create(
                                docId,
                                region[1],
                                region[0],
                                region[2],
                                year,
                                c[0],
                                c[1],
                                c[2],
                                value,
                                c[3],
                                approx,
                                raw,
                                sentence,
                                i + 3,
                                at + 2,
                                at + 2 + raw.length(),
                                "s000",
                                "synth." + c[0],
                                0.9,
                                seq(flags)));
                        at += sentence.length() + 7;
                    }
                }
                case KEYWORDS -> {
                    for (String method : List.of("tfidf", "textrank")) {
                        int[] pick =
                                rnd.ints(0, TERMS.size()).distinct().limit(10).toArray();
                        for (int r = 0; r < pick.length; r++) {
                            String term = r == 9 && index % 11 == 0 ? IMG : TERMS.get(pick[r]);
                            long count = 12 - r + rnd.nextInt(3);
                            double score = method.equals("tfidf") ? count * (1.5 + rnd.nextDouble()) : 3.0 / (r + 1);
                            out.add(RowFactory.create(
                                    "doc", method, docId, region[0], region[1], year, r + 1, term, score, count));
                        }
                    }
                }
                case DOC_TOPICS -> {
                    for (int s = 0; s < nSections; s++) {
                        double[] w = new double[K];
                        double total = 0;
                        int main = rnd.nextInt(K);
                        for (int t = 0; t < K; t++) {
                            w[t] = (t == main ? 6 : 0.2) + rnd.nextDouble();
                            total += w[t];
                        }
                        long tokens = 20 + rnd.nextInt(120);
                        for (int t = 0; t < K; t++) {
                            out.add(RowFactory.create(
                                    docId,
                                    String.format(Locale.ROOT, "s%03d", s),
                                    MODEL,
                                    t,
                                    w[t] / total,
                                    tokens,
                                    year));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("table " + table);
            }
            return out;
        }

        // Encoders.row wants Scala sequences for array columns.
        private static scala.collection.Seq<String> seq(List<String> l) {
            return scala.collection.JavaConverters.asScalaBuffer(l).toSeq();
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }
    }
}
