package govlens.jobs.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Prints query results in the three formats of {@code govlens query}.
 *
 * <ul>
 *   <li>{@code csv}: RFC 4180 — header line, comma separated, CRLF line ends, a field quoted when it holds
 *       a comma, a double quote, CR or LF, quotes doubled; NULL is an empty field; arrays and structs as
 *       their JSON text.</li>
 *   <li>{@code json}: JSON Lines, one object per row, keys in column order, NULL as null (never dropped),
 *       arrays and structs as JSON arrays and objects, dates and timestamps as ISO-8601 strings (UTC).</li>
 *   <li>{@code table}: aligned text for reading in a terminal; Chinese characters count as two columns;
 *       cells longer than {@value #MAX_CELL} columns are cut with "…", line breaks shown as spaces, NULL as
 *       "NULL", numbers right-aligned; ends with the row count. Not meant for parsing.</li>
 * </ul>
 *
 * Doubles print in plain notation without a trailing ".0" (823000, 15.8) in csv and table.
 */
public final class ResultWriter {
    /** Widest cell of the table format, in terminal columns. */
    public static final int MAX_CELL = 48;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultWriter() {}

    /** Output format of a query. */
    public enum Format {
        table,
        csv,
        json
    }

    /** Writes all rows; returns how many. csv and json stream the iterator, table needs them all first. */
    public static long write(Format format, StructType schema, Iterator<Row> rows, PrintWriter out) {
        return switch (format) {
            case csv -> writeCsv(schema, rows, out);
            case json -> writeJson(schema, rows, out);
            case table -> writeTable(schema, rows, out);
        };
    }

    static long writeCsv(StructType schema, Iterator<Row> rows, PrintWriter out) {
        List<String> header = new ArrayList<>();
        for (StructField f : schema.fields()) {
            header.add(csvField(f.name()));
        }
        out.print(String.join(",", header));
        out.print("\r\n");
        long n = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                line.append(r.isNullAt(i) ? "" : csvField(text(r.get(i))));
            }
            out.print(line);
            out.print("\r\n");
            n++;
        }
        out.flush();
        return n;
    }

    /** RFC 4180 field: quoted only when it must be. */
    public static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static long writeJson(StructType schema, Iterator<Row> rows, PrintWriter out) {
        long n = 0;
        while (rows.hasNext()) {
            out.print(json(rowToJava(rows.next())));
            out.print('\n');
            n++;
        }
        out.flush();
        return n;
    }

    static long writeTable(StructType schema, Iterator<Row> rows, PrintWriter out) {
        String[] names = schema.fieldNames();
        int cols = names.length;
        boolean[] numeric = new boolean[cols];
        for (int i = 0; i < cols; i++) {
            numeric[i] = schema.fields()[i].dataType() instanceof NumericType;
        }
        List<String[]> cells = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            String[] c = new String[cols];
            for (int i = 0; i < cols; i++) {
                c[i] = cut(r.isNullAt(i) ? "NULL" : text(r.get(i)).replaceAll("[\\r\\n\\t]+", " "));
            }
            cells.add(c);
        }
        int[] width = new int[cols];
        for (int i = 0; i < cols; i++) {
            names[i] = cut(names[i]);
            width[i] = DisplayWidth.of(names[i]);
            for (String[] c : cells) {
                width[i] = Math.max(width[i], DisplayWidth.of(c[i]));
            }
        }
        out.println(line(names, width, numeric));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < cols; i++) {
            rule.append(i > 0 ? "-+-" : "").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (String[] c : cells) {
            out.println(line(c, width, numeric));
        }
        out.println("(" + cells.size() + (cells.size() == 1 ? " row)" : " rows)"));
        out.flush();
        return cells.size();
    }

    private static String line(String[] c, int[] width, boolean[] right) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < c.length; i++) {
            String pad = " ".repeat(width[i] - DisplayWidth.of(c[i]));
            sb.append(i > 0 ? " | " : "").append(right[i] ? pad + c[i] : c[i] + (i == c.length - 1 ? "" : pad));
        }
        return sb.toString().stripTrailing();
    }

    private static String cut(String s) {
        if (DisplayWidth.of(s) <= MAX_CELL) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = DisplayWidth.of(cp);
            if (w + cw > MAX_CELL - 1) {
                break;
            }
            sb.appendCodePoint(cp);
            w += cw;
            i += Character.charCount(cp);
        }
        return sb.append('…').toString();
    }

    /** A non-null value as csv/table text. */
    public static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d) {
            return plain(d);
        }
        if (v instanceof Float f) {
            return plain(f.doubleValue());
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof byte[] || v instanceof Row || v instanceof scala.collection.Iterable<?>) {
            return json(toJava(v));
        }
        return String.valueOf(v);
    }

    private static String plain(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** The row as an ordered map of plain Java values, ready for JSON. */
    static Map<String, Object> rowToJava(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        String[] names = r.schema() != null ? r.schema().fieldNames() : null;
        for (int i = 0; i < r.length(); i++) {
            m.put(names != null ? names[i] : "_" + (i + 1), toJava(r.get(i)));
        }
        return m;
    }

    static Object toJava(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Row r) {
            return rowToJava(r);
        }
        if (v instanceof scala.collection.Map<?, ?> sm) {
            Map<String, Object> m = new LinkedHashMap<>();
            JavaConverters.mapAsJavaMap(sm).forEach((k, val) -> m.put(String.valueOf(k), toJava(val)));
            return m;
        }
        if (v instanceof scala.collection.Iterable<?> it) {
            List<Object> l = new ArrayList<>();
            JavaConverters.asJavaIterable(it).forEach(x -> l.add(toJava(x)));
            return l;
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        return v.toString(); // LocalDate, Instant (java8 API): ISO-8601
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
