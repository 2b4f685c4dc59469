package govlens.lib.meta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores document metadata against a gold TSV in the format of {@code gold_documents.tsv}: a header line, then
 * one row per document; the column {@code doc} names the input file, every other column known here is scored
 * (region_name, region_code, admin_level, province, report_year, doc_number, issuer, signer, publish_date, title,
 * problems_section_start, flags), unknown columns are refused.
 *
 * <p>Per field and document: <b>right</b> when prediction and gold are equal (an empty gold cell means "no
 * value", so null is right there); <b>missing</b> when gold has a value and the prediction is null; <b>wrong</b>
 * otherwise (a value where gold has another, or none). A gold cell {@code *} is not scored. {@code
 * problems_section_start} is right when the first problems section starts with the gold text; {@code flags}
 * lists quality flags that must be present (comma-separated), each one scored. Pure and stateless.
 */
public final class DocumentEvaluator {

    /** Columns this evaluator scores, in report order. */
    public static final List<String> FIELDS = List.of(
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
            "problems_section_start",
            "flags");

    private DocumentEvaluator() {}

    /** One gold row: the document and its expected cells by column ("*" cells left out). */
    public record GoldRow(String doc, Map<String, String> expected) {}

    /**
     * What the pipeline produced for one document.
     *
     * @param values field → value (null when absent); problems_section_start holds the text from the first
     *     problems section on
     * @param flags the document's quality flags
     */
    public record Prediction(String doc, Map<String, String> values, List<String> flags) {}

    /** One scored cell that was not right. */
    public record Miss(String doc, String field, String kind, String gold, String got) {}

    /** Counts per field and the misses. */
    public record Result(
            Map<String, int[]> counts,
            List<Miss> misses,
            int documents,
            int documentsAllRight,
            List<String> unmatchedGold) {

        public boolean allRight() {
            return misses.isEmpty() && unmatchedGold.isEmpty();
        }

        /** The table (field, right, wrong, missing), then one line per miss. */
        public String report() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-24s %6s %6s %8s%n", "field", "right", "wrong", "missing"));
            counts.forEach((f, c) -> sb.append(String.format(Locale.ROOT, "%-24s %6d %6d %8d%n", f, c[0], c[1], c[2])));
            sb.append(String.format(
                    Locale.ROOT, "documents with every scored field right: %d of %d%n", documentsAllRight, documents));
            for (String d : unmatchedGold) {
                sb.append("NOT FOUND\t").append(d).append('\n');
            }
            for (Miss m : misses) {
                sb.append(m.kind().toUpperCase(Locale.ROOT))
                        .append('\t')
                        .append(m.doc())
                        .append('\t')
                        .append(m.field())
                        .append("\tgold=")
                        .append(m.gold() == null ? "∅" : m.gold())
                        .append("\tgot=")
                        .append(m.got() == null ? "∅" : abbreviate(m.got()))
                        .append('\n');
            }
            return sb.toString();
        }

        private static String abbreviate(String s) {
            String one = s.replace('\n', ' ');
            return one.length() > 40 ? one.substring(0, 40) + "…" : one;
        }
    }

    /** Reads a gold TSV; fails on a missing doc column, an unknown column or a short row, naming it. */
    public static List<GoldRow> readGold(Path tsv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read gold file " + tsv, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(
                    "Gold file " + tsv + " is empty: it needs a header line starting with doc");
        }
        String[] header = lines.get(0).split("\t", -1);
        if (!header[0].equals("doc")) {
            throw new IllegalArgumentException("Gold file " + tsv + ": the first column must be doc, not " + header[0]);
        }
        for (int i = 1; i < header.length; i++) {
            if (!FIELDS.contains(header[i])) {
                throw new IllegalArgumentException(
                        "Gold file " + tsv + ": unknown column " + header[i] + "; known: " + FIELDS);
            }
        }
        List<GoldRow> out = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != header.length) {
                throw new IllegalArgumentException("Gold file " + tsv + " line " + (n + 1) + " has " + f.length
                        + " columns, the header " + header.length);
            }
            Map<String, String> exp = new LinkedHashMap<>();
            for (int i = 1; i < header.length; i++) {
                if (!f[i].equals("*")) {
                    exp.put(header[i], f[i].isEmpty() ? null : f[i]);
                }
            }
            out.add(new GoldRow(f[0], exp));
        }
        return out;
    }

    /** Scores {@code predictions} (by doc) against {@code gold}. */
    public static Result evaluate(List<GoldRow> gold, List<Prediction> predictions) {
        Map<String, Prediction> byDoc = new LinkedHashMap<>();
        predictions.forEach(p -> byDoc.put(p.doc(), p));
        Map<String, int[]> counts = new LinkedHashMap<>();
        List<Miss> misses = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        int docs = 0;
        int allRight = 0;
        for (GoldRow g : gold) {
            Prediction p = byDoc.get(g.doc());
            if (p == null) {
                unmatched.add(g.doc());
                continue;
            }
            docs++;
            int before = misses.size();
            for (String field : FIELDS) {
                if (!g.expected().containsKey(field)) {
                    continue;
                }
                int[] c = counts.computeIfAbsent(field, k -> new int[3]);
                String want = g.expected().get(field);
                if (field.equals("flags")) {
                    for (String flag : want == null ? List.<String>of() : Arrays.asList(want.split(","))) {
                        if (p.flags().contains(flag.strip())) {
                            c[0]++;
                        } else {
                            c[2]++;
                            misses.add(new Miss(g.doc(), field, "missing", flag.strip(), String.join(",", p.flags())));
                        }
                    }
                    continue;
                }
                String got = p.values().get(field);
                boolean right = field.equals("problems_section_start")
                        ? (want == null ? got == null : got != null && got.startsWith(want))
                        : (want == null ? got == null : want.equals(got));
                if (right) {
                    c[0]++;
                } else if (got == null) {
                    c[2]++;
                    misses.add(new Miss(g.doc(), field, "missing", want, null));
                } else {
                    c[1]++;
                    misses.add(new Miss(g.doc(), field, "wrong", want, got));
                }
            }
            if (misses.size() == before) {
                allRight++;
            }
        }
        return new Result(counts, misses, docs, allRight, unmatched);
    }

    /** The scored values of one document's metadata; {@code problemsStart} is the text from its first problems section. */
    public static Map<String, String> values(DocumentMetadata m, String problemsStart) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("title", m.title());
        v.put("region_name", m.regionName());
        v.put("region_code", m.regionCode());
        v.put("admin_level", m.adminLevel());
        v.put("province", m.province());
        v.put("report_year", m.reportYear() == null ? null : m.reportYear().toString());
        v.put("doc_number", m.docNumber());
        v.put("issuer", m.issuer());
        v.put("signer", m.signer());
        v.put("publish_date", m.publishDate());
        v.put("problems_section_start", problemsStart);
        return v;
    }
}
