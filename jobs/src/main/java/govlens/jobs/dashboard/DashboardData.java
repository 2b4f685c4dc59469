package govlens.jobs.dashboard;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring;

import govlens.jobs.query.WarehouseTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructField;
import scala.collection.JavaConverters;

/**
 * Collects what the dashboard shows from a warehouse into plain maps and lists (the page's JSON). Every
 * table and column is optional: a table the warehouse lacks gives {@code available: false} and an empty
 * list, a missing column reads as null, so the dashboard of an older or partial warehouse still renders.
 * Everything is sorted so the same warehouse gives the same page.
 */
final class DashboardData {
    /** Keyword lists kept per scope × method × subject. */
    static final int KEYWORDS_PER_LIST = 10;
    /** Representative units kept per topic. */
    static final int UNITS_PER_TOPIC = 3;
    /** Characters of a representative unit's text. */
    static final int SNIPPET_CHARS = 160;
    /** Rows of the per-item quality lists (quarantined files, flagged documents and figures). */
    static final int MAX_LIST = 500;

    private final SparkSession spark;
    private final String warehouse;
    private final Set<String> present;

    DashboardData(SparkSession spark, String warehouse) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.present = WarehouseTables.discover(spark, warehouse).stream()
                .map(WarehouseTables.Found::name)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    Map<String, Object> collect() {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, Object>> docs = documents();
        Map<String, Map<String, Object>> docById = new HashMap<>();
        docs.forEach(d -> docById.put((String) d.get("doc_id"), d));
        data.put("tables", List.copyOf(present));
        data.put("documents", docs);
        data.put("indicators", indicators(docById));
        data.put("topics", topics(docById));
        data.put("keywords", keywords(docById));
        data.put("quality", quality(docs));
        return data;
    }

    private Optional<Dataset<Row>> table(String name) {
        return present.contains(name) ? WarehouseTables.read(spark, warehouse, name) : Optional.empty();
    }

    private List<Map<String, Object>> documents() {
        return table("documents")
                .map(df -> rows(
                        df,
                        List.of(
                                "doc_id",
                                "title",
                                "region_name",
                                "region_code",
                                "admin_level",
                                "report_year",
                                "source_path",
                                "char_count",
                                "quality_flags"),
                        "region_code",
                        "report_year",
                        "doc_id"))
                .orElse(List.of());
    }

    private Map<String, Object> indicators(Map<String, Map<String, Object>> docById) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Dataset<Row>> ryi = table("region_year_indicators");
        out.put("available", ryi.isPresent());
        List<Map<String, Object>> rows = ryi.map(df -> rows(
                        df,
                        List.of(
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
                                "flags"),
                        "region_code",
                        "report_year",
                        "indicator"))
                .orElse(List.of());
        // The chosen value's sentence lives in indicators, keyed by the mention: document, offset, indicator.
        Map<String, Map<String, Object>> mention = new HashMap<>();
        List<Map<String, Object>> flagged = new ArrayList<>();
        table("indicators").ifPresent(df -> {
            for (Map<String, Object> m : rows(
                    df,
                    List.of(
                            "doc_id",
                            "char_start",
                            "indicator",
                            "indicator_name",
                            "region_name",
                            "report_year",
                            "value",
                            "unit",
                            "raw_text",
                            "sentence",
                            "flags"),
                    "doc_id",
                    "char_start",
                    "indicator")) {
                mention.put(key(m.get("doc_id"), m.get("char_start"), m.get("indicator")), m);
                if (m.get("flags") instanceof Collection<?> f && !f.isEmpty() && flagged.size() < MAX_LIST) {
                    flagged.add(m);
                }
            }
        });
        for (Map<String, Object> r : rows) {
            Map<String, Object> m = mention.get(key(r.get("doc_id"), r.get("char_start"), r.get("indicator")));
            r.put("sentence", m == null ? null : m.get("sentence"));
            Map<String, Object> d = docById.get(r.get("doc_id"));
            r.put("title", d == null ? null : d.get("title"));
        }
        out.put("rows", rows);
        out.put("flagged", flagged);
        out.put("flag_counts", countValues(mention.values(), "flags"));
        return out;
    }

    private Map<String, Object> topics(Map<String, Map<String, Object>> docById) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Dataset<Row>> shares = table("topic_shares");
        Optional<Dataset<Row>> topics = table("topics");
        out.put("available", shares.isPresent());
        out.put("topics_available", topics.isPresent());
        List<Map<String, Object>> words = topics.map(df -> rows(
                        df,
                        List.of("model_id", "topic", "rank", "term", "weight", "topic_coherence"),
                        "model_id",
                        "topic",
                        "rank"))
                .orElse(List.of());
        List<Map<String, Object>> shareRows = shares.map(df -> rows(
                        df,
                        List.of("model_id", "region_code", "region_name", "report_year", "topic", "share", "n_units"),
                        "model_id",
                        "region_code",
                        "report_year",
                        "topic"))
                .orElse(List.of());
        // One model on the page: the one whose words are in topics (the selected model), else the first.
        String model = words.stream()
                .map(w -> (String) w.get("model_id"))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(shareRows.stream()
                        .map(s -> (String) s.get("model_id"))
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null));
        out.put("model_id", model);
        out.put(
                "words",
                words.stream()
                        .filter(w -> Objects.equals(w.get("model_id"), model))
                        .toList());
        out.put(
                "shares",
                shareRows.stream()
                        .filter(s ->
                                model == null || s.get("model_id") == null || Objects.equals(s.get("model_id"), model))
                        .toList());
        out.put("units", representativeUnits(model, docById));
        return out;
    }

    private List<Map<String, Object>> representativeUnits(String model, Map<String, Map<String, Object>> docById) {
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
                        : col(unitCol).as("unit_id"));
        Optional<Dataset<Row>> sections = table("sections");
        if (sections.isPresent() && has(sections.get(), "doc_id", "section_id", "text")) {
            Dataset<Row> s = sections.get()
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
        }
        List<Map<String, Object>> out = rows(
                units,
                List.of("topic", "weight", "doc_id", "unit_id", "heading", "snippet"),
                "topic",
                "doc_id",
                "unit_id");
        out.sort(Comparator.comparingDouble((Map<String, Object> m) -> number(m.get("topic")))
                .thenComparingDouble(m -> -number(m.get("weight"))));
        for (Map<String, Object> u : out) {
            Map<String, Object> d = docById.get(u.get("doc_id"));
            u.put("title", d == null ? null : d.get("title"));
            u.put("region_name", d == null ? null : d.get("region_name"));
            u.put("report_year", d == null ? null : d.get("report_year"));
        }
        return out;
    }

    private Map<String, Object> keywords(Map<String, Map<String, Object>> docById) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Dataset<Row>> kw = table("keywords");
        out.put("available", kw.isPresent());
        List<Map<String, Object>> lists = new ArrayList<>();
        if (kw.isPresent()) {
            Dataset<Row> df = kw.get();
            if (has(df, "rank")) {
                df = df.where(col("rank").leq(KEYWORDS_PER_LIST));
            }
            Map<String, Map<String, Object>> byList = new TreeMap<>();
            for (Map<String, Object> k : rows(
                    df,
                    List.of(
                            "scope",
                            "method",
                            "doc_id",
                            "region_code",
                            "region_name",
                            "report_year",
                            "rank",
                            "term",
                            "score",
                            "count"),
                    "scope",
                    "method",
                    "region_code",
                    "report_year",
                    "doc_id",
                    "rank")) {
                String id = k.get("scope") + "|" + k.get("method") + "|" + k.get("region_code") + "|"
                        + k.get("report_year") + "|" + k.get("doc_id");
                Map<String, Object> list = byList.computeIfAbsent(id, x -> {
                    Map<String, Object> l = new LinkedHashMap<>();
                    l.put("scope", k.get("scope"));
                    l.put("method", k.get("method"));
                    l.put("region_name", k.get("region_name"));
                    l.put("report_year", k.get("report_year"));
                    l.put("doc_id", k.get("doc_id"));
                    Map<String, Object> d = docById.get(k.get("doc_id"));
                    l.put("title", d == null ? null : d.get("title"));
                    l.put("terms", new ArrayList<Map<String, Object>>());
                    return l;
                });
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> terms = (List<Map<String, Object>>) list.get("terms");
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("term", k.get("term"));
                t.put("score", k.get("score"));
                t.put("count", k.get("count"));
                terms.add(t);
            }
            lists.addAll(byList.values());
        }
        out.put("lists", lists);
        return out;
    }

    private Map<String, Object> quality(List<Map<String, Object>> docs) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Dataset<Row>> q = table("quarantine");
        out.put("quarantine_available", q.isPresent());
        List<Map<String, Object>> files = q.map(df -> rows(
                        df,
                        List.of("source_path", "source_format", "length", "reason", "detail"),
                        "reason",
                        "source_path"))
                .orElse(List.of());
        out.put("quarantine_counts", countValues(files, "reason"));
        out.put("quarantine", files.subList(0, Math.min(files.size(), MAX_LIST)));
        out.put("doc_flag_counts", countValues(docs, "quality_flags"));
        out.put(
                "documents_with_flags",
                docs.stream()
                        .filter(d -> d.get("quality_flags") instanceof Collection<?> c && !c.isEmpty())
                        .count());
        return out;
    }

    /** Counts of the values of a column (each element, for an array column), most frequent first. */
    static List<Map<String, Object>> countValues(Collection<Map<String, Object>> rows, String column) {
        Map<String, Long> n = new TreeMap<>();
        for (Map<String, Object> r : rows) {
            Object v = r.get(column);
            if (v instanceof Collection<?> c) {
                c.forEach(x -> n.merge(String.valueOf(x), 1L, Long::sum));
            } else if (v != null) {
                n.merge(String.valueOf(v), 1L, Long::sum);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        n.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("value", e.getKey());
                    m.put("n", e.getValue());
                    out.add(m);
                });
        return out;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.MAX_VALUE;
    }

    private static String key(Object... parts) {
        return Arrays.toString(parts);
    }

    private static boolean has(Dataset<Row> df, String... columns) {
        List<String> have = Arrays.asList(df.columns());
        return have.containsAll(Arrays.asList(columns));
    }

    /**
     * The wanted columns of a table as maps in the given order (missing columns read as null), sorted by the
     * sort columns that exist.
     */
    static List<Map<String, Object>> rows(Dataset<Row> df, List<String> wanted, String... sort) {
        List<String> have = Arrays.asList(df.columns());
        Column[] cols = wanted.stream()
                .map(c -> have.contains(c) ? col(c) : lit(null).cast("string").as(c))
                .toArray(Column[]::new);
        Column[] order = Arrays.stream(sort)
                .filter(have::contains)
                .map(c -> col(c).asc_nulls_last())
                .toArray(Column[]::new);
        Dataset<Row> sel = df.select(cols);
        if (order.length > 0) {
            sel = sel.orderBy(order);
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
