package govlens.lib.nlp;

import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's additions to HanLP's custom dictionary: domain terms from {@value #TERMS_RESOURCE} and
 * region names (with their short forms) from the gazetteer CSVs under {@code /conf/gazetteer/}.
 *
 * <p>HanLP's {@link CustomDictionary} is JVM-global, so {@link #installOnce()} inserts the entries at most
 * once per JVM. Region names go in first and domain terms last, so a domain term's tag wins when both lists
 * hold the same string. Missing resources fail fast with an {@link IllegalStateException} naming the file.
 *
 * <p>Domain-term file format: one term per line, optionally followed by a tab and "POS freq" (default
 * {@value #DEFAULT_NATURE}); blank lines and lines starting with '#' are ignored.
 */
public final class DomainDictionary {

    /** Classpath resource of the domain term list. */
    public static final String TERMS_RESOURCE = "/conf/dict/domain_terms.txt";

    static final String DEFAULT_NATURE = "nz 1024";
    static final String REGION_NATURE = "ns 1024";
    static final String[] GAZETTEER_RESOURCES = {
        "/conf/gazetteer/provinces.csv", "/conf/gazetteer/cities.csv", "/conf/gazetteer/areas.csv"
    };

    /** One dictionary entry: the word and HanLP's "nature freq" attribute string. */
    public record Entry(String word, String natureWithFreq) {}

    private DomainDictionary() {}

    /**
     * Inserts region names and domain terms into HanLP's custom dictionary, once per JVM (idempotent,
     * thread-safe through class initialisation).
     *
     * @return the number of distinct entries inserted
     */
    public static int installOnce() {
        return InstalledHolder.COUNT;
    }

    private static final class InstalledHolder {
        static final int COUNT = install();
    }

    private static int install() {
        Map<String, String> all = new LinkedHashMap<>();
        for (Entry e : regionEntries()) {
            all.put(e.word(), e.natureWithFreq());
        }
        for (Entry e : readTerms(TERMS_RESOURCE)) {
            all.put(e.word(), e.natureWithFreq());
        }
        all.forEach(CustomDictionary::insert);
        return all.size();
    }

    /**
     * Parses a domain-term list from the classpath.
     *
     * @throws IllegalStateException when the resource is missing (message names it and says how to fix it)
     */
    public static List<Entry> readTerms(String resource) {
        return parseTerms(readLines(resource));
    }

    /** Parses the lines of a domain-term list (format in the class doc). */
    static List<Entry> parseTerms(List<String> lines) {
        List<Entry> out = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            String word = (tab < 0 ? line : line.substring(0, tab)).strip();
            String attr = tab < 0 ? "" : line.substring(tab + 1).strip();
            if (word.isEmpty()) {
                continue;
            }
            if (attr.isEmpty()) {
                attr = DEFAULT_NATURE;
            } else if (attr.split("\\s+").length == 1) {
                // "word<TAB>POS" alone: HanLP needs a frequency next to every nature.
                attr = attr + " 1024";
            }
            out.add(new Entry(word, attr));
        }
        return out;
    }

    /**
     * Region names of all levels from the gazetteer, plus short forms (朔州 for 朔州市, 宁夏 for 宁夏回族自治区,
     * 恩施 for 恩施土家族苗族自治州), all tagged "ns".
     *
     * <p>Names are skipped when they would hurt ordinary words: placeholders (市辖区, 县, 省直辖县级行政区划 …),
     * names HanLP's core dictionary knows primarily as a non-place word (城区, 郊区, 矿区), 2-character names
     * whose first character is itself a function word (和县 would otherwise glue onto "市和县"), and short forms
     * shorter than 2 characters or known to the core dictionary primarily as a non-place word (和平 of 和平区,
     * 开发 of a hypothetical 开发区).
     */
    public static List<Entry> regionEntries() {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (String resource : GAZETTEER_RESOURCES) {
            List<String> lines = readLines(resource);
            for (int i = 1; i < lines.size(); i++) { // first line is the CSV header
                String[] cols = lines.get(i).split(",");
                if (cols.length < 2) {
                    continue;
                }
                String name = cols[1].replace("\"", "").strip();
                if (!acceptFullName(name)) {
                    continue;
                }
                out.putIfAbsent(name, new Entry(name, REGION_NATURE));
                String shortForm = shortForm(name);
                if (shortForm != null && acceptShortForm(shortForm)) {
                    out.putIfAbsent(shortForm, new Entry(shortForm, REGION_NATURE));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private static final String ETHNIC = "(?:蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西"
            + "|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂"
            + "|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各)族?";
    private static final Pattern AUTONOMOUS = Pattern.compile("^(.+?)(?:" + ETHNIC + ")*(?:自治区|自治州|自治县|自治旗)$");
    private static final Pattern PLAIN = Pattern.compile("^(.+?)(?:特别行政区|地区|林区|新区|省|市|县|区|盟|旗)$");

    /** The conventional short form of a region name, or null when it has none (≥ 2 characters). */
    static String shortForm(String name) {
        Matcher m = AUTONOMOUS.matcher(name);
        if (!m.matches()) {
            m = PLAIN.matcher(name);
        }
        if (!m.matches()) {
            return null;
        }
        String stem = m.group(1);
        return stem.length() >= 2 && !stem.equals(name) ? stem : null;
    }

    private static boolean acceptFullName(String name) {
        if (name.length() < 2 || name.contains("直辖") || name.equals("市辖区")) {
            return false;
        }
        if (!primaryIsPlaceOrUnknown(name)) {
            return false;
        }
        if (name.length() == 2) {
            String first = primaryNature(name.substring(0, 1));
            if (first != null && FUNCTION_NATURE.matcher(first).matches()) {
                return false;
            }
        }
        return true;
    }

    private static final Pattern FUNCTION_NATURE = Pattern.compile("^(c|cc|p|pba|pbei|u.*|d|r.*|m|q|f)$");

    private static boolean acceptShortForm(String s) {
        return s.length() >= 2 && primaryIsPlaceOrUnknown(s);
    }

    private static boolean primaryIsPlaceOrUnknown(String word) {
        String nature = primaryNature(word);
        return nature == null || nature.startsWith("ns");
    }

    private static String primaryNature(String word) {
        CoreDictionary.Attribute attr = CoreDictionary.get(word);
        return attr == null || attr.nature.length == 0 ? null : attr.nature[0].toString();
    }

    static List<String> readLines(String resource) {
        InputStream in = DomainDictionary.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Dictionary resource "
                    + resource
                    + " not found on the classpath. It ships from the repository's conf/ folder (packaged into the"
                    + " lib jar under conf/): restore the file from git or rebuild the lib module.");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line.startsWith("\uFEFF") ? line.substring(1) : line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
