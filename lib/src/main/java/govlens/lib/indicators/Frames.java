package govlens.lib.indicators;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frame of a number before it gets an indicator code: which <b>period</b> it belongs to and which <b>scope</b>
 * it has. Only a total of the report's own period becomes an indicator value; every other number is a mention
 * that carries its frame, so analysts can still find last year's figure or the province's average.
 *
 * <p><b>Period</b> ({@code report}, {@code other_year}, {@code sub_period}, {@code multi_year}): the period marker
 * nearest before the number in its sentence decides (a marker may have a shorter reach, like the scope markers:
 * 较上年 sets the period of its own clause only) (上年受理45件，今年受理63件: 45 is other_year, 63 report;
 * 历年累计…逾10万件，2023年办理…9870件: the first multi_year, the second report). A year written out is the report's
 * own year or another one ({@link ReportContext#year()}); in a half-year report a half-year marker is the report's
 * own period. Markers inside a title 《…》 do not count. Without any marker a number is of the report's period.
 *
 * <p><b>Scope</b> ({@code total}, {@code target}, {@code prevented}, {@code prior_stage}, {@code change},
 * {@code other_region}; {@code breakdown} is decided later, by the descriptions, because a part after 其中 may be
 * a total of another indicator): each scope marker has a reach, {@code sentence} (the nearest area word before
 * the number decides, see below), {@code clause} (anywhere in the number's clause before it) or a number of
 * characters (a match ending at most that far before the number). <b>Areas</b>: the nearest whole-area word before
 * the number in its sentence (全 / 我 / 本 followed by one of {@code areaSuffixes}, or 省里, 市级 …) names the
 * report's own area when its character is the last one of the report's region name (全县 in a county's report,
 * 全市 in a county-level city's, 全区 in a district's or an autonomous region's), another area otherwise (全市 or
 * 全省 in a county's report: {@code other_region}). 我X and 本X are always the report's own. Without a known
 * region only the conf patterns decide.
 *
 * <p>The markers are data ({@code frames} in the rules file, docs/indicator-rules.md). Immutable, thread-safe.
 */
public final class Frames implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final String REPORT = "report";
    public static final String OTHER_YEAR = "other_year";
    public static final String SUB_PERIOD = "sub_period";
    public static final String MULTI_YEAR = "multi_year";
    public static final Set<String> PERIODS = Set.of(REPORT, OTHER_YEAR, SUB_PERIOD, MULTI_YEAR);

    public static final String TOTAL = "total";
    public static final String OTHER_REGION = "other_region";
    public static final String BREAKDOWN = "breakdown";
    public static final Set<String> SCOPES =
            Set.of(TOTAL, "target", "prevented", "prior_stage", "change", OTHER_REGION, BREAKDOWN);

    static final Set<String> KEYS = Set.of("period", "scope", "areaSuffixes");
    static final Set<String> MARKER_KEYS = Set.of("value", "pattern", "reach");

    /** A year written out ("2023年", "2023年度"), which is the report's own year or another one. */
    private static final Pattern YEAR = Pattern.compile("(?<![0-9])((?:19|20)[0-9]{2})年度?(?![0-9])");
    /** A whole-area word (the suffix character is checked against the report's region). */
    private static final String AREA_WORD = "[全我本]([%s])(?!面|部|力|程|体|民|员|球|天|额|年)|([省市县区州盟])(?:里|级)";

    /** A period or scope marker: its value, its pattern, and (scope) how far before the number it reaches. */
    public record Marker(String value, Pattern pattern, Reach reach) implements java.io.Serializable {}

    /** How far before a number a scope marker may stand. */
    public record Reach(String kind, int chars) implements java.io.Serializable {
        static final Reach SENTENCE = new Reach("sentence", 0);
        static final Reach CLAUSE = new Reach("clause", 0);
    }

    /** A number's frame. */
    public record Frame(String period, String scope) implements java.io.Serializable {
        /** Only a total of the report's own period becomes an indicator value. */
        public boolean isReportTotal() {
            return REPORT.equals(period) && TOTAL.equals(scope);
        }

        /** Why the number is no value: its period when that is not the report's, else its scope. */
        public String reason() {
            return !REPORT.equals(period) ? period : scope;
        }
    }

    private final List<Marker> period;
    private final List<Marker> scope;
    private final Pattern area;

    private Frames(List<Marker> period, List<Marker> scope, String areaSuffixes) {
        this.period = List.copyOf(period);
        this.scope = List.copyOf(scope);
        if (!areaSuffixes.codePoints().allMatch(Character::isIdeographic)) {
            throw new IllegalArgumentException("frames.areaSuffixes must be Han characters, found " + areaSuffixes);
        }
        this.area = Pattern.compile(String.format(AREA_WORD, areaSuffixes));
    }

    /** No markers: every number is a total of the report's period (for rules files without a frames block). */
    static Frames none() {
        return new Frames(List.of(), List.of(), "国省市县区旗州盟");
    }

    /** Reads the {@code frames} block, failing on unknown keys or values, naming where. */
    static Frames fromConfig(Config f) {
        IndicatorRules.checkKeys(f, KEYS, "frames");
        List<Marker> period = markers(f, "period", PERIODS);
        List<Marker> scope = markers(f, "scope", SCOPES);
        String suffixes = f.hasPath("areaSuffixes") ? f.getString("areaSuffixes") : "国省市县区旗州盟";
        return new Frames(period, scope, suffixes);
    }

    private static List<Marker> markers(Config f, String key, Set<String> allowed) {
        List<Marker> out = new ArrayList<>();
        if (!f.hasPath(key)) {
            return out;
        }
        int i = 0;
        for (Config m : f.getConfigList(key)) {
            String where = "frames." + key + "[" + i++ + "]";
            IndicatorRules.checkKeys(m, MARKER_KEYS, where);
            String value = IndicatorRules.req(m, "value", where);
            if (!allowed.contains(value) || value.equals(TOTAL) || value.equals(BREAKDOWN)) {
                throw new IllegalArgumentException(where + ": value '" + value + "' is not one of " + allowed);
            }
            Reach reach = Reach.SENTENCE;
            if (m.hasPath("reach")) {
                String r = m.getString("reach");
                if (r.equals("sentence") || r.equals("clause")) {
                    reach = r.equals("sentence") ? Reach.SENTENCE : Reach.CLAUSE;
                } else if (r.matches("[0-9]{1,2}")) {
                    reach = new Reach("chars", Integer.parseInt(r));
                } else {
                    throw new IllegalArgumentException(
                            where + ": reach must be sentence, clause or a number of characters, found " + r);
                }
            }
            out.add(new Marker(value, IndicatorRules.regex(IndicatorRules.req(m, "pattern", where), where), reach));
        }
        return out;
    }

    /**
     * The frame of the number starting at {@code numStart} in the whitespace-free, simplified text {@code u}.
     *
     * @param sStart start of the number's sentence in {@code u}
     * @param cStart start of the number's clause
     */
    public Frame of(String u, int sStart, int cStart, int numStart, ReportContext report) {
        return new Frame(period(u, sStart, cStart, numStart, report), scope(u, sStart, cStart, numStart, report));
    }

    private String period(String u, int sStart, int cStart, int numStart, ReportContext report) {
        int pStart = statementStart(u, sStart, numStart);
        String best = REPORT;
        int bestEnd = -1;
        int bestStart = Integer.MAX_VALUE;
        for (Marker m : period) {
            Matcher x = m.pattern().matcher(u);
            x.region(Math.max(pStart, from(m.reach(), sStart, cStart, numStart)), numStart);
            while (x.find()) {
                if (x.end() == x.start()
                        || inTitle(u, sStart, x.start())
                        || beyondReach(m.reach(), x, numStart)
                        || inClosedBracket(u, x.start(), numStart)) {
                    continue;
                }
                if (x.end() > bestEnd || (x.end() == bestEnd && x.start() < bestStart)) {
                    bestEnd = x.end();
                    bestStart = x.start();
                    best = m.value();
                }
            }
        }
        if (report.year() != null) {
            Matcher y = YEAR.matcher(u);
            y.region(pStart, numStart);
            while (y.find()) {
                if (inTitle(u, sStart, y.start())
                        || followsSpan(u, y.end())
                        || inClosedBracket(u, y.start(), numStart)
                        // A year compared with (较2022年的1.07万件) concerns its own clause only.
                        || (comparison(u, y.start()) && y.start() < cStart)) {
                    continue;
                }
                if (y.end() > bestEnd || (y.end() == bestEnd && y.start() < bestStart)) {
                    bestEnd = y.end();
                    bestStart = y.start();
                    boolean own = Integer.parseInt(y.group(1)) == report.year();
                    // "2021年以来" runs over several years; "2024年以来" in a 2024 report is the report's own year.
                    boolean since = u.startsWith("以来", y.end());
                    best = own ? REPORT : since ? MULTI_YEAR : OTHER_YEAR;
                    if (since) {
                        bestEnd = y.end() + 2;
                    }
                }
            }
        }
        if (best.equals(SUB_PERIOD) && report.subPeriod()) {
            return REPORT; // a half-year report's own half-year
        }
        return best;
    }

    /**
     * Where the statement holding the number starts: a period or an area reaches to the end of its statement, and a
     * semicolon starts another one (…累计办理8100余件；公证…7400件).
     */
    private static int statementStart(String u, int sStart, int numStart) {
        for (int i = numStart - 1; i >= sStart; i--) { // bounded by the sentence: a long line stays linear
            char c = u.charAt(i);
            if (c == '；' || c == ';') {
                return i + 1;
            }
        }
        return sStart;
    }

    /** Whether a comparison word (较, 比, 与, 同, 对比) stands right before {@code at}. */
    private static boolean comparison(String u, int at) {
        return at > 0 && "较比与同".indexOf(u.charAt(at - 1)) >= 0;
    }

    /**
     * Whether {@code at} lies inside brackets that close before {@code numStart}: a remark such as (含上年结转11件)
     * or (2021年为96件) concerns what is inside it only.
     */
    private static boolean inClosedBracket(String u, int at, int numStart) {
        int depth = 0;
        for (int i = at; i < numStart; i++) {
            char c = u.charAt(i);
            if (c == '(' || c == '（') {
                depth++;
            } else if (c == ')' || c == '）') {
                if (depth == 0) {
                    return true; // the bracket around {@code at} closes before the number
                }
                depth--;
            }
        }
        return false;
    }

    /** "2021年至2023年": a span, left to the multi_year markers. */
    private static boolean followsSpan(String u, int end) {
        return end < u.length() && "至到—－-–~".indexOf(u.charAt(end)) >= 0;
    }

    private String scope(String u, int sStart, int cStart, int numStart, ReportContext report) {
        for (Marker m : scope) {
            Matcher x = m.pattern().matcher(u);
            x.region(from(m.reach(), sStart, cStart, numStart), numStart);
            while (x.find()) {
                if (x.end() == x.start() || inTitle(u, sStart, x.start()) || beyondReach(m.reach(), x, numStart)) {
                    continue;
                }
                return m.value();
            }
        }
        if (report.ownAreaChar() != null || report.subUnit()) {
            Matcher a = area.matcher(u);
            a.region(statementStart(u, sStart, numStart), numStart);
            String nearest = null;
            while (a.find()) {
                if (inTitle(u, sStart, a.start())) {
                    continue;
                }
                // A street office's or township's own area is the street or town (全街道, 全镇): 全区 is its district's.
                boolean mine = u.charAt(a.start()) == '我'
                        || u.charAt(a.start()) == '本'
                        || (!report.subUnit() && a.group().indexOf(report.ownAreaChar()) >= 0);
                nearest = mine ? TOTAL : OTHER_REGION;
            }
            if (nearest != null) {
                return nearest;
            }
        }
        return TOTAL;
    }

    /** Where a marker of this reach may start looking: its sentence, its clause, or a window before the number. */
    private static int from(Reach reach, int sStart, int cStart, int numStart) {
        return switch (reach.kind()) {
            case "clause" -> cStart;
            case "chars" -> Math.max(cStart, numStart - reach.chars() - 16);
            default -> sStart;
        };
    }

    /** A marker with a reach in characters must end at most that far before the number. */
    private static boolean beyondReach(Reach reach, Matcher m, int numStart) {
        return reach.kind().equals("chars") && numStart - m.end() > reach.chars();
    }

    /** Whether {@code at} lies inside a title 《…》 opened after the sentence start. */
    private static boolean inTitle(String u, int sStart, int at) {
        int open = u.lastIndexOf('《', at);
        return open >= sStart && u.indexOf('》', open) > at;
    }
}
