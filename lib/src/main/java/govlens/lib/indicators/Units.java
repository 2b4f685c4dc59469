package govlens.lib.indicators;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The units a figure may carry, from {@code conf/indicators/units.tsv} (columns unit, kind, factor, base; {@code #}
 * lines are comments). Loaded and validated once per JVM: a malformed line, an unknown kind, a duplicate unit, a
 * non-positive factor or a base that is not itself a listed unit fails naming the line.
 *
 * <p>A unit with a factor scales into its base: 1.2万人次 is written with the multiplier 万 before 人次 and needs no
 * entry, but a table row {@code 万人次 count 10000 人次} makes the rare unseparated form agree with it.
 */
public final class Units {
    /** Classpath location of the unit table. */
    public static final String RESOURCE = "/conf/indicators/units.tsv";

    /** Allowed kinds. */
    public static final Set<String> KINDS = Set.of("count", "rate", "money", "measure", "time", "date");

    /** One unit: {@code value × factor} is the value in {@code base}. */
    public record Unit(String name, String kind, double factor, String base) implements java.io.Serializable {}

    private final Map<String, Unit> byName;
    private final List<String> longestFirst;

    private Units(Map<String, Unit> byName) {
        this.byName = Map.copyOf(byName);
        this.longestFirst = byName.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private static final class Holder {
        static final Units INSTANCE = load();

        private static Units load() {
            try (InputStream in = Units.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Unit table not found on the classpath at " + RESOURCE);
                }
                return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + RESOURCE, e);
            }
        }
    }

    /** The bundled unit table, loaded once per JVM. */
    public static Units get() {
        return Holder.INSTANCE;
    }

    /** Parses and validates a unit table; {@code origin} names it in errors. */
    public static Units parse(Reader reader, String origin) {
        Map<String, Unit> out = new LinkedHashMap<>();
        List<String[]> bases = new ArrayList<>();
        try (BufferedReader br = new BufferedReader(reader)) {
            String line;
            int n = 0;
            while ((line = br.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String where = origin + " line " + n + " (" + line + ")";
                String[] f = line.split("\t", -1);
                if (f.length < 3 || f.length > 4 || f[0].isBlank()) {
                    throw new IllegalArgumentException(where + ": expected unit, kind, factor [, base]");
                }
                String name = f[0].strip();
                if (!KINDS.contains(f[1].strip())) {
                    throw new IllegalArgumentException(where + ": unknown kind '" + f[1] + "', allowed " + KINDS);
                }
                double factor;
                try {
                    factor = Double.parseDouble(f[2].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": factor is not a number");
                }
                if (!(factor > 0)) {
                    throw new IllegalArgumentException(where + ": factor must be positive");
                }
                String base = f.length > 3 && !f[3].isBlank() ? f[3].strip() : name;
                if (factor != 1 && base.equals(name)) {
                    throw new IllegalArgumentException(where + ": a factor other than 1 needs a base unit");
                }
                if (out.put(name, new Unit(name, f[1].strip(), factor, base)) != null) {
                    throw new IllegalArgumentException(where + ": duplicate unit '" + name + "'");
                }
                bases.add(new String[] {base, where});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String[] b : bases) {
            if (!out.containsKey(b[0])) {
                throw new IllegalArgumentException(b[1] + ": base unit '" + b[0] + "' is not in the table");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(origin + ": no units");
        }
        return new Units(out);
    }

    /** The unit named {@code name}, or null. */
    public Unit unit(String name) {
        return byName.get(name);
    }

    /** True when {@code name} is a listed unit. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** All unit names, longest first (so 人次 is tried before 人). */
    public List<String> longestFirst() {
        return longestFirst;
    }
}
