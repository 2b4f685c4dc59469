package govlens.lib.indicators;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scores indicator predictions against a gold TSV (columns doc, indicator, value, unit, approx, status, evidence;
 * status is required or optional).
 *
 * <p>A prediction matches a gold row when doc and indicator are equal and the values are within 0.5% of the gold
 * value. Matching a required row is a true positive; matching only optional rows (or a required row already
 * matched) counts neither way; matching nothing is a false positive. Predictions repeating the same (doc,
 * indicator, value) count once. Recall is over required rows. Pure and stateless.
 */
public final class IndicatorEvaluator {
    /** Relative tolerance for equal values. */
    public static final double VALUE_TOLERANCE = 0.005;

    private IndicatorEvaluator() {}

    /** One gold row. */
    public record GoldRow(
            String doc,
            String indicator,
            double value,
            String unit,
            String approx,
            boolean required,
            String evidence) {}

    /** One prediction to score; {@code sentence} (may be null) is printed with a false positive. */
    public record Prediction(String doc, String indicator, double value, String unit, String approx, String sentence) {
        public Prediction(String doc, String indicator, double value, String unit, String approx) {
            this(doc, indicator, value, unit, approx, null);
        }
    }

    /** Precision and recall of one indicator: matched required rows, false positives, required rows. */
    public record IndicatorScore(String indicator, int matched, int falsePositives, int required) {
        public double precision() {
            return matched + falsePositives == 0 ? 1.0 : (double) matched / (matched + falsePositives);
        }

        public double recall() {
            return required == 0 ? 1.0 : (double) matched / required;
        }
    }

    /** Scores and the rows behind them. */
    public record Result(
            double precision,
            double recall,
            double f1,
            int matched,
            int requiredTotal,
            List<GoldRow> misses,
            List<Prediction> falsePositives,
            List<IndicatorScore> byIndicator) {

        /** The score of {@code indicator}, all zero when neither gold nor predictions name it. */
        public IndicatorScore score(String indicator) {
            return byIndicator.stream()
                    .filter(s -> s.indicator().equals(indicator))
                    .findFirst()
                    .orElse(new IndicatorScore(indicator, 0, 0, 0));
        }

        /** One line per indicator: code, precision, recall, matched, false positives, required. */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%-40s %9s %7s %7s %4s %8s%n",
                    "indicator",
                    "precision",
                    "recall",
                    "matched",
                    "fp",
                    "required"));
            for (IndicatorScore s : byIndicator) {
                sb.append(String.format(
                        Locale.ROOT,
                        "%-40s %9.3f %7.3f %7d %4d %8d%n",
                        s.indicator(),
                        s.precision(),
                        s.recall(),
                        s.matched(),
                        s.falsePositives(),
                        s.required()));
            }
            return sb.toString();
        }

        /** Human-readable summary: the three scores, then every miss and false positive, one per line. */
        public String report() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(
                    Locale.ROOT,
                    "precision %.4f  recall %.4f  F1 %.4f  (matched %d of %d required, %d false positives)%n",
                    precision,
                    recall,
                    f1,
                    matched,
                    requiredTotal,
                    falsePositives.size()));
            for (GoldRow m : misses) {
                sb.append(String.format(
                        Locale.ROOT, "MISS\t%s\t%s\t%s\t%s%n", m.doc(), m.indicator(), fmt(m.value()), m.evidence()));
            }
            for (Prediction p : falsePositives) {
                sb.append(String.format(
                        Locale.ROOT,
                        "FP\t%s\t%s\t%s\t%s%s%n",
                        p.doc(),
                        p.indicator(),
                        fmt(p.value()),
                        p.unit(),
                        p.sentence() == null ? "" : "\t" + p.sentence()));
            }
            return sb.toString();
        }
    }

    /** Reads a gold TSV with a header line. */
    public static List<GoldRow> readGold(Path tsv) {
        try (Reader r = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            return readGold(r);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read gold file " + tsv, e);
        }
    }

    /** Reads gold rows from a reader (header line first). */
    public static List<GoldRow> readGold(Reader reader) {
        List<GoldRow> out = new ArrayList<>();
        try (BufferedReader br = new BufferedReader(reader)) {
            String line = br.readLine();
            int n = 1;
            while ((line = br.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 6) {
                    throw new IllegalArgumentException("Gold line " + n + " has " + f.length + " columns: " + line);
                }
                out.add(new GoldRow(
                        f[0],
                        f[1],
                        Double.parseDouble(f[2]),
                        f[3],
                        f[4].isEmpty() ? null : f[4],
                        f[5].equals("required"),
                        f.length > 6 ? f[6] : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Scores {@code predictions} against {@code gold}. */
    public static Result evaluate(List<GoldRow> gold, List<Prediction> predictions) {
        boolean[] used = new boolean[gold.size()];
        Set<String> seen = new HashSet<>();
        List<Prediction> fps = new ArrayList<>();
        int tp = 0;
        for (Prediction p : predictions) {
            if (!seen.add(p.doc() + "\t" + p.indicator() + "\t" + fmt(p.value()))) {
                continue;
            }
            int req = -1;
            boolean any = false;
            for (int i = 0; i < gold.size(); i++) {
                GoldRow g = gold.get(i);
                if (!g.doc().equals(p.doc()) || !g.indicator().equals(p.indicator()) || !close(g.value(), p.value())) {
                    continue;
                }
                any = true;
                if (g.required() && !used[i] && req < 0) {
                    req = i;
                }
            }
            if (req >= 0) {
                used[req] = true;
                tp++;
            } else if (!any) {
                fps.add(p);
            }
        }
        List<GoldRow> misses = new ArrayList<>();
        int required = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (!gold.get(i).required()) {
                continue;
            }
            required++;
            if (!used[i]) {
                misses.add(gold.get(i));
            }
        }
        java.util.TreeMap<String, int[]> per = new java.util.TreeMap<>();
        for (int i = 0; i < gold.size(); i++) {
            GoldRow g = gold.get(i);
            if (!g.required()) {
                continue;
            }
            int[] c = per.computeIfAbsent(g.indicator(), k -> new int[3]);
            c[2]++;
            if (used[i]) {
                c[0]++;
            }
        }
        for (Prediction p : fps) {
            per.computeIfAbsent(p.indicator(), k -> new int[3])[1]++;
        }
        List<IndicatorScore> byIndicator = new ArrayList<>();
        per.forEach((k, c) -> byIndicator.add(new IndicatorScore(k, c[0], c[1], c[2])));
        double precision = tp + fps.size() == 0 ? 1.0 : (double) tp / (tp + fps.size());
        double recall = required == 0 ? 1.0 : (double) tp / required;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Result(
                precision, recall, f1, tp, required, List.copyOf(misses), List.copyOf(fps), List.copyOf(byIndicator));
    }

    static boolean close(double gold, double pred) {
        if (gold == 0) {
            return Math.abs(pred) < 1e-9;
        }
        return Math.abs(pred - gold) <= VALUE_TOLERANCE * Math.abs(gold);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
