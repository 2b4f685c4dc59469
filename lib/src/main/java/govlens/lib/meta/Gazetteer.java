package govlens.lib.meta;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * China's administrative divisions (province, prefecture, county) read from {@code /conf/gazetteer/*.csv} on the
 * classpath, plus the surface forms under which reports mention them.
 *
 * <p>Loaded once per JVM by {@link #get()} (lazy holder); immutable and thread-safe afterwards. A missing CSV
 * fails fast with an {@link IllegalStateException} that says how to fix the classpath.
 *
 * <p>Surface forms: every full name, plus a short form where reports commonly drop the generic suffix — 朔州 for
 * 朔州市, 山西 for 山西省, 宁夏 for 宁夏回族自治区, 延边 for 延边朝鲜族自治州, 沭阳 for 沭阳县. A short form must keep at
 * least two characters (岚县 is never shortened to 岚), and districts (…区) and county-level cities get no short
 * form, because their stems are everyday words (朝阳, 和平, 新华, 东方). When a string is the full name of some
 * division it never doubles as the short form of another one. Names shared by several divisions (城区, 郊区)
 * map to all of them; {@link RegionMatcher} disambiguates. {@code aliases.csv} adds abbreviations that are not a
 * suffix drop (东乌旗 for 东乌珠穆沁旗); each row is checked at load (code exists, name agrees, alias is not
 * another division's full name) and a bad row fails with a message naming it. Prefectures without counties
 * (东莞市) that areas.csv lists again as their own county are kept once, as prefectures.
 */
public final class Gazetteer {

    static final String DIR = "/conf/gazetteer/";

    /** Placeholder "cities" in cities.csv: the municipalities' districts and province-administered counties. */
    private static final Set<String> PLACEHOLDER_CITIES = Set.of("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划");

    /** Ethnic group names stripped from autonomous-area names to build short forms (宁夏回族自治区 → 宁夏). */
    private static final List<String> ETHNIC_GROUPS = List.of(
            "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳",
            "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯",
            "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴",
            "基诺", "各");

    private final List<Region> regions;
    private final Map<String, Region> byCode;
    private final Map<String, List<Region>> byName;
    private final TreeMap<String, List<Region>> surfaces;

    private Gazetteer(List<Region> regions) {
        this(regions, List.of());
    }

    private Gazetteer(List<Region> regions, List<String[]> aliasRows) {
        this.regions = List.copyOf(regions);
        Map<String, Region> codes = new LinkedHashMap<>();
        Map<String, List<Region>> names = new LinkedHashMap<>();
        for (Region r : regions) {
            codes.put(r.code(), r);
            names.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
        }
        TreeMap<String, List<Region>> forms = new TreeMap<>();
        names.forEach((n, rs) -> forms.put(n, List.copyOf(rs)));
        Map<String, List<Region>> shorts = new LinkedHashMap<>();
        for (Region r : regions) {
            String s = shortForm(r);
            if (s != null && !names.containsKey(s)) {
                shorts.computeIfAbsent(s, k -> new ArrayList<>()).add(r);
            }
        }
        shorts.forEach((n, rs) -> forms.put(n, List.copyOf(rs)));
        for (String[] a : aliasRows) {
            Region r = codes.get(a[1]);
            if (r == null || !r.name().equals(a[2])) {
                throw new IllegalStateException("Gazetteer alias row " + String.join(",", a) + " names code " + a[1]
                        + " whose name is " + (r == null ? "unknown" : r.name())
                        + ": fix the code or the name column of "
                        + DIR + "aliases.csv");
            }
            if (names.containsKey(a[0])) {
                throw new IllegalStateException("Gazetteer alias " + a[0] + " in " + DIR
                        + "aliases.csv is the full name of " + "another division: remove the row");
            }
            forms.put(a[0], List.of(r));
        }
        this.byCode = Collections.unmodifiableMap(codes);
        names.replaceAll((k, v) -> List.copyOf(v));
        this.byName = Collections.unmodifiableMap(names);
        this.surfaces = forms;
    }

    /** The JVM-wide gazetteer, loaded from the classpath on first use. */
    public static Gazetteer get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final Gazetteer INSTANCE = fromClasspath();
    }

    /** Reads the three CSVs from the classpath; prefer {@link #get()}, which caches the result. */
    public static Gazetteer fromClasspath() {
        Map<String, String> provinces = new LinkedHashMap<>(); // 2-digit code -> name
        for (String[] row : readCsv("provinces.csv")) {
            provinces.put(row[0], row[1]);
        }
        Map<String, String> cities = new LinkedHashMap<>(); // 4-digit code -> name (placeholders dropped)
        List<Region> out = new ArrayList<>();
        for (Map.Entry<String, String> p : provinces.entrySet()) {
            out.add(new Region(p.getValue(), p.getKey() + "0000", Region.PROVINCE, p.getValue(), null));
        }
        for (String[] row : readCsv("cities.csv")) {
            if (PLACEHOLDER_CITIES.contains(row[1])) {
                continue;
            }
            cities.put(row[0], row[1]);
            out.add(new Region(row[1], row[0] + "00", Region.PREFECTURE, provinceName(provinces, row[2], row), null));
        }
        for (String[] row : readCsv("areas.csv")) {
            // 东莞市, 中山市, 嘉峪关市 …: prefectures without counties are listed again as their own "county".
            if (cities.containsKey(row[0].substring(0, 4)) && row[0].endsWith("00")) {
                continue;
            }
            out.add(new Region(
                    row[1], row[0], Region.COUNTY, provinceName(provinces, row[3], row), cities.get(row[2])));
        }
        return new Gazetteer(out, readCsv("aliases.csv"));
    }

    private static String provinceName(Map<String, String> provinces, String code, String[] row) {
        String name = provinces.get(code);
        if (name == null) {
            throw new IllegalStateException(
                    "Gazetteer row " + String.join(",", row) + " names unknown province code " + code);
        }
        return name;
    }

    private static List<String[]> readCsv(String file) {
        String path = DIR + file;
        InputStream in = Gazetteer.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(
                    "Gazetteer resource " + path + " not found on the classpath: build the lib module"
                            + " so that conf/ is packaged under conf/ (lib/pom.xml resources), or add the conf/ parent directory to the"
                            + " classpath.");
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = r.readLine(); // header
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                for (int i = 0; i < f.length; i++) {
                    f[i] = f[i].strip().replace("\"", "");
                }
                rows.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read gazetteer resource " + path, e);
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("Gazetteer resource " + path + " is empty");
        }
        return rows;
    }

    /**
     * The short form reports use for {@code r}, or null when it has none (see class doc). Package-private for
     * tests.
     */
    static String shortForm(Region r) {
        String n = r.name();
        String stem = null;
        switch (r.level()) {
            case Region.PROVINCE -> stem = strip(n, "自治区", "省", "市");
            case Region.PREFECTURE -> stem = strip(n, "自治州", "地区", "盟", "市");
            default -> stem = strip(n, "自治县", "自治旗", "县"); // not 区 / 市: their stems are everyday words
        }
        if (stem == null) {
            return null;
        }
        if (n.endsWith("自治区") || n.endsWith("自治州") || n.endsWith("自治县") || n.endsWith("自治旗")) {
            stem = stripEthnic(stem);
        }
        return stem.length() >= 2 ? stem : null;
    }

    private static String strip(String name, String... suffixes) {
        for (String s : suffixes) {
            if (name.endsWith(s) && name.length() > s.length()) {
                return name.substring(0, name.length() - s.length());
            }
        }
        return null;
    }

    private static String stripEthnic(String stem) {
        boolean changed = true;
        while (changed) {
            changed = false;
            String s = stem.endsWith("族") ? stem.substring(0, stem.length() - 1) : stem;
            for (String e : ETHNIC_GROUPS) {
                if (s.endsWith(e) && s.length() - e.length() >= 2) {
                    stem = s.substring(0, s.length() - e.length());
                    changed = true;
                    break;
                }
            }
        }
        return stem;
    }

    /** True when a prefecture has counties of its own (东莞市 and 中山市 have none: their towns sit directly below). */
    public boolean hasCounties(Region prefecture) {
        String prefix = prefecture.code().substring(0, 4);
        for (Region r : regions) {
            if (Region.COUNTY.equals(r.level()) && r.code().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** All divisions, provinces first, then prefectures, then counties, in file order. */
    public List<Region> regions() {
        return regions;
    }

    /** The division with this 6-digit code, or null. */
    public Region byCode(String code) {
        return byCode.get(code);
    }

    /** Divisions whose full name is exactly {@code name} (several for 城区); empty when none. */
    public List<Region> byName(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** The province containing {@code r} (itself for a province). */
    public Region provinceOf(Region r) {
        return byCode.get(r.provinceCode());
    }

    /** The prefecture containing a county, or null (municipal districts, province-administered counties). */
    public Region prefectureOf(Region r) {
        return Region.COUNTY.equals(r.level()) ? byCode.get(r.prefectureCode()) : null;
    }

    /** Every surface form (full names and short forms) with the divisions it may denote; read-only view. */
    public Map<String, List<Region>> surfaceForms() {
        return Collections.unmodifiableMap(surfaces);
    }

    TreeMap<String, List<Region>> surfaceTree() {
        return new TreeMap<>(surfaces);
    }
}
