package govlens.jobs.dashboard;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import govlens.jobs.query.WarehouseTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructField;
import scala.collection.JavaConverters;

/**
 * What the dashboard shows, read from a warehouse with Spark aggregations. Two parts:
 *
 * <ul>
 *   <li>{@link #aggregates()}: plain maps and lists (the page's JSON), embedded at every size. Their size grows
 *       with regions × years × indicators, not with documents: region × year × indicator values and topic
 *       shares in a compact form (region and indicator as indexes into lists, shares in per mille), document
 *       counts per level, year and province, quality counts, and lists capped at {@link #MAX_LIST} rows.
 *       Per-row tables are streamed to the driver partition by partition, never collected whole.
 *   <li>{@link #regionDetail()}: one JSON object per region (documents, each chosen value with its source
 *       sentence, keyword lists), built and serialised by executors; the caller embeds them (small
 *       warehouses) or writes them as files.
 * </ul>
 *
 * <p>Every table and column is optional: a table the warehouse lacks gives {@code available: false} and an
 * empty list, a missing column reads as null, so the dashboard of an older or partial warehouse still renders.
 * Everything is sorted so the same warehouse gives the same page.
 */
final class DashboardData {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DashboardData.class);
    /** Keyword lists kept per scope × method × subject. */
    static final int KEYWORDS_PER_LIST = 10;
    /** Representative units kept per topic. */
    static final int UNITS_PER_TOPIC = 3;
    /** Characters of a representative unit's text. */
    static final int SNIPPET_CHARS = 160;
    /** Rows of the per-item quality lists (quarantined files, flagged figures). */
    static final int MAX_LIST = 500;
    /** Corpus-wide top terms shown in the keywords section. */
    static final int CORPUS_TERMS = 40;
    /** Region key (file name) of the documents without a region. */
    static final String NO_REGION = "_none";

    private final SparkSession spark;
    private final Set<String> present;
    private final Map<String, String> paths = new HashMap<>();

    DashboardData(SparkSession spark, String warehouse) {
        this.spark = spark;
        // One listing per build: WarehouseTables.read would list the whole warehouse again for every table.
        WarehouseTables.discover(spark, warehouse).forEach(f -> paths.put(f.name(), f.path()));
        this.present = new TreeSet<>(paths.keySet());
    }

    /**
     * The region's file key: the code itself when it is a plain identifier (GB/T 2260 codes are), {@value
     * #NO_REGION} for no region, else "x" and 16 hex digits of its SHA-256, so no report string ever becomes a
     * path.
     */
    static Column regionKey(Column code) {
        return when(code.isNull(), lit(NO_REGION))
                .when(code.rlike("^[0-9A-Za-z]{1,32}$"), code)
                .otherwise(concat(lit("x"), substring(sha2(code, 256), 1, 16)));
    }

    /** Aggregates embedded in the page at every size (see the class comment). */
    Map<String, Object> aggregates() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tables", List.copyOf(present));
        long t = System.nanoTime();
        Map<String, Object> corpus = corpus();
        data.put("corpus", corpus);
        @SuppressWarnings("unchecked")
        Map<String, Integer> regionIndex = (Map<String, Integer>) corpus.remove("_index");
        t = lap("corpus", t);
        data.put("indicators", indicators(regionIndex));
        t = lap("indicators", t);
        data.put("topics", topics(regionIndex));
        t = lap("topics", t);
        data.put("keywords", keywords());
        data.put("quality", quality());
        lap("keywords and quality", t);
        return data;
    }

    // Where the time of a build goes, for the log (the bench and the browser check report it).
    private static long lap(String what, long since) {
        long now = System.nanoTime();
        LOG.info("dashboard: {} in {} ms", what, (now - since) / 1_000_000);
        return now;
    }

    private Optional<Dataset<Row>> table(String name) {
        return Optional.ofNullable(paths.get(name)).map(p -> spark.read().parquet(p));
    }

    /** Documents: totals, counts by level × year × province, and the list of regions the page indexes into. */
    private Map<String, Object> corpus() {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Dataset<Row>> docs = table("documents");
        out.put("documents_available", docs.isPresent());
        // Regions: those with documents, plus any that only the aggregate tables name.
        List<Dataset<Row>> parts = new ArrayList<>();
        docs.ifPresent(d -> parts.add(select(d, "region_code", "region_name", "admin_level", "province")
                .withColumn("n_docs", lit(1L))));
        for (String t : List.of("region_year_indicators", "topic_shares")) {
            table(t).ifPresent(d -> parts.add(select(d, "region_code", "region_name", "admin_level")
                    .withColumn("province", lit(null).cast("string"))
                    .withColumn("n_docs", lit(0L))));
        }
        Map<String, List<Object>> regions = new LinkedHashMap<>();
        for (String k : List.of("code", "key", "name", "level", "province", "docs")) {
            regions.put(k, new ArrayList<>());
        }
        Map<String, Integer> index = new HashMap<>();
        if (!parts.isEmpty()) {
            Dataset<Row> all = parts.stream().reduce(Dataset::unionByName).orElseThrow();
            Dataset<Row> byRegion = all.groupBy(col("region_code"))
                    .agg(
                            max("region_name").as("name"),
                            max("admin_level").as("level"),
                            max("province").as("province"),
                            sum("n_docs").as("docs"))
                    .withColumn("key", regionKey(col("region_code")))
                    .orderBy(col("region_code").asc_nulls_last());
            for (Iterator<Row> it = byRegion.toLocalIterator(); it.hasNext(); ) {
                Row r = it.next();
                index.put(r.getAs("region_code") == null ? NO_REGION : r.getAs("region_code"), index.size());
                regions.get("code").add(r.getAs("region_code"));
                regions.get("key").add(r.getAs("key"));
                regions.get("name").add(r.getAs("name"));
                regions.get("level").add(r.getAs("level"));
                regions.get("province").add(r.getAs("province"));
                regions.get("docs").add(r.getAs("docs"));
            }
        }
        out.put("regions", regions);
        out.put("_index", index);
        long total = 0;
        long withFlags = 0;
        Map<String, Long> byLevel = new TreeMap<>();
        Map<String, Long> byYear = new TreeMap<>();
        Map<String, Long> byProvince = new TreeMap<>();
        Map<String, Map<String, Long>> levelYear = new TreeMap<>();
        List<Map<String, Object>> docFlags = List.of();
        if (docs.isPresent()) {
            Dataset<Row> d = select(docs.get(), "admin_level", "report_year", "province", "quality_flags");
            Column flagged =
                    d.schema().apply("quality_flags").dataType() instanceof org.apache.spark.sql.types.ArrayType
                            ? when(size(col("quality_flags")).gt(0), 1L).otherwise(0L)
                            : lit(0L);
            // One job for every count: at most levels × years × provinces groups reach the driver.
            for (Row r : d.groupBy("admin_level", "report_year", "province")
                    .agg(count(lit(1)).as("n"), sum(flagged).as("flagged"))
                    .collectAsList()) {
                long n = r.getLong(3);
                total += n;
                withFlags += r.isNullAt(4) ? 0 : r.getLong(4);
                String level = label(r.get(0));
                String year = label(r.get(1));
                byLevel.merge(level, n, Long::sum);
                byYear.merge(year, n, Long::sum);
                byProvince.merge(label(r.get(2)), n, Long::sum);
                levelYear.computeIfAbsent(level, x -> new TreeMap<>()).merge(year, n, Long::sum);
            }
            docFlags = explodedCounts(d, "quality_flags");
        }
        out.put("documents", total);
        out.put(
                "regions_with_code",
                index.keySet().stream().filter(k -> !k.equals(NO_REGION)).count());
        out.put("by_level", counts(byLevel));
        out.put("by_year", counts(byYear));
        out.put("by_province", counts(byProvince));
        out.put("level_year", levelYear);
        out.put("documents_with_flags", withFlags);
        out.put("doc_flag_counts", docFlags);
        return out;
    }

    private static String label(Object v) {
        return v == null ? "(none)" : String.valueOf(v);
    }

    /**
     * Region × year × indicator values in a compact form: {@code catalog} lists the indicators, {@code ry} one
     * entry per region × year, {@code [region index, year, [indicator index, value, …]]}; hedges ({@code
     * approx}) and flagged values as sparse lists of {@code [ry index, indicator index, …]}. Everything else
     * about a value (its sentence, document, choice, previous year) is in the region detail.
     */
    private Map<String, Object> indicators(Map<String, Integer> regionIndex) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Dataset<Row>> ryi = table("region_year_indicators");
        out.put("available", ryi.isPresent());
        List<Map<String, Object>> catalog = new ArrayList<>();
        List<Object> ry = new ArrayList<>();
        List<Object> approx = new ArrayList<>();
        List<Object> flagged = new ArrayList<>();
        long values = 0;
        if (ryi.isPresent()) {
            Dataset<Row> df = select(
                    ryi.get(),
                    "region_code",
                    "report_year",
                    "indicator",
                    "indicator_name",
                    "area",
                    "value",
                    "unit",
                    "approx",
                    "flags");
            Map<String, Integer> indicatorIndex = new HashMap<>();
            for (Row r : df.groupBy("indicator")
                    .agg(
                            max("indicator_name").as("name"),
                            max("area").as("area"),
                            org.apache.spark.sql.functions.mode(col("unit")).as("unit"),
                            count(lit(1)).as("n"))
                    .orderBy(col("indicator").asc_nulls_last())
                    .collectAsList()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("code", r.get(0));
                c.put("name", r.get(1));
                c.put("area", r.get(2));
                c.put("unit", r.get(3));
                c.put("n", r.get(4));
                indicatorIndex.put(String.valueOf(r.get(0)), catalog.size());
                catalog.add(c);
            }
            boolean flagsArray = df.schema().apply("flags").dataType() instanceof org.apache.spark.sql.types.ArrayType;
            Dataset<Row> rows = df.select(
                            col("region_code"),
                            col("report_year"),
                            col("indicator"),
                            col("value"),
                            col("approx"),
                            flagsArray ? size(col("flags")) : lit(0))
                    .orderBy(
                            col("region_code").asc_nulls_last(),
                            col("report_year").asc_nulls_last(),
                            col("indicator").asc_nulls_last());
            String lastKey = null;
            List<Object> pairs = null;
            for (Iterator<Row> it = rows.toLocalIterator(); it.hasNext(); ) {
                Row r = it.next();
                String code = r.isNullAt(0) ? NO_REGION : r.getString(0);
                Object year = r.get(1);
                String key = code + "|" + year;
                if (!key.equals(lastKey)) {
                    pairs = new ArrayList<>();
                    ry.add(Arrays.asList(regionIndex.get(code), year, pairs));
                    lastKey = key;
                }
                int ind = indicatorIndex.get(String.valueOf(r.get(2)));
                pairs.add(ind);
                pairs.add(compact(r.get(3)));
                values++;
                int at = ry.size() - 1;
                if (!r.isNullAt(4)) {
                    approx.add(Arrays.asList(at, ind, r.get(4)));
                }
                if (!r.isNullAt(5) && r.getInt(5) > 0) {
                    flagged.add(Arrays.asList(at, ind));
                }
            }
        }
        out.put("catalog", catalog);
        out.put("ry", ry);
        out.put("approx", approx);
        out.put("flagged", flagged);
        out.put("values", values);
        // Plausibility flags of every extracted figure, and the first flagged figures with their sentence.
        Optional<Dataset<Row>> ind = table("indicators");
        out.put("mentions_available", ind.isPresent());
        List<Map<String, Object>> flagCounts = List.of();
        List<Map<String, Object>> flaggedFigures = List.of();
        long flaggedTotal = 0;
        if (ind.isPresent()
                && ind.get().schema().getFieldIndex("flags").isDefined()
                && ind.get().schema().apply("flags").dataType() instanceof org.apache.spark.sql.types.ArrayType) {
            Dataset<Row> withFlags = ind.get().where(size(col("flags")).gt(0));
            flagCounts = explodedCounts(ind.get(), "flags");
            flaggedTotal = flagCounts.isEmpty() ? 0 : withFlags.count();
            flaggedFigures = rows(
                    withFlags,
                    MAX_LIST,
                    List.of(
                            "region_name",
                            "report_year",
                            "indicator_name",
                            "value",
                            "unit",
                            "flags",
                            "sentence",
                            "doc_id",
                            "char_start"),
                    "region_code",
                    "report_year",
                    "doc_id",
                    "char_start");
        }
        out.put("flag_counts", flagCounts);
        out.put("flagged_figures", flaggedFigures);
        out.put("flagged_figures_total", flaggedTotal);
        return out;
    }

    /** 823000.0 as 823000 (shorter JSON); other values as they are, NaN and infinities as null. */
    static Object compact(Object v) {
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return null;
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return d.longValue();
            }
        }
        return v;
    }

    /**
     * Topic shares of the page's one model (the selected one, whose words are in topics): {@code topics} the
     * topic numbers, {@code ry} one entry per region × year, {@code [region index, year, units, [share ‰ per
     * topic]]}; plus each topic's words and its representative units.
     */
    private Map<String, Object> topics(Map<String, Integer> regionIndex) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Dataset<Row>> shares = table("topic_shares");
        Optional<Dataset<Row>> topics = table("topics");
        out.put("available", shares.isPresent());
        out.put("topics_available", topics.isPresent());
        List<Map<String, Object>> words = topics.map(df -> rows(
                        df,
                        Integer.MAX_VALUE,
                        List.of("model_id", "topic", "rank", "term", "weight", "topic_coherence"),
                        "model_id",
                        "topic",
                        "rank"))
                .orElse(List.of());
        String model = words.stream()
                .map(w -> (String) w.get("model_id"))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
        if (model == null && shares.isPresent() && has(shares.get(), "model_id")) {
            List<Row> first = shares.get()
                    .select("model_id")
                    .where(col("model_id").isNotNull())
                    .orderBy("model_id")
                    .limit(1)
                    .collectAsList();
            model = first.isEmpty() ? null : first.get(0).getString(0);
        }
        out.put("model_id", model);
        String m = model;
        out.put(
                "words",
                words.stream()
                        .filter(w -> java.util.Objects.equals(w.get("model_id"), m))
                        .toList());
        TreeSet<Integer> topicNumbers = new TreeSet<>();
        List<Object[]> entries = new ArrayList<>();
        if (shares.isPresent()) {
            Dataset<Row> s =
                    select(shares.get(), "model_id", "region_code", "report_year", "topic", "share", "n_units");
            if (model != null) {
                s = s.where(col("model_id").isNull().or(col("model_id").equalTo(model)));
            }
            s = s.select("region_code", "report_year", "topic", "share", "n_units")
                    .orderBy(
                            col("region_code").asc_nulls_last(),
                            col("report_year").asc_nulls_last(),
                            col("topic").asc_nulls_last());
            String lastKey = null;
            Object[] e = null;
            for (Iterator<Row> it = s.toLocalIterator(); it.hasNext(); ) {
                Row r = it.next();
                if (r.isNullAt(2)) {
                    continue;
                }
                String code = r.isNullAt(0) ? NO_REGION : r.getString(0);
                String key = code + "|" + r.get(1);
                if (!key.equals(lastKey)) {
                    e = new Object[] {regionIndex.get(code), r.get(1), r.get(4), new TreeMap<Integer, Long>()};
                    entries.add(e);
                    lastKey = key;
                }
                int topic = ((Number) r.get(2)).intValue();
                topicNumbers.add(topic);
                double share = r.isNullAt(3) ? 0 : ((Number) r.get(3)).doubleValue();
                @SuppressWarnings("unchecked")
                Map<Integer, Long> byTopic = (Map<Integer, Long>) e[3];
                byTopic.put(topic, Math.round(share * 1000));
            }
        }
        List<Integer> order = List.copyOf(topicNumbers);
        List<Object> ry = new ArrayList<>(entries.size());
        for (Object[] e : entries) {
            @SuppressWarnings("unchecked")
            Map<Integer, Long> byTopic = (Map<Integer, Long>) e[3];
            ry.add(Arrays.asList(
                    e[0],
                    e[1],
                    e[2],
                    order.stream().map(t -> byTopic.getOrDefault(t, 0L)).toList()));
        }
        out.put("topics", order);
        out.put("ry", ry);
        out.put("units", representativeUnits(model));
        return out;
    }

    private List<Map<String, Object>> representativeUnits(String model) {
        Optional<Dataset<Row>> dt = table("doc_topics");
        if (dt.isEmpty() || model == null || !has(dt.get(), "doc_id", "topic", "weight")) {
            return List.of();
        }
        Dataset<Row> units = dt.get();
        String unitCol = has(units, "unit_id") ? "unit_id" : has(units, "section_id") ? "section_id" : null;
        if (has(units, "model_id")) {
            units = units.where(col("model_id").equalTo(model));
        }
        units = units.withColumn(
                        "_rn", row_number().over(Window.partitionBy("topic").orderBy(desc("weight"), col("doc_id"))))
                .where(col("_rn").leq(UNITS_PER_TOPIC));
        units = units.select(
                col("doc_id"),
                col("topic"),
                col("weight"),
                unitCol == null
                        ? lit(null).cast("string").as("unit_id")
                        : col(unitCol).as("unit_id"),
                has(units, "report_year")
                        ? col("report_year").as("_year")
                        : lit(null).cast("int").as("_year"));
        // A few units per topic: take them to the driver, then read only their documents' sections and
        // documents rows (the year partitions they are in, and a doc_id filter Parquet can skip row groups by)
        // instead of joining whole tables for a handful of snippets.
        List<Row> picked = units.collectAsList();
        units = spark.createDataFrame(picked, units.schema()).drop("_year");
        Object[] docIds = picked.stream().map(r -> r.getString(0)).distinct().toArray();
        Column ofUnits = docIds.length == 0 ? lit(false) : col("doc_id").isin(docIds);
        Column ofYears = has(dt.get(), "report_year") ? ofYears(picked) : lit(true);
        Optional<Dataset<Row>> sections = table("sections");
        if (sections.isPresent() && has(sections.get(), "doc_id", "section_id", "text")) {
            Dataset<Row> s = sections.get()
                    .where(has(sections.get(), "report_year") ? ofYears.and(ofUnits) : ofUnits)
                    .select(
                            col("doc_id").as("s_doc"),
                            col("section_id").as("s_id"),
                            has(sections.get(), "heading")
                                    ? col("heading")
                                    : lit(null).cast("string").as("heading"),
                            substring(col("text"), 1, SNIPPET_CHARS).as("snippet"));
            units = units.join(
                            s,
                            units.col("doc_id")
                                    .equalTo(s.col("s_doc"))
                                    .and(units.col("unit_id").equalTo(s.col("s_id"))),
                            "left")
                    .drop("s_doc", "s_id");
        } else {
            units = units.withColumn("heading", lit(null).cast("string"))
                    .withColumn("snippet", lit(null).cast("string"));
        }
        Optional<Dataset<Row>> docs = table("documents");
        if (docs.isPresent()) {
            Dataset<Row> d = select(docs.get(), "doc_id", "title", "region_name", "report_year")
                    .where(has(docs.get(), "report_year") ? ofYears.and(ofUnits) : ofUnits)
                    .withColumnRenamed("doc_id", "d_doc");
            units = units.join(d, units.col("doc_id").equalTo(d.col("d_doc")), "left")
                    .drop("d_doc");
        }
        return rows(
                units,
                Integer.MAX_VALUE,
                List.of(
                        "topic",
                        "weight",
                        "doc_id",
                        "unit_id",
                        "heading",
                        "snippet",
                        "title",
                        "region_name",
                        "report_year"),
                "topic",
                "_weight_desc",
                "doc_id",
                "unit_id");
    }

    /** report_year among the years (column _year) of the picked units: a partition filter. */
    private static Column ofYears(List<Row> picked) {
        Set<Object> known = new TreeSet<>();
        boolean unknown = false;
        for (Row u : picked) {
            int i = u.fieldIndex("_year");
            if (u.isNullAt(i)) {
                unknown = true;
            } else {
                known.add(u.get(i));
            }
        }
        Column c = known.isEmpty() ? lit(false) : col("report_year").isin(known.toArray());
        return unknown ? c.or(col("report_year").isNull()) : c;
    }

    /** Corpus-wide top terms (term_stats, scope corpus); per-region keyword lists are in the region detail. */
    private Map<String, Object> keywords() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("available", present.contains("keywords"));
        Optional<Dataset<Row>> ts = table("term_stats");
        out.put("corpus_available", ts.isPresent());
        out.put(
                "corpus",
                ts.filter(df -> has(df, "scope", "term", "term_freq"))
                        .map(df -> rows(
                                df.where(col("scope").equalTo("corpus")),
                                CORPUS_TERMS,
                                List.of("term", "term_freq", "doc_freq", "n_docs"),
                                "_term_freq_desc",
                                "term"))
                        .orElse(List.of()));
        return out;
    }

    private Map<String, Object> quality() {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Dataset<Row>> q = table("quarantine");
        out.put("quarantine_available", q.isPresent());
        List<Map<String, Object>> counts =
                q.map(df -> valueCounts(select(df, "reason"), "reason")).orElse(List.of());
        out.put("quarantine_counts", counts);
        out.put(
                "quarantined",
                counts.stream()
                        .mapToLong(c -> ((Number) c.get("n")).longValue())
                        .sum());
        out.put(
                "quarantine",
                q.map(df -> rows(
                                df,
                                MAX_LIST,
                                List.of("source_path", "source_format", "length", "reason", "detail"),
                                "reason",
                                "source_path"))
                        .orElse(List.of()));
        return out;
    }

    /** Counts of each element of an array column, most frequent first (Spark explode + group by). */
    private static List<Map<String, Object>> explodedCounts(Dataset<Row> df, String column) {
        if (!(df.schema().apply(column).dataType() instanceof org.apache.spark.sql.types.ArrayType)) {
            return List.of();
        }
        return valueCounts(df.select(explode(col(column)).as("value")), "value");
    }

    private static List<Map<String, Object>> valueCounts(Dataset<Row> df, String column) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : df.where(col(column).isNotNull())
                .groupBy(col(column).cast("string").as("value"))
                .agg(count(lit(1)).as("n"))
                .orderBy(desc("n"), col("value"))
                .collectAsList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", r.get(0));
            m.put("n", r.get(1));
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> counts(Map<String, Long> n) {
        List<Map<String, Object>> out = new ArrayList<>();
        n.forEach((k, v) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", k);
            m.put("n", v);
            out.add(m);
        });
        return out;
    }

    /**
     * Per region: its documents, each chosen indicator value with its source sentence and document title, and its
     * keyword lists (region × year and its documents'), as one JSON object per row: columns {@code key} (file
     * key, see {@link #regionKey}) and {@code json}. Built, sorted and serialised by the executors; empty when
     * the warehouse has none of those tables.
     */
    Dataset<Row> regionDetail() {
        List<Dataset<Row>> parts = new ArrayList<>();
        Optional<Dataset<Row>> docs = table("documents");
        docs.ifPresent(d -> parts.add(select(
                        d,
                        "region_code",
                        "report_year",
                        "doc_id",
                        "title",
                        "region_name",
                        "admin_level",
                        "char_count",
                        "quality_flags",
                        "source_path")
                .groupBy(regionKey(col("region_code")).as("key"))
                .agg(array_sort(collect_list(struct(
                                col("report_year"),
                                col("doc_id"),
                                col("title"),
                                col("region_name"),
                                col("admin_level"),
                                col("char_count"),
                                col("quality_flags"),
                                col("source_path"))))
                        .as("documents"))));
        table("region_year_indicators").ifPresent(r -> {
            Dataset<Row> v = select(
                    r,
                    "region_code",
                    "report_year",
                    "indicator",
                    "value",
                    "unit",
                    "approx",
                    "raw_text",
                    "doc_id",
                    "char_start",
                    "n_values",
                    "choice",
                    "previous_value",
                    "change_pct",
                    "flags");
            Optional<Dataset<Row>> ind = table("indicators");
            if (ind.isPresent() && has(ind.get(), "doc_id", "char_start", "indicator", "sentence")) {
                Dataset<Row> s = ind.get()
                        .select(
                                col("doc_id").as("m_doc"),
                                col("char_start").as("m_start"),
                                col("indicator").as("m_ind"),
                                col("sentence"));
                v = v.join(
                                s,
                                v.col("doc_id")
                                        .equalTo(s.col("m_doc"))
                                        .and(v.col("char_start").equalTo(s.col("m_start")))
                                        .and(v.col("indicator").equalTo(s.col("m_ind"))),
                                "left")
                        .drop("m_doc", "m_start", "m_ind");
            } else {
                v = v.withColumn("sentence", lit(null).cast("string"));
            }
            parts.add(v.groupBy(regionKey(col("region_code")).as("key"))
                    // Names, areas and titles are not repeated per value: the page has the catalog and the
                    // region's documents.
                    .agg(array_sort(collect_list(struct(
                                    col("report_year"),
                                    col("indicator"),
                                    col("value"),
                                    col("unit"),
                                    col("approx"),
                                    col("raw_text"),
                                    col("sentence"),
                                    col("doc_id"),
                                    col("char_start"),
                                    col("n_values"),
                                    col("choice"),
                                    col("previous_value"),
                                    col("change_pct"),
                                    col("flags"))))
                            .as("values")));
        });
        table("keywords").ifPresent(k -> {
            Dataset<Row> kw = select(
                    k, "scope", "method", "region_code", "report_year", "doc_id", "rank", "term", "score", "count");
            if (has(k, "rank")) {
                kw = kw.where(col("rank").leq(KEYWORDS_PER_LIST));
            }
            // One entry per list (scope, method, year, document) with its terms, not one per term.
            Dataset<Row> lists = kw.groupBy(
                            regionKey(col("region_code")).as("key"),
                            col("scope"),
                            col("method"),
                            col("report_year"),
                            col("doc_id"))
                    .agg(array_sort(collect_list(struct(
                                    col("rank"),
                                    col("term"),
                                    col("count"),
                                    round(col("score").cast("double"), 3).as("score"))))
                            .as("terms"));
            parts.add(lists.groupBy("key")
                    .agg(array_sort(collect_list(struct(
                                    col("scope"), col("method"), col("report_year"), col("doc_id"), col("terms"))))
                            .as("keywords")));
        });
        if (parts.isEmpty()) {
            return spark.emptyDataFrame()
                    .select(
                            lit(null).cast("string").as("key"),
                            lit(null).cast("string").as("json"))
                    .limit(0);
        }
        Dataset<Row> all = parts.get(0);
        for (Dataset<Row> p : parts.subList(1, parts.size())) {
            all = all.join(p, JavaConverters.asScalaBuffer(List.of("key")).toSeq(), "full_outer");
        }
        List<Column> fields = new ArrayList<>();
        fields.add(col("key"));
        for (String f : List.of("documents", "values", "keywords")) {
            if (has(all, f)) {
                fields.add(col(f));
            }
        }
        return all.select(
                col("key"), to_json(struct(fields.toArray(Column[]::new))).as("json"));
    }

    private static boolean has(Dataset<Row> df, String... columns) {
        List<String> have = Arrays.asList(df.columns());
        return have.containsAll(Arrays.asList(columns));
    }

    /** The columns in the given order, a missing one as a null string column of that name. */
    static Dataset<Row> select(Dataset<Row> df, String... wanted) {
        List<String> have = Arrays.asList(df.columns());
        return df.select(Arrays.stream(wanted)
                .map(c -> have.contains(c) ? col(c) : lit(null).cast("string").as(c))
                .toArray(Column[]::new));
    }

    /**
     * At most {@code limit} rows of the wanted columns as maps in the given order (missing columns read as
     * null), sorted by the sort columns that exist; {@code _name_desc} sorts by name descending.
     */
    static List<Map<String, Object>> rows(Dataset<Row> df, int limit, List<String> wanted, String... sort) {
        List<String> have = Arrays.asList(df.columns());
        List<Column> order = new ArrayList<>();
        for (String s : sort) {
            boolean descending = s.startsWith("_") && s.endsWith("_desc");
            String c = descending ? s.substring(1, s.length() - "_desc".length()) : s;
            if (have.contains(c)) {
                order.add(descending ? col(c).desc_nulls_last() : col(c).asc_nulls_last());
            }
        }
        Dataset<Row> sorted = order.isEmpty() ? df : df.orderBy(order.toArray(Column[]::new));
        Dataset<Row> sel = select(sorted, wanted.toArray(String[]::new));
        if (limit < Integer.MAX_VALUE) {
            sel = sel.limit(limit);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        StructField[] fields = sel.schema().fields();
        for (Row r : sel.collectAsList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < fields.length; i++) {
                m.put(fields[i].name(), plain(r.get(i)));
            }
            out.add(m);
        }
        return out;
    }

    private static Object plain(Object v) {
        if (v instanceof scala.collection.Seq<?> s) {
            return new ArrayList<>(JavaConverters.seqAsJavaList(s));
        }
        if (v instanceof java.sql.Date || v instanceof java.sql.Timestamp || v instanceof java.time.temporal.Temporal) {
            return v.toString();
        }
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return null;
        }
        return v;
    }
}
