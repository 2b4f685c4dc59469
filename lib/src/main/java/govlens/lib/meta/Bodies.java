package govlens.lib.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of issuing bodies: governments and party committees (临汾市人民政府, 中共岚县县委), their departments
 * (临沂市司法局, 某区市场监管局), street offices (某区清波街道办事处) and towns (某镇人民政府), and the kind of body a
 * report comes from. Stateless.
 */
final class Bodies {

    private Bodies() {}

    /** A government or party body; joint issuers are split on these. */
    static final String GOV_SUFFIX = "(?:人民政府|县委|市委|省委|区委|州委|旗委|盟委|党委|委员会|政府|行政公署)";
    /** A department, office or ministry of a government. */
    static final String DEPT_SUFFIX = "(?:[\\p{IsHan}]{1,8}(?:局|厅|部|办公室|委员会|管委会|中心)|街道办事处|办事处)";

    static final Pattern GOV_LINE = Pattern.compile("^(?:中共|中国共产党)?[\\p{IsHan}]{2,40}" + GOV_SUFFIX + "$");
    static final Pattern GOV_END = Pattern.compile(GOV_SUFFIX + "$");
    static final Pattern ANY_END = Pattern.compile("(?:" + GOV_SUFFIX + "|" + DEPT_SUFFIX + ")$");
    private static final Pattern GOV_ANYWHERE = Pattern.compile(GOV_SUFFIX);
    /** An issuer at the very start of a title, before its year or subject: "临沂市司法局2022年度…". */
    static final Pattern LEADING_ISSUER = Pattern.compile(
            "^((?:中共)?[\\p{IsHan}]{1,30}?(?:" + GOV_SUFFIX + "|" + DEPT_SUFFIX + "))(?=\\d|关于|法治|上半年|下半年|年度|推进|依法)");

    static final String KIND_DEPARTMENT = "department";
    static final String KIND_STREET = "street";
    static final String KIND_TOWNSHIP = "township";
    static final String KIND_NATIONAL = "national";

    private static final Pattern STREET = Pattern.compile("街道办事处$|街道$|街道党工委$|街道办$");
    private static final Pattern TOWNSHIP = Pattern.compile("[\\p{IsHan}]{1,8}(?:镇|乡|苏木)(?:人民政府|党委)?$");
    private static final Pattern DEPARTMENT =
            Pattern.compile("(?:局|厅|委员会办公室|办公室|管委会|中心)$|(?<!人民)(?:司法|公安|财政|民政|商务|审计|统计|税务)[\\p{IsHan}]{0,4}$");
    private static final Pattern NATIONAL = Pattern.compile("^(?:国务院|中华人民共和国)?[\\p{IsHan}]{1,10}(?:部|总局|署)$|^国务院");

    /**
     * The kind of a body: {@link #KIND_STREET}, {@link #KIND_TOWNSHIP}, {@link #KIND_DEPARTMENT}, or null for a
     * government or party committee of an administrative division (or when unknown). {@code hasRegion} tells
     * whether the name holds a division name; a ministry (司法部) without one is {@link #KIND_NATIONAL}.
     */
    static String kindOf(String body, boolean hasRegion) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        String b = body.contains(" ") ? body.substring(body.lastIndexOf(' ') + 1) : body;
        if (STREET.matcher(b).find()) {
            return KIND_STREET;
        }
        if (TOWNSHIP.matcher(b).find() && !b.endsWith("县人民政府") && !b.endsWith("区人民政府")) {
            return KIND_TOWNSHIP;
        }
        if (GOV_END.matcher(b).find() && !b.endsWith("办公室")) {
            return null;
        }
        if (!hasRegion && NATIONAL.matcher(b).find()) {
            return KIND_NATIONAL;
        }
        if (DEPARTMENT.matcher(b).find() || b.endsWith("部")) {
            return KIND_DEPARTMENT;
        }
        return null;
    }

    /**
     * Splits run-together joint issuers ("中共岚县县委岚县人民政府") and joins them with one space. A split point
     * must end a government suffix and leave a remainder that is itself a government body, so 人民政府办公室 or
     * 中共临汾市委员会 stay whole.
     */
    static String joinOrgs(String compact) {
        List<String> parts = new ArrayList<>();
        String s = compact;
        outer:
        while (true) {
            Matcher m = GOV_ANYWHERE.matcher(s);
            while (m.find()) {
                String rem = s.substring(m.end());
                if (rem.length() >= 4 && GOV_END.matcher(rem).find() && !rem.startsWith("办公")) {
                    parts.add(s.substring(0, m.end()));
                    s = rem;
                    continue outer;
                }
            }
            parts.add(s);
            return String.join(" ", parts);
        }
    }

    /** {@link #joinOrgs} applied to the simplified form, with the same cut points applied to the form as written. */
    static String joinOrgsAsWritten(String simplified, String raw) {
        String joined = joinOrgs(simplified);
        StringBuilder out = new StringBuilder(raw.length() + 4);
        int k = 0;
        for (int i = 0; i < joined.length(); i++) {
            if (joined.charAt(i) == ' ' && (k >= simplified.length() || simplified.charAt(k) != ' ')) {
                out.append(' ');
            } else {
                out.append(raw.charAt(k++));
            }
        }
        return out.toString();
    }
}
