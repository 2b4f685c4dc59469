package govlens.jobs.synth;

import govlens.lib.meta.DocumentMetadata;
import govlens.lib.meta.Gazetteer;
import govlens.lib.meta.Region;
import govlens.lib.pipeline.DocumentProcessor;
import govlens.lib.pipeline.ProcessedFile;
import govlens.lib.text.Headings;
import govlens.lib.text.Section;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds synthetic rule-of-law reports from real report material, for benchmarks only (never for test
 * answers: gold files stay hand-checked on real reports).
 *
 * <p>Material: every readable source file (txt, md, html) is run through {@link DocumentProcessor} (the
 * ingest code) and cut at its real sections: 主要举措/成效 blocks (a heading plus its paragraphs, children
 * included), problem paragraphs and plan paragraphs. Sections of other kinds (the government work reports of
 * the external corpus) feed the achievements pool, so the vocabulary is wider than the three sample reports;
 * 70% of the achievement blocks are still drawn from rule-of-law reports (texts containing 法治政府建设情况) so
 * the genre dominates.
 *
 * <p>Each report draws a prefecture or county of the gazetteer (only names that denote one division, so the
 * drawn region is the one metadata extraction must find), a report year 2019–2025 and a length around
 * 3,000–7,000 characters (mean ≈ 5,000), then writes the genre's frame around reused paragraphs: 文件 line,
 * document number with publication year = report year + 1, 签发人, title, addressee, the "YYYY年,XX坚持…" opening,
 * the three top-level parts, issuer and date. Reused paragraphs are rewritten consistently: the source's region
 * names and level words (我市 → 我县) become the drawn region's, years near the source year shift with the
 * report year, counts before a unit (件, 人次, 个 …) are scaled by one factor per report, and percentages move
 * towards or away from 100% without passing it.
 *
 * <p>Formats: about 78% UTF-8 .txt, 10% GB18030 .txt, 8% .html with page furniture (navigation, publishing
 * line, footer) and 4% .md. Output depends only on the material, the seed and the report index: reports are
 * generated independently (one {@link SplittableRandom} per index), so a multi-threaded run writes
 * byte-identical files for the same seed. Thread-safe after construction.
 */
public final class SynthCorpus {
    /** Source extensions read as material. */
    static final List<String> EXTENSIONS = List.of("txt", "md", "html", "htm");

    static final int FIRST_YEAR = 2019;
    static final int LAST_YEAR = 2025;
    private static final Charset GB18030 = Charset.forName("GB18030");

    /** One generated report: file name, bytes as written, and what the generator drew. */
    public record Doc(
            String fileName,
            byte[] bytes,
            String text,
            Region region,
            int reportYear,
            String format,
            String encoding) {}

    /** A reusable piece of real text and the facts of the report it came from. */
    record Block(String heading, String kind, List<String> paragraphs, Source source) {}

    /** Region and year of a source report, for rewriting its paragraphs. */
    record Source(
            String region,
            String shortForm,
            String parent,
            String parentShort,
            String levelWord,
            Integer year,
            boolean genre) {}

    private final List<Block> achievements;
    private final List<Block> genreAchievements;
    private final List<Block> problems;
    private final List<Block> plans;
    private final List<Region> regions;
    private final Gazetteer gazetteer;

    private SynthCorpus(List<Block> achievements, List<Block> problems, List<Block> plans, Gazetteer gazetteer) {
        this.achievements = achievements;
        this.genreAchievements =
                achievements.stream().filter(b -> b.source().genre()).toList();
        this.problems = problems;
        this.plans = plans;
        this.gazetteer = gazetteer;
        List<Region> rs = new ArrayList<>();
        for (Region r : gazetteer.regions()) {
            boolean level = Region.PREFECTURE.equals(r.level()) || Region.COUNTY.equals(r.level());
            if (level && gazetteer.byName(r.name()).size() == 1 && !r.name().contains("辖")) {
                rs.add(r);
            }
        }
        this.regions = List.copyOf(rs);
    }

    /**
     * Reads the material from files or folders (folders: their *.txt, *.md, *.html, non-recursive, in name
     * order); paths that do not exist are skipped, so an absent external corpus just narrows the material.
     *
     * @throws IllegalStateException when no source yields an achievements block and a problems or plans block
     */
    public static SynthCorpus fromSources(List<Path> sources) {
        DocumentProcessor processor = new DocumentProcessor(EXTENSIONS, 50);
        Gazetteer gaz = Gazetteer.get();
        List<Block> ach = new ArrayList<>();
        List<Block> prob = new ArrayList<>();
        List<Block> plan = new ArrayList<>();
        for (Path file : listFiles(sources)) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read synth source " + file, e);
            }
            ProcessedFile pf = processor.process(file.toString(), bytes);
            if (!pf.isDocument()) {
                continue;
            }
            Source src =
                    sourceOf(pf.document().metadata(), gaz, pf.document().text().contains("法治政府建设情况"));
            for (Block b : blocks(pf.document().sections(), src)) {
                switch (b.kind()) {
                    case Section.KIND_PROBLEMS -> prob.add(b);
                    case Section.KIND_PLANS -> plan.add(b);
                    default -> ach.add(b);
                }
            }
        }
        if (ach.isEmpty() || (prob.isEmpty() && plan.isEmpty())) {
            throw new IllegalStateException("synth sources " + sources + " yield no report sections; pass --sources "
                    + "with real reports (e.g. data/sample)");
        }
        if (prob.isEmpty()) {
            prob = plan;
        }
        if (plan.isEmpty()) {
            plan = prob;
        }
        return new SynthCorpus(List.copyOf(ach), List.copyOf(prob), List.copyOf(plan), gaz);
    }

    /** Number of reusable blocks per pool (achievements, problems, plans), for the command's summary. */
    public int[] poolSizes() {
        return new int[] {achievements.size(), problems.size(), plans.size()};
    }

    private static List<Path> listFiles(List<Path> sources) {
        List<Path> out = new ArrayList<>();
        for (Path p : sources) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> EXTENSIONS.contains(DocumentProcessor.formatOf(f.toString())))
                            .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list synth source " + p, e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Cuts sections into blocks: each level-1/2 heading starts one, deeper sections join the open block. */
    static List<Block> blocks(List<Section> sections, Source src) {
        List<Block> out = new ArrayList<>();
        String heading = null;
        String kind = Section.KIND_OTHER;
        List<String> paras = new ArrayList<>();
        for (Section s : sections) {
            boolean starts = s.heading() != null && s.level() >= 1 && s.level() <= 2;
            if (starts || s.level() == 0) {
                flush(out, heading, kind, paras, src);
                heading = s.level() == 0 ? null : stripNumbering(firstLine(s.heading()));
                kind = s.kind();
                paras = new ArrayList<>();
                addParagraphs(paras, s.text(), true);
            } else {
                addParagraphs(paras, s.text(), false);
            }
        }
        flush(out, heading, kind, paras, src);
        return out;
    }

    private static void flush(List<Block> out, String heading, String kind, List<String> paras, Source src) {
        if (heading != null && !paras.isEmpty() && heading.length() >= 4 && heading.length() <= 40) {
            out.add(new Block(heading, kind, List.copyOf(paras), src));
        }
    }

    static String stripNumbering(String heading) {
        return Headings.stripNumbering(heading);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /** Paragraphs that read as report prose: long enough, mostly Chinese, ending a sentence. */
    private static void addParagraphs(List<String> out, String text, boolean skipHeadingLine) {
        String[] parts = text.split("\n\\s*\n");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip().replace('\n', ' ');
            if (i == 0 && skipHeadingLine && p.length() <= 40) {
                continue;
            }
            if (p.length() >= 40 && p.length() <= 1500 && cjkShare(p) >= 0.6 && (p.endsWith("。") || p.endsWith(";"))) {
                out.add(p);
            }
        }
    }

    private static double cjkShare(String s) {
        int cjk = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.UnicodeScript.of(s.charAt(i)) == Character.UnicodeScript.HAN) {
                cjk++;
            }
        }
        return cjk / (double) s.length();
    }

    private static Source sourceOf(DocumentMetadata m, Gazetteer gaz, boolean genre) {
        if (m == null || m.regionCode() == null) {
            return new Source(null, null, null, null, null, m == null ? null : m.reportYear(), genre);
        }
        Region r = gaz.byCode(m.regionCode());
        if (r == null) {
            return new Source(null, null, null, null, null, m.reportYear(), genre);
        }
        Region parent = gaz.prefectureOf(r);
        return new Source(
                r.name(),
                shortForm(r),
                parent == null ? null : parent.name(),
                parent == null ? null : shortForm(parent),
                levelWord(r),
                m.reportYear(),
                genre);
    }

    /** The short form reports use ("临汾" for 临汾市), or null when the stem is a single character. */
    static String shortForm(Region r) {
        String n = r.name();
        for (String suffix : new String[] {"自治州", "自治县", "自治区", "地区", "省", "市", "县", "盟", "旗"}) {
            if (n.endsWith(suffix) && n.length() - suffix.length() >= 2) {
                return n.substring(0, n.length() - suffix.length());
            }
        }
        return null;
    }

    /** The one-character word a report uses for its own level: 我市, 全县, 区政府. */
    static String levelWord(Region r) {
        String n = r.name();
        if (Region.PROVINCE.equals(r.level())) {
            return n.endsWith("省") ? "省" : n.endsWith("区") ? "区" : "市";
        }
        if (n.endsWith("自治州")) {
            return "州";
        }
        char last = n.charAt(n.length() - 1);
        return switch (last) {
            case '县', '区', '旗', '盟', '州' -> String.valueOf(last);
            default -> "市";
        };
    }

    /** Generates report {@code index} for {@code seed}; pure function of (material, seed, index). */
    public Doc generate(long seed, int index) {
        SplittableRandom rnd = new SplittableRandom(mix(seed, index));
        Region region = regions.get(rnd.nextInt(regions.size()));
        int year = FIRST_YEAR + rnd.nextInt(LAST_YEAR - FIRST_YEAR + 1);
        int target = 3000 + rnd.nextInt(4001);
        double factor = 0.5 + 1.5 * rnd.nextDouble();
        Region parent = gazetteer.prefectureOf(region);
        String lw = levelWord(region);
        Rewrite rw = new Rewrite(region, parent, lw, year, factor, rnd.nextDouble() * 1.5 + 0.25);

        String issuer = region.name() + "人民政府";
        String docNo = region.name().charAt(0) + "政〔" + (year + 1) + "〕" + (1 + rnd.nextInt(30)) + "号";
        String signer = SURNAMES[rnd.nextInt(SURNAMES.length)]
                + GIVEN[rnd.nextInt(GIVEN.length)]
                + (rnd.nextBoolean() ? GIVEN[rnd.nextInt(GIVEN.length)] : "");
        String title = issuer + "关于" + year + "年度法治政府建设情况的报告";
        String addressee = parent != null
                ? "中共" + parent.name() + "委、" + parent.name() + "人民政府"
                : "中共" + region.province() + "委、" + region.province() + "人民政府";
        String opening = year + "年，" + region.name() + "坚持以习近平新时代中国特色社会主义思想为指导，"
                + OPENINGS[rnd.nextInt(OPENINGS.length)] + "，现将有关情况报告如下。";

        List<String[]> body = new ArrayList<>(); // {level, text}: 1/2 headings, 0 paragraphs
        body.add(new String[] {"1", "一、" + ACH_HEADINGS[rnd.nextInt(ACH_HEADINGS.length)]});
        int len = opening.length() + 200;
        int n = 0;
        while (len < target * 0.72 && n < 12) {
            // Mostly the genre's own blocks; work-report blocks widen the vocabulary without taking over.
            List<Block> pool =
                    !genreAchievements.isEmpty() && rnd.nextDouble() < 0.7 ? genreAchievements : achievements;
            Block b = pool.get(rnd.nextInt(pool.size()));
            body.add(new String[] {"2", "（" + CN[n] + "）" + rw.apply(b.heading(), b.source())});
            len += b.heading().length() + 4;
            int take = 1 + rnd.nextInt(Math.min(4, b.paragraphs().size()));
            int start = rnd.nextInt(b.paragraphs().size() - take + 1);
            for (int i = start; i < start + take && len < target * 0.72; i++) {
                String p = rw.apply(b.paragraphs().get(i), b.source());
                body.add(new String[] {"0", p});
                len += p.length() + 2;
            }
            n++;
        }
        body.add(new String[] {"1", "二、" + PROB_HEADINGS[rnd.nextInt(PROB_HEADINGS.length)]});
        len = addParagraphs(body, problems, rnd, rw, len, target * 0.85);
        body.add(new String[] {"1", "三、" + PLAN_HEADINGS[rnd.nextInt(PLAN_HEADINGS.length)]});
        addParagraphs(body, plans, rnd, rw, len, target);
        String date = (year + 1) + "年" + (1 + rnd.nextInt(3)) + "月" + (1 + rnd.nextInt(28)) + "日";

        double f = rnd.nextDouble();
        String format = f < 0.78 ? "txt" : f < 0.88 ? "txt" : f < 0.96 ? "html" : "md";
        String encoding = f >= 0.78 && f < 0.88 ? "GB18030" : "UTF-8";
        String text = switch (format) {
            case "html" -> html(issuer, docNo, signer, title, addressee, opening, body, date, rnd);
            case "md" -> markdown(issuer, docNo, signer, title, addressee, opening, body, date);
            default -> plain(issuer, docNo, signer, title, addressee, opening, body, date);
        };
        byte[] bytes = text.getBytes("GB18030".equals(encoding) ? GB18030 : StandardCharsets.UTF_8);
        String name = String.format(Locale.ROOT, "synth_%07d_%s_%d.%s", index, region.code(), year, format);
        return new Doc(name, bytes, text, region, year, format, encoding);
    }

    private static int addParagraphs(
            List<String[]> body, List<Block> pool, SplittableRandom rnd, Rewrite rw, int len, double until) {
        int guard = 0;
        do {
            Block b = pool.get(rnd.nextInt(pool.size()));
            String p = rw.apply(b.paragraphs().get(rnd.nextInt(b.paragraphs().size())), b.source());
            body.add(new String[] {"0", p});
            len += p.length() + 2;
        } while (len < until && ++guard < 8);
        return len;
    }

    private static String plain(
            String issuer,
            String docNo,
            String signer,
            String title,
            String addressee,
            String opening,
            List<String[]> body,
            String date) {
        StringBuilder sb = new StringBuilder(8192);
        sb.append(issuer)
                .append("文件\n\n")
                .append(docNo)
                .append("\n\n签发人：")
                .append(signer)
                .append("\n\n")
                .append(title)
                .append("\n\n")
                .append(addressee)
                .append("：\n\n")
                .append(opening)
                .append("\n\n");
        for (String[] b : body) {
            sb.append(b[1]).append("\n\n");
        }
        sb.append(issuer).append("\n\n").append(date).append('\n');
        return sb.toString();
    }

    private static String markdown(
            String issuer,
            String docNo,
            String signer,
            String title,
            String addressee,
            String opening,
            List<String[]> body,
            String date) {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("# ")
                .append(issuer)
                .append("文件\n\n")
                .append(docNo)
                .append("\n\n签发人：")
                .append(signer)
                .append("\n\n## ")
                .append(title)
                .append("\n\n")
                .append(addressee)
                .append("：\n\n")
                .append(opening)
                .append("\n\n");
        for (String[] b : body) {
            sb.append(
                            switch (b[0]) {
                                case "1" -> "### ";
                                case "2" -> "#### ";
                                default -> "";
                            })
                    .append(b[1])
                    .append("\n\n");
        }
        sb.append(issuer).append("\n\n").append(date).append('\n');
        return sb.toString();
    }

    private static String html(
            String issuer,
            String docNo,
            String signer,
            String title,
            String addressee,
            String opening,
            List<String[]> body,
            String date,
            SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(12288);
        sb.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(title)
                .append(" - ")
                .append(issuer)
                .append("门户网站</title>\n</head>\n<body>\n")
                .append("<div class=\"header\"><a href=\"/\">首页</a> | <a href=\"/zwgk/\">政务公开</a> | ")
                .append("<a href=\"/hdjl/\">互动交流</a> | 无障碍浏览</div>\n")
                .append("<div class=\"crumb\">当前位置：首页 &gt; 政务公开 &gt; 法治政府建设</div>\n")
                .append("<div class=\"article\">\n<h1>")
                .append(title)
                .append("</h1>\n<div class=\"info\">发布时间：")
                .append(date.replace('年', '-').replace('月', '-').replace("日", ""))
                .append(" 来源：")
                .append(issuer)
                .append("办公室 浏览次数：")
                .append(100 + rnd.nextInt(5000))
                .append(" 【字体：大 中 小】</div>\n<p>")
                .append(issuer)
                .append("文件</p>\n<p>")
                .append(docNo)
                .append("</p>\n<p>签发人：")
                .append(signer)
                .append("</p>\n<p>")
                .append(addressee)
                .append("：</p>\n<p>")
                .append(opening)
                .append("</p>\n");
        for (String[] b : body) {
            String tag = b[0].equals("0") ? "p" : b[0].equals("1") ? "h2" : "h3";
            sb.append('<')
                    .append(tag)
                    .append('>')
                    .append(escape(b[1]))
                    .append("</")
                    .append(tag)
                    .append(">\n");
        }
        sb.append("<p>")
                .append(issuer)
                .append("</p>\n<p>")
                .append(date)
                .append("</p>\n</div>\n")
                .append("<div class=\"share\">分享到：微信 微博 【打印本页】 【关闭窗口】</div>\n")
                .append("<div class=\"footer\">主办单位：")
                .append(issuer)
                .append("办公室 网站标识码：")
                .append(1000000000L + rnd.nextInt(900_000_000))
                .append(" 备案号：ICP备0500")
                .append(rnd.nextInt(10))
                .append("号</div>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** SplitMix-style mix so neighbouring (seed, index) pairs give unrelated streams. */
    static long mix(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 1;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Rewrites a reused paragraph for the drawn report; one instance per generated report. */
    static final class Rewrite {
        private static final Pattern COUNT = Pattern.compile(
                "(?<![\\d.〔\\[号第])(\\d+(?:\\.\\d+)?)(?=(?:万|亿)?(?:件|人次|人|个|家|项|次|场|户|条|起|篇|部|名|元|份|批|宗|笔|所|支|处))");
        private static final Pattern PERCENT = Pattern.compile("(?<![\\d.])(\\d{1,2}(?:\\.\\d+)?)(?=[%％])");
        private static final Pattern YEAR = Pattern.compile("(?<![\\d—\\-~])(20\\d\\d)(?=年)");

        private final Region region;
        private final String shortForm;
        private final Region parent;
        private final String levelWord;
        private final int year;
        private final double factor;
        private final double rateFactor;

        Rewrite(Region region, Region parent, String levelWord, int year, double factor, double rateFactor) {
            this.region = region;
            this.shortForm = shortForm(region);
            this.parent = parent;
            this.levelWord = levelWord;
            this.year = year;
            this.factor = factor;
            this.rateFactor = rateFactor;
        }

        String apply(String text, Source src) {
            String t = text;
            if (src.region() != null) {
                t = t.replace(src.region(), region.name());
                if (src.shortForm() != null) {
                    t = t.replace(src.shortForm(), shortForm != null ? shortForm : region.name());
                }
                if (src.parent() != null) {
                    String p = parent != null ? parent.name() : region.province();
                    t = t.replace(src.parent(), p);
                    if (src.parentShort() != null) {
                        String ps = parent != null ? shortForm(parent) : null;
                        t = t.replace(src.parentShort(), ps != null ? ps : p);
                    }
                }
                if (src.levelWord() != null && !src.levelWord().equals(levelWord)) {
                    String s = src.levelWord();
                    for (String w : new String[] {"我", "全", "本"}) {
                        t = t.replace(w + s, w + levelWord);
                    }
                    t = t.replace(s + "委", levelWord + "委")
                            .replace(s + "政府", levelWord + "政府")
                            .replace(s + "长", levelWord + "长");
                }
            }
            if (src.year() != null) {
                int shift = year - src.year();
                Matcher y = YEAR.matcher(t);
                StringBuilder sb = new StringBuilder(t.length() + 8);
                while (y.find()) {
                    int v = Integer.parseInt(y.group(1));
                    y.appendReplacement(sb, String.valueOf(Math.abs(v - src.year()) <= 1 ? v + shift : v));
                }
                y.appendTail(sb);
                t = sb.toString();
            }
            t = scale(t, COUNT, false);
            return scale(t, PERCENT, true);
        }

        private String scale(String t, Pattern p, boolean percent) {
            Matcher m = p.matcher(t);
            if (!m.find()) {
                return t;
            }
            m.reset();
            StringBuilder sb = new StringBuilder(t.length() + 16);
            while (m.find()) {
                String num = m.group(1);
                double v = Double.parseDouble(num);
                int decimals = num.indexOf('.') < 0 ? 0 : num.length() - num.indexOf('.') - 1;
                double out;
                if (percent) {
                    if (v >= 80) {
                        // Completion and pass rates stay rates: the gap to 100% is what varies between governments.
                        out = 100 - (100 - v) * rateFactor;
                        if (out >= 100 || out < 0) {
                            out = v;
                        }
                    } else {
                        out = v * (0.8 + 0.4 * (rateFactor - 0.25) / 1.5); // growth rates: ±20%
                    }
                } else if (decimals == 0 && v < 10) {
                    out = v; // small counts (4次 meetings, 5个方面) read oddly when scaled
                } else {
                    out = Math.max(1, v * factor);
                }
                String s = decimals == 0
                        ? Long.toString(Math.round(out))
                        : String.format(Locale.ROOT, "%." + decimals + "f", out);
                m.appendReplacement(sb, s);
            }
            m.appendTail(sb);
            return sb.toString();
        }
    }

    private static final String[] CN = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"};
    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"
    };
    private static final String[] GIVEN = {
        "建", "国", "明", "华", "平", "志", "伟", "军", "新", "春", "海", "峰", "文", "东", "林", "晓", "红", "立", "成", "永"
    };
    private static final String[] OPENINGS = {
        "全面贯彻党的二十大精神，深入学习贯彻习近平法治思想，扎实推进法治政府建设各项工作",
        "深入贯彻落实《法治政府建设实施纲要(2021—2025年)》，统筹推进依法行政各项任务",
        "认真落实上级关于法治政府建设的决策部署，持续提升依法行政水平，法治政府建设取得新成效",
        "坚持法治政府建设与经济社会发展同部署、同推进、同督促、同考核、同奖惩，为高质量发展提供法治保障"
    };
    private static final String[] ACH_HEADINGS = {"主要举措和成效", "主要做法及成效", "法治政府建设主要工作及成效", "主要工作开展情况"};
    private static final String[] PROB_HEADINGS = {"存在的不足", "存在的问题和不足", "存在的主要问题"};
    private static final String[] PLAN_HEADINGS = {"下一步工作打算", "下一步工作计划", "下一年度工作安排"};
}
