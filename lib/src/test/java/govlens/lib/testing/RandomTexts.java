package govlens.lib.testing;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded random inputs for the text components, in the manner of Lucene's {@code checkRandomData}: report-like
 * texts with injected noise, random character soups and random byte soups in the encodings reports arrive in.
 *
 * <p>Seed: {@code -Dgovlens.test.seed=HEX} replays a run; without it each JVM draws a fresh seed. Every input gets
 * its own {@link Random} derived from the seed and its iteration number, so one failing input is reproduced by the
 * seed alone. Iterations: each test names a modest default (the whole set stays well under a minute);
 * {@code -Dgovlens.test.iterations=N} overrides it for a longer shake-out. A failure names the seed, the iteration,
 * the input (escaped, shortened) and the exact command that replays it.
 *
 * <p>The texts are written for these tests (no real report text): a frame of title, document number, addressee and
 * numbered parts around generated sentences, then noise: broken or out-of-order headings (一、 without text, （十二）
 * after （二）, 一是 in mid-line), web furniture (navigation, 来源/发布时间/打印本页 lines, URLs, watermarks), numbers in
 * every notation (digits, Chinese numerals, 万/亿, %, dates, 〔2023〕12号), lines of up to 100,000 characters without
 * punctuation, supplementary-plane characters (𠀀, emoji), control characters, lone surrogates, full-width and
 * half-width forms, traditional characters, markdown markers, empty and whitespace-only texts.
 */
public final class RandomTexts {
    public static final String SEED_PROPERTY = "govlens.test.seed";
    public static final String ITERATIONS_PROPERTY = "govlens.test.iterations";

    private static final long SEED = initialSeed();

    private RandomTexts() {}

    private static long initialSeed() {
        String given = System.getProperty(SEED_PROPERTY);
        long seed = given == null || given.isBlank()
                ? new Random().nextLong()
                : Long.parseUnsignedLong(given.strip().replaceFirst("^(0x|0X)", ""), 16);
        // Printed once per JVM, so that a long run that passed can be repeated too.
        System.out.println(
                "RandomTexts: -D" + SEED_PROPERTY + "=" + Long.toHexString(seed).toUpperCase() + " -D"
                        + ITERATIONS_PROPERTY + "=" + System.getProperty(ITERATIONS_PROPERTY, "(test defaults)"));
        return seed;
    }

    /** The run's seed (hex in messages and on the command line). */
    public static long seed() {
        return SEED;
    }

    /** {@code -Dgovlens.test.iterations} when given, else {@code defaultIterations}. */
    public static int iterations(int defaultIterations) {
        return Integer.getInteger(ITERATIONS_PROPERTY, defaultIterations);
    }

    /** A check on one input; any exception or assertion error fails the test with the replay information. */
    @FunctionalInterface
    public interface Check<T> {
        void check(T input) throws Exception;
    }

    /**
     * Runs {@code check} on {@code iterations(defaultIterations)} inputs drawn by {@code generator}. The replay
     * command names the calling test class and method.
     *
     * @param describe renders an input for the failure message (shortened there when long)
     */
    public static <T> void checkRandomData(
            int defaultIterations, Function<Random, T> generator, Function<T, String> describe, Check<T> check) {
        StackWalker.StackFrame caller = StackWalker.getInstance()
                .walk(s -> s.filter(f -> !f.getClassName().equals(RandomTexts.class.getName()))
                        .findFirst()
                        .orElseThrow());
        String test = caller.getClassName().substring(caller.getClassName().lastIndexOf('.') + 1);
        // A jobs-module test needs lib built in the same reactor and no failure for lib's lack of that test.
        String modules = caller.getClassName().startsWith("govlens.jobs.")
                ? "lib,jobs -Dsurefire.failIfNoSpecifiedTests=false"
                : "lib";
        int n = iterations(defaultIterations);
        // Different tests draw different streams from the same run seed.
        long base = SEED ^ ((long) (test + "#" + caller.getMethodName()).hashCode() << 32);
        for (int i = 0; i < n; i++) {
            T input = generator.apply(new Random(base + 0x9E3779B97F4A7C15L * i));
            try {
                check.check(input);
            } catch (Throwable e) {
                if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                    throw (VirtualMachineError) e;
                }
                String minimal = "";
                if (input instanceof String s) {
                    @SuppressWarnings("unchecked")
                    Check<String> c = (Check<String>) check;
                    String m = minimize(s, c);
                    Throwable why = failureOf(m, c);
                    minimal = "\n  minimal input: " + shorten(escape(m), 3000) + "\n  minimal failure: "
                            + shorten(String.valueOf(why), 3000);
                }
                throw new AssertionError(
                        "random input failed: seed " + Long.toHexString(SEED).toUpperCase() + ", iteration " + i
                                + " of " + n + "\n  replay: mvn -B -o test -pl " + modules + " -Dtest=" + test + "#"
                                + caller.getMethodName() + " -D" + SEED_PROPERTY + "="
                                + Long.toHexString(SEED).toUpperCase() + " -D" + ITERATIONS_PROPERTY + "=" + (i + 1)
                                + "\n  failure: " + shorten(e.toString(), 3000) + "\n  input: "
                                + shorten(describe.apply(input), 3000) + minimal,
                        e);
            }
        }
    }

    /**
     * A shorter input that still fails {@code check}: deletes ever smaller chunks while the failure persists
     * (a simple delta debugging), within a budget of 3,000 checks or 30 seconds.
     */
    public static String minimize(String input, Check<String> check) {
        String cur = input;
        long deadline = System.nanoTime() + 30_000_000_000L;
        int budget = 3000;
        for (int chunk = Math.max(1, cur.length() / 2); chunk >= 1; chunk = chunk == 1 ? 0 : Math.max(1, chunk / 2)) {
            int i = 0;
            while (i < cur.length() && budget-- > 0 && System.nanoTime() < deadline) {
                String candidate = cur.substring(0, i) + cur.substring(Math.min(cur.length(), i + chunk));
                if (failureOf(candidate, check) != null) {
                    cur = candidate;
                } else {
                    i += chunk;
                }
            }
        }
        return cur;
    }

    private static Throwable failureOf(String input, Check<String> check) {
        try {
            check.check(input);
            return null;
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (VirtualMachineError) e;
            }
            return e;
        }
    }

    /** Java-escaped text: control, format, surrogate and non-ASCII whitespace characters as \\uXXXX. */
    public static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (Character.isISOControl(c)
                    || Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c) && isPairAt(s, i))
                            && !(Character.isLowSurrogate(c) && i > 0 && isPairAt(s, i - 1))
                    || Character.getType(c) == Character.FORMAT
                    || (c > 0x7F && Character.isSpaceChar(c))) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static boolean isPairAt(String s, int i) {
        return i + 1 < s.length()
                && Character.isHighSurrogate(s.charAt(i))
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /** Bytes as hex pairs. */
    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            sb.append(String.format("%02X ", b & 0xFF));
        }
        return sb.toString().strip();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "… (" + s.length() + " chars)";
    }

    // ------------------------------------------------------------------------------------------------ texts

    /** Any text: mostly report-like, else a character soup, a short fragment or a blank text. */
    public static String anyText(Random r) {
        int k = r.nextInt(20);
        if (k < 13) {
            return reportLike(r);
        }
        if (k < 16) {
            return charSoup(r, r.nextInt(600));
        }
        if (k < 18) {
            return fragments(r, 1 + r.nextInt(12));
        }
        return blank(r);
    }

    /** Empty or whitespace-only text of every kind of space and line end. */
    public static String blank(Random r) {
        String[] spaces = {"", " ", "\t", "\n", "\r\n", "\r", "\u3000", "\u00A0", "\u2028", "\f", "\u200B", "\uFEFF"};
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(pick(r, spaces));
        }
        return sb.toString();
    }

    /** A report: frame, numbered parts with generated sentences, and noise of every kind. */
    public static String reportLike(Random r) {
        List<String> lines = new ArrayList<>();
        String region = pick(r, REGIONS);
        int year = 2015 + r.nextInt(12);
        if (r.nextInt(3) == 0) {
            for (int i = r.nextInt(4); i >= 0; i--) {
                lines.add(furnitureLine(r));
            }
        }
        if (r.nextBoolean()) {
            lines.add(region.substring(0, 1) + "政〔" + (year + 1) + "〕" + (1 + r.nextInt(60)) + "号");
        }
        lines.add(region + pick(r, BODIES) + "关于" + year + "年度法治政府建设情况的报告");
        if (r.nextBoolean()) {
            lines.add(pick(r, "市委:", "省人民政府:", "各位代表:", "县委、县人大常委会:"));
        }
        lines.add(year + "年," + region + sentenceBody(r) + "。现将有关情况报告如下:");
        int parts = 1 + r.nextInt(5);
        int[] cn = {0};
        for (int p = 1; p <= parts; p++) {
            lines.add(heading(r, 1, p) + pick(r, PART_TITLES));
            int subs = r.nextInt(4);
            for (int s = 1; s <= subs; s++) {
                lines.add(heading(r, 2, s) + pick(r, SUB_TITLES));
                int paras = 1 + r.nextInt(3);
                for (int q = 0; q < paras; q++) {
                    lines.add(paragraph(r, cn));
                }
            }
            if (subs == 0) {
                lines.add(paragraph(r, cn));
            }
        }
        if (r.nextBoolean()) {
            lines.add("在取得成绩的同时,我们也清醒地看到,工作中还存在一些不足。" + sentence(r) + "。");
        }
        if (r.nextBoolean()) {
            lines.add((year + 1) + "年,我们将" + sentenceBody(r) + "。");
        }
        lines.add(region + pick(r, BODIES));
        lines.add((year + 1) + "年" + (1 + r.nextInt(12)) + "月" + (1 + r.nextInt(28)) + "日");
        return noisy(r, lines);
    }

    /**
     * {@code text} with the noise of {@link #reportLike}: lines inserted or damaged, other line ends, and now and
     * then traditional characters, mixed widths or odd characters sprinkled in. For texts from elsewhere (the jobs
     * module's synthetic reports).
     */
    public static String addNoise(Random r, String text) {
        return noisy(r, new ArrayList<>(Arrays.asList(text.split("\n", -1))));
    }

    private static String noisy(Random r, List<String> lines) {
        int noise = r.nextInt(8);
        for (int i = 0; i < noise; i++) {
            injectNoise(r, lines);
        }
        String sep = pick(r, "\n", "\n", "\n\n", "\r\n", "\n \n", "\n\u3000\u3000");
        String text = String.join(sep, lines);
        if (r.nextInt(6) == 0) {
            text = traditional(r, text);
        }
        if (r.nextInt(6) == 0) {
            text = widthMix(r, text);
        }
        if (r.nextInt(8) == 0) {
            text = sprinkle(r, text);
        }
        return text;
    }

    /** A web page: report fragments in random tags (content containers, navigation, scripts, comments, tables). */
    public static String html(Random r) {
        StringBuilder sb = new StringBuilder();
        if (r.nextBoolean()) {
            sb.append("<!DOCTYPE html><html><head><title>").append(sentence(r)).append("_某市人民政府</title></head><body>");
        }
        String[] open = {
            "<p>",
            "<div class=\"content\">",
            "<div id=\"nav\">",
            "<td>",
            "<li>",
            "<h2>",
            "<span>",
            "<script>var a='<p>';",
            "<br>",
            "<div class=\"TRS_Editor\">",
            "<footer>",
            "<table><tr>",
            "<!--",
            "<p"
        };
        String[] close = {
            "</p>", "</div>", "</td>", "</li>", "</h2>", "</span>", "</script>", "</footer>", "-->", "</tr></table>", ""
        };
        int n = r.nextInt(30);
        for (int i = 0; i < n; i++) {
            sb.append(pick(r, open));
            sb.append(fragments(r, 1 + r.nextInt(4)).replace("<", "&lt;"));
            sb.append(pick(r, close));
        }
        return sb.toString();
    }

    /** Random report pieces glued without structure. */
    public static String fragments(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(6)) {
                case 0 -> sb.append(heading(r, 1 + r.nextInt(4), 1 + r.nextInt(14)));
                case 1 -> sb.append(number(r));
                case 2 -> sb.append(furnitureLine(r));
                case 3 -> sb.append(pick(r, ODD));
                case 4 -> sb.append(pick(r, "\n", "\n\n", "。", ";", " ", "\r"));
                default -> sb.append(sentence(r));
            }
        }
        return sb.toString();
    }

    /** Random UTF-16 units: CJK, ASCII, punctuation, odd characters and, sometimes, any unit at all. */
    public static String charSoup(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(12);
            if (k < 4) {
                sb.append((char) (0x4E00 + r.nextInt(0x5200)));
            } else if (k < 6) {
                sb.append((char) r.nextInt(0x80));
            } else if (k < 8) {
                sb.append(PUNCT.charAt(r.nextInt(PUNCT.length())));
            } else if (k < 10) {
                sb.append(pick(r, ODD));
            } else if (k < 11) {
                sb.appendCodePoint(0x10000 + r.nextInt(0x30000));
            } else {
                sb.append((char) r.nextInt(0x10000));
            }
        }
        return sb.toString();
    }

    private static String heading(Random r, int level, int n) {
        int ord = r.nextInt(10) == 0 ? 1 + r.nextInt(15) : n; // out of order now and then
        String cn = chineseOrdinal(ord);
        return switch (level) {
            case 1 -> cn + pick(r, "、", "、", "、 ", ".");
            case 2 -> pick(r, "(", "（") + cn + pick(r, ")", "）");
            case 3 -> ord + pick(r, ".", "、", "．");
            default -> pick(r, "(", "（") + ord + pick(r, ")", "）");
        };
    }

    private static String chineseOrdinal(int n) {
        String d = "零一二三四五六七八九";
        if (n < 10) {
            return String.valueOf(d.charAt(n));
        }
        if (n < 20) {
            return "十" + (n % 10 == 0 ? "" : String.valueOf(d.charAt(n % 10)));
        }
        return d.charAt(n / 10) + "十" + (n % 10 == 0 ? "" : String.valueOf(d.charAt(n % 10)));
    }

    private static String paragraph(Random r, int[] counter) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(3) == 0) {
            // 一是…,二是… lead-ins, sometimes out of order
            int n = 1 + r.nextInt(4);
            for (int i = 1; i <= n; i++) {
                int ord = r.nextInt(8) == 0 ? 1 + r.nextInt(9) : i;
                sb.append(chineseOrdinal(ord))
                        .append("是")
                        .append(sentenceBody(r))
                        .append(pick(r, "。", ";", "。"));
            }
        } else if (r.nextInt(4) == 0) {
            int n = 1 + r.nextInt(5);
            for (int i = 1; i <= n; i++) {
                sb.append(i).append(pick(r, ".", "、")).append(sentenceBody(r)).append("。");
                if (r.nextBoolean()) {
                    sb.append('\n');
                }
            }
        } else {
            int n = 1 + r.nextInt(6);
            for (int i = 0; i < n; i++) {
                sb.append(sentence(r)).append(pick(r, "。", "。", "。", ";", "!", "?", "…", ",", "", "。”"));
            }
        }
        counter[0]++;
        return sb.toString();
    }

    /** A sentence body without final punctuation. */
    public static String sentence(Random r) {
        return pick(r, SUBJECTS) + sentenceBody(r);
    }

    private static String sentenceBody(Random r) {
        StringBuilder sb = new StringBuilder();
        int clauses = 1 + r.nextInt(4);
        for (int c = 0; c < clauses; c++) {
            if (c > 0) {
                sb.append(pick(r, ",", "，", "、", ";", ",", ", "));
            }
            switch (r.nextInt(5)) {
                case 0 -> sb.append(pick(r, VERBS)).append(pick(r, OBJECTS));
                case 1 ->
                    sb.append(pick(r, OBJECTS))
                            .append(pick(r, "达", "为", "共", "累计", "同比增长", "下降"))
                            .append(number(r));
                case 2 ->
                    sb.append(pick(r, VERBS))
                            .append(number(r))
                            .append(pick(r, "", "余", "多"))
                            .append(pick(r, UNITS))
                            .append(pick(r, OBJECTS));
                case 3 ->
                    sb.append("印发《")
                            .append(pick(r, OBJECTS))
                            .append("实施方案》(")
                            .append(pick(r, "市政办发", "县政发", "府办"))
                            .append("〔")
                            .append(2015 + r.nextInt(12))
                            .append("〕")
                            .append(1 + r.nextInt(99))
                            .append("号)");
                default -> sb.append(pick(r, VERBS)).append(pick(r, OBJECTS)).append(pick(r, "工作", "机制", "体系"));
            }
        }
        return sb.toString();
    }

    /** A number in one of the notations reports use. */
    public static String number(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> Integer.toString(r.nextInt(100000));
            case 1 -> r.nextInt(1000) + "." + r.nextInt(100);
            case 2 -> r.nextInt(101) + "." + r.nextInt(100) + pick(r, "%", "％", "个百分点");
            case 3 -> r.nextInt(1000) + "." + r.nextInt(10) + pick(r, "万", "亿", "万元", "亿元");
            case 4 -> pick(r, CN_NUMBERS);
            case 5 -> (2000 + r.nextInt(30)) + "年" + (1 + r.nextInt(12)) + "月" + (1 + r.nextInt(31)) + "日";
            case 6 -> (2000 + r.nextInt(30)) + "-" + (1 + r.nextInt(12)) + "-" + (1 + r.nextInt(31));
            case 7 -> "〔" + (1990 + r.nextInt(40)) + "〕" + r.nextInt(200) + "号";
            case 8 -> "１２３４５６７８９０".substring(0, 1 + r.nextInt(9));
            case 9 -> pick(r, "12345", "110", "0351-1234567", "13800000000", "第3次", "1.2.3");
            case 10 -> r.nextInt(100) + "/" + (1 + r.nextInt(100));
            default -> Long.toString(r.nextLong());
        };
    }

    private static String furnitureLine(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> "首页 > " + pick(r, "政务公开", "法治政府", "通知公告") + " > 正文";
            case 1 -> "来源:" + pick(r, "某市司法局", "本网", "");
            case 2 -> "发布时间:" + (2018 + r.nextInt(8)) + "-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10);
            case 3 -> pick(r, "打印本页", "【打印】【关闭】", "字号:大 中 小", "扫一扫在手机打开当前页面", "分享到:");
            case 4 ->
                pick(r, "http://www.example.gov.cn/art/2023/1/2/art_1.html", "www.example.com", "https://a.b/c?d=e");
            case 5 -> pick(r, "某某文库—海量资料每日更新www.example.com", "文档下载网—专业文档分享www.wendang.net");
            case 6 -> pick(r, "版权所有:某市人民政府办公室 ICP备12345678号", "网站标识码:1234000001", "联系电话:0351-1234567");
            case 7 -> pick(r, "责任编辑:", "编辑:张三", "阅读量:123次", "相关链接", "上一篇:某某", "今天是:2021年3月9日 星期二");
            case 8 -> pick(r, "#", "---", "***", ">", "> 引用", "| 表 | 格 |", "|---|---|");
            default -> pick(r, "时间:", "来源:", "信息来源:");
        };
    }

    private static void injectNoise(Random r, List<String> lines) {
        int at = r.nextInt(lines.size() + 1);
        switch (r.nextInt(14)) {
            case 0 -> lines.add(at, pick(r, "一、", "(十二)", "（十二）", "十、", "1.", "一是", "二、", "(一)")); // bare headings
            case 1 -> lines.add(at, "一是" + sentenceBody(r) + "二是" + sentenceBody(r)); // lead-ins
            case 2 -> lines.add(at, furnitureLine(r));
            case 3 -> lines.add(at, longLine(r));
            case 4 -> lines.add(at, pick(r, ODD) + sentence(r) + pick(r, ODD));
            case 5 -> lines.add(at, "");
            case 6 -> lines.add(at, pick(r, "\u3000\u3000", "  ", "\t"));
            case 7 -> {
                // a line cut by a page break, mid-word
                String s = sentence(r) + sentence(r) + sentence(r);
                int cut = r.nextInt(s.length() + 1);
                lines.add(at, s.substring(0, cut));
                lines.add(Math.min(at + 1, lines.size()), s.substring(cut) + "。");
            }
            case 8 -> lines.add(at, "## " + pick(r, PART_TITLES));
            case 9 -> lines.add(at, "**" + pick(r, SUB_TITLES) + "**");
            case 10 -> lines.add(at, number(r) + number(r) + pick(r, UNITS));
            case 11 -> lines.add(at, sentence(r) + "(" + pick(r, "jiàn", "shè", "x") + ")" + "。");
            case 12 -> lines.add(at, pick(r, "\f", "\u000B", "\u0085", "\u2029"));
            default -> {
                if (!lines.isEmpty()) {
                    int i = r.nextInt(lines.size());
                    String l = lines.get(i);
                    int k = r.nextInt(l.length() + 1);
                    lines.set(i, l.substring(0, k) + pick(r, ODD) + l.substring(k)); // noise inside a line
                }
            }
        }
    }

    /** A line without punctuation: mostly a few thousand characters, now and then 100,000. */
    private static String longLine(Random r) {
        int n = r.nextInt(20) == 0 ? 100_000 : 200 + r.nextInt(3000);
        StringBuilder sb = new StringBuilder(n);
        String pool = r.nextBoolean() ? "法治政府建设行政执法复议诉讼监督依法决策公开规范" : "法治0123456789abc 政府";
        while (sb.length() < n) {
            sb.append(pool.charAt(r.nextInt(pool.length())));
            if (r.nextInt(2000) == 0) {
                sb.append("𠀀");
            }
        }
        return sb.toString();
    }

    private static String traditional(Random r, String text) {
        StringBuilder sb = new StringBuilder(text);
        for (int i = 0; i < sb.length(); i++) {
            int k = SIMPLIFIED.indexOf(sb.charAt(i));
            if (k >= 0 && r.nextInt(3) > 0) {
                sb.setCharAt(i, TRADITIONAL.charAt(k));
            }
        }
        return sb.toString();
    }

    private static String widthMix(Random r, String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x20 && c < 0x7F && r.nextBoolean()) {
                sb.append((char) (c + 0xFEE0));
            } else if (c >= 0xFF01 && c <= 0xFF5E && r.nextBoolean()) {
                sb.append((char) (c - 0xFEE0));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Odd characters at random places. */
    private static String sprinkle(Random r, String text) {
        StringBuilder sb = new StringBuilder(text);
        int n = 1 + r.nextInt(20);
        for (int i = 0; i < n; i++) {
            sb.insert(r.nextInt(sb.length() + 1), pick(r, ODD));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ bytes

    /** Bytes of a text in one of the encodings reports come in, then possibly damaged; with a description. */
    public record Bytes(byte[] bytes, String how, String text) {
        @Override
        public String toString() {
            return how + " of " + escape(text) + "\n  bytes: " + shorten(hex(bytes), 3000);
        }
    }

    private static final Charset GB18030 = Charset.forName("GB18030");

    /** The encodings {@link #encode} draws from. */
    public enum Encoding {
        UTF8,
        UTF8_BOM,
        GB18030,
        UTF16LE_BOM,
        UTF16BE_BOM,
        UTF16LE,
        UTF16BE
    }

    /** {@code text} in {@code e}, BOM included where the encoding has one. */
    public static byte[] encode(String text, Encoding e) {
        return switch (e) {
            case UTF8 -> text.getBytes(StandardCharsets.UTF_8);
            case UTF8_BOM ->
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8));
            case GB18030 -> text.getBytes(GB18030);
            case UTF16LE_BOM -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
            case UTF16BE_BOM -> concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
            case UTF16LE -> text.getBytes(StandardCharsets.UTF_16LE);
            case UTF16BE -> text.getBytes(StandardCharsets.UTF_16BE);
        };
    }

    /** A random text in a random encoding, damaged now and then (truncated, bytes flipped, invalid sequences). */
    public static Bytes byteSoup(Random r) {
        if (r.nextInt(10) == 0) {
            byte[] b = new byte[r.nextInt(2000)];
            r.nextBytes(b);
            return new Bytes(b, "random bytes", "");
        }
        String text = r.nextInt(4) == 0 ? charSoup(r, r.nextInt(400)) : reportLike(r);
        Encoding e = Encoding.values()[r.nextInt(Encoding.values().length)];
        byte[] b = encode(text, e);
        String how = e.toString();
        switch (r.nextInt(6)) {
            case 0 -> {
                int cut = b.length == 0 ? 0 : r.nextInt(b.length);
                b = Arrays.copyOf(b, cut);
                how += ", truncated at byte " + cut;
            }
            case 1 -> {
                int n = 1 + r.nextInt(5);
                for (int i = 0; i < n && b.length > 0; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                how += ", " + n + " bytes replaced";
            }
            case 2 -> {
                byte[][] bad = {
                    {(byte) 0xC0, (byte) 0x80},
                    {(byte) 0xFF},
                    {(byte) 0x80},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xE4, (byte) 0xB8},
                    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    {(byte) 0x81}
                };
                byte[] ins = bad[r.nextInt(bad.length)];
                int at = r.nextInt(b.length + 1);
                b = concat(concat(Arrays.copyOf(b, at), ins), Arrays.copyOfRange(b, at, b.length));
                how += ", invalid sequence inserted at byte " + at;
            }
            default -> {}
        }
        return new Bytes(b, how, text);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ------------------------------------------------------------------------------------------------ pools

    @SafeVarargs
    public static <T> T pick(Random r, T... xs) {
        return xs[r.nextInt(xs.length)];
    }

    private static final String[] REGIONS = {
        "临汾市", "岚县", "南昌县", "朝阳区", "铜梁区", "兴安盟", "延边朝鲜族自治州", "城区", "某市", "东城區", "宁夏回族自治区", "福州市鼓楼区"
    };
    private static final String[] BODIES = {"人民政府", "司法局", "人民政府办公室", "街道办事处", "镇人民政府", ""};
    private static final String[] PART_TITLES = {
        "主要举措和成效", "存在的问题和不足", "下一步工作打算", "党政主要负责人履行推进法治建设第一责任人职责情况", "工作回顾", "其他需要报告的事项", ""
    };
    private static final String[] SUB_TITLES = {
        "深化行政审批制度改革", "严格规范公正文明执法", "强化行政权力制约监督", "依法有效化解矛盾纠纷", "全面提升依法行政能力", "加强组织领导"
    };
    private static final String[] SUBJECTS = {
        "全市", "我县", "区司法局", "各乡镇", "市政府常务会议", "全年", "行政复议机关", "本机关", "今年以来", "We", ""
    };
    private static final String[] VERBS = {"推进", "完善", "落实", "健全", "开展", "办理", "受理", "审结", "清理", "培训", "公开"};
    private static final String[] OBJECTS = {
        "行政复议案件", "规范性文件", "法律顾问制度", "双随机、一公开监管", "政务服务事项", "行政执法人员", "重大行政决策", "12345政务服务便民热线", "诉源治理"
    };
    private static final String[] UNITS = {"件", "人次", "个", "项", "名", "场", "份", "万元", "次", "%"};
    private static final String[] CN_NUMBERS = {
        "一百二十三件", "三十余名", "二〇二三年", "十二万", "两千五百人次", "百分之九十五", "第十二", "一万零三", "三千余份", "〇"
    };
    private static final String[] ODD = {
        "𠀀",
        "𪚥",
        "😀",
        "👍🏽",
        "\u0000",
        "\u0007",
        "\u001B",
        "\u007F",
        "\u200B",
        "\u200D",
        "\uFEFF",
        "\u00AD",
        "\u202E",
        "\uD800",
        "\uDC00",
        "\uFFFD",
        "\uFFFF",
        "e\u0301",
        "\u1100\u1161",
        "Ａ",
        "１２",
        "，",
        "（",
        "）",
        "：",
        "\u3000",
        "\u00A0",
        "\t",
        "\r",
        "\u2028",
        "•",
        "·",
        "…",
        "——",
        "\uE000",
        "ﬁ",
        "①",
        "Ⅻ",
        "㈠",
        "〔",
        "〕"
    };
    private static final String PUNCT = "\n\n\r :：,，。、;；!?！？《》〔〕()（）“”‘’【】—…%％年月日号一二三是";
    private static final String SIMPLIFIED = "关于报告县区国实对发时间务办机开经这们进说为过会";
    private static final String TRADITIONAL = "關於報告縣區國實對發時間務辦機開經這們進說為過會";
}
