package govlens.jobs.chaos;

import com.hankcs.hanlp.HanLP;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded small corpora of the odd inputs a nightly job meets (for the random-corpus and chaos tests): ordinary short
 * reports beside reports without headings, bodies a crawler flattened onto one line under a header of labelled
 * lines, pages of site furniture only, pages of numbers only, traditional characters, GB18030 and HTML files, exact
 * duplicates, and files that must end in quarantine (empty, binary, unsupported, too short). Every sentence is
 * written for these tests; regions come from the bundled gazetteer, years from 2019 to 2025.
 */
public final class OddCorpus {
    /** The kinds of input; {@link #QUARANTINE} files never become documents. */
    public enum Kind {
        NORMAL,
        NO_HEADINGS,
        ONE_LINE,
        FURNITURE_ONLY,
        NUMBERS_ONLY,
        TRADITIONAL,
        GB18030,
        HTML,
        DUPLICATE,
        QUARANTINE
    }

    /** One input file. */
    public record Doc(String fileName, byte[] bytes, Kind kind) {
        @Override
        public String toString() {
            return kind + ":" + fileName;
        }
    }

    private static final List<String> SENTENCES = List.of(
            "全年办理行政复议案件%d件，依法纠正违法或不当行政行为%d件。",
            "组织开展行政执法案卷评查%d次，共评查案卷%d卷。",
            "全年受理12345热线诉求%d件，群众满意率达到%d%%。",
            "召开政府常务会议专题学法%d次，集体学习法律法规%d部。",
            "审查规范性文件%d件，备案审查率达到100%%，纠正不规范文件%d件。",
            "办理人大代表建议%d件、政协委员提案%d件，办复率100%%。",
            "组织领导干部旁听庭审%d人次，举办法治专题讲座%d场。",
            "开展普法宣传活动%d场次，发放宣传资料%d余份。",
            "行政机关负责人出庭应诉案件%d件，出庭应诉率达到%d%%。",
            "办理法律援助案件%d件，为群众挽回经济损失%d万元。",
            "调解各类矛盾纠纷%d起，调解成功率%d%%。",
            "清理涉及营商环境的政策文件%d件，废止%d件。");
    private static final List<String> FILLER = List.of(
            "坚持把法治政府建设摆在全局工作的突出位置，压实各级各部门主体责任。",
            "健全重大行政决策程序制度，严格落实公众参与、专家论证和合法性审查。",
            "深化行政执法体制改革，推进执法重心下移，提升基层执法能力。",
            "持续优化法治化营商环境，依法平等保护各类市场主体合法权益。",
            "自觉接受人大法律监督、政协民主监督和社会舆论监督。",
            "加强执法队伍建设，定期组织执法人员业务培训和法律知识考试。");
    private static final List<String> HEADINGS = List.of("一、主要工作成效", "（一）加强组织领导", "（二）规范行政执法", "二、存在的问题", "三、下一步工作打算");

    private final List<String[]> regions;
    private final Random random;
    private final List<Doc> made = new ArrayList<>();
    private int counter;

    public OddCorpus(Path project, long seed) {
        this.random = new Random(seed);
        this.regions = gazetteer(project.resolve("conf/gazetteer"));
    }

    /** {@code n} documents of kinds drawn at random (every kind possible). */
    public List<Doc> draw(int n) {
        List<Doc> out = new ArrayList<>();
        Kind[] kinds = Kind.values();
        for (int i = 0; i < n; i++) {
            out.add(make(kinds[random.nextInt(kinds.length)]));
        }
        return out;
    }

    /** One document of the given kind. */
    public Doc make(Kind kind) {
        String base = "odd_" + (counter++) + "_" + Integer.toHexString(random.nextInt(0xffff));
        Doc d = switch (kind) {
            case NORMAL -> text(base + ".txt", report(true), kind);
            case NO_HEADINGS -> text(base + ".txt", report(false), kind);
            case ONE_LINE -> text(base + ".txt", oneLine(), kind);
            case FURNITURE_ONLY -> text(base + ".html", furniture(), kind);
            case NUMBERS_ONLY -> text(base + ".txt", numbers(), kind);
            case TRADITIONAL -> text(base + ".txt", HanLP.convertToTraditionalChinese(report(true)), kind);
            case GB18030 -> new Doc(base + ".txt", report(true).getBytes(Charset.forName("GB18030")), kind);
            case HTML -> text(base + ".html", html(report(true)), kind);
            case DUPLICATE ->
                made.isEmpty()
                        ? text(base + ".txt", report(true), Kind.NORMAL)
                        : new Doc(
                                base + ".txt",
                                made.get(random.nextInt(made.size())).bytes(),
                                kind);
            case QUARANTINE -> quarantined(base);
        };
        made.add(d);
        return d;
    }

    /** Writes the documents into a folder (created). */
    public static void write(Path dir, List<Doc> docs) {
        try {
            Files.createDirectories(dir);
            for (Doc d : docs) {
                Files.write(dir.resolve(d.fileName()), d.bytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Doc text(String name, String text, Kind kind) {
        return new Doc(name, text.getBytes(StandardCharsets.UTF_8), kind);
    }

    private String[] region() {
        return regions.get(random.nextInt(regions.size()));
    }

    private String report(boolean headings) {
        String[] r = region();
        int year = 2019 + random.nextInt(7);
        StringBuilder sb = new StringBuilder();
        sb.append(r[0]).append("人民政府关于").append(year).append("年度法治政府建设情况的报告\n\n");
        sb.append(r[1]).append("人民政府：\n\n");
        sb.append(year).append("年，我").append(r[2]).append("深入学习贯彻习近平法治思想，扎实推进法治政府建设。现将有关情况报告如下：\n\n");
        for (String h : HEADINGS) {
            if (headings) {
                sb.append(h).append("\n\n");
            }
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                sb.append(random.nextBoolean() ? FILLER.get(random.nextInt(FILLER.size())) : figure());
            }
            sb.append("\n\n");
        }
        sb.append(r[0])
                .append("人民政府\n")
                .append(year + 1)
                .append("年")
                .append(1 + random.nextInt(3))
                .append("月")
                .append(1 + random.nextInt(28))
                .append("日\n");
        return sb.toString();
    }

    private String figure() {
        return String.format(
                SENTENCES.get(random.nextInt(SENTENCES.size())), 1 + random.nextInt(900), 1 + random.nextInt(99));
    }

    private String oneLine() {
        String body = report(true).replace("\n", "");
        String[] lines = body.split("。", 2);
        return "标题: " + lines[0] + " 发布时间: 2024-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)
                + " 来源: " + region()[0] + "人民政府门户网站 原文链接: http://example.gov.cn/" + random.nextInt(99999)
                + ".html " + body;
    }

    private String furniture() {
        return "<html><body><div class=\"nav\">首页 &gt; 政务公开 &gt; 法治政府建设</div>"
                + "<div>打印本页 | 关闭窗口 | 扫一扫在手机打开当前页</div>"
                + "<div class=\"footer\">版权所有：某某人民政府办公室 网站标识码：" + random.nextInt(999999) + "</div>"
                + "</body></html>";
    }

    private String numbers() {
        StringBuilder sb = new StringBuilder();
        int lines = 3 + random.nextInt(30);
        for (int i = 0; i < lines; i++) {
            sb.append(random.nextInt(100000))
                    .append("  ")
                    .append(random.nextInt(100))
                    .append("%  20")
                    .append(10 + random.nextInt(16))
                    .append("-0")
                    .append(1 + random.nextInt(9))
                    .append('\n');
        }
        return sb.toString();
    }

    private String html(String report) {
        StringBuilder sb = new StringBuilder("<html><head><title>法治政府建设</title></head><body>");
        sb.append("<div class=\"nav\">首页 &gt; 政务公开</div><div class=\"content\">");
        for (String p : report.split("\n\n")) {
            sb.append("<p>").append(p.replace("\n", "<br>")).append("</p>");
        }
        return sb.append("</div><div class=\"footer\">版权所有</div></body></html>").toString();
    }

    private Doc quarantined(String base) {
        return switch (random.nextInt(4)) {
            case 0 -> new Doc(base + ".txt", new byte[0], Kind.QUARANTINE);
            case 1 -> {
                byte[] b = new byte[200 + random.nextInt(2000)];
                random.nextBytes(b);
                yield new Doc(base + ".pdf", b, Kind.QUARANTINE);
            }
            case 2 -> text(base + ".xlsx", "表格", Kind.QUARANTINE);
            default -> text(base + ".txt", "测试页面", Kind.QUARANTINE);
        };
    }

    /** (name as a report gives it, addressee, how the report calls itself) of every county-level unit. */
    private static List<String[]> gazetteer(Path dir) {
        try {
            Map<String, String> provinces = new HashMap<>();
            for (String line : rows(dir, "provinces.csv")) {
                String[] f = line.split(",");
                provinces.put(f[0], f[1].replace("\"", ""));
            }
            Map<String, String> cities = new HashMap<>();
            for (String line : rows(dir, "cities.csv")) {
                String[] f = line.split(",");
                cities.put(f[0], f[1].replace("\"", ""));
            }
            List<String[]> out = new ArrayList<>();
            for (String line : rows(dir, "areas.csv")) {
                String[] f = line.split(",");
                String name = f[1].replace("\"", "");
                String city = cities.getOrDefault(f[2], "");
                String province = provinces.getOrDefault(f[3], "");
                if (name.equals("市辖区") || city.isEmpty()) {
                    continue;
                }
                String full = (city.equals("市辖区") || city.equals("县") ? province : province + city) + name;
                String self = name.endsWith("区") ? "区" : name.endsWith("市") ? "市" : name.endsWith("旗") ? "旗" : "县";
                out.add(new String[] {full, city.equals("市辖区") ? province : city, self});
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gazetteer under " + dir, e);
        }
    }

    /** The lines of a gazetteer CSV after its header. */
    private static List<String> rows(Path dir, String file) throws IOException {
        List<String> all = Files.readAllLines(dir.resolve(file));
        return all.subList(1, all.size());
    }
}
