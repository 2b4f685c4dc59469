package govlens.lib.text;

import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keyword rules that decide a section's kind from its heading, and that spot paragraphs opening an
 * un-headed problems or plans part. The rules are small and fixed for the genre, so they live here as
 * compiled constants rather than in a conf/ resource.
 */
final class SectionKinds {
    private SectionKinds() {}

    // Top-level headings name the part of the report outright ("二、存在的不足", "三、下一步工作打算"), so
    // broad cues are safe there.
    private static final Pattern BROAD_PROBLEMS =
            Pattern.compile("存在的?(主要)?(问题|不足)|不足|差距|短板|困难和问题|问题和不足|问题与不足|薄弱环节|主要问题|面临的(困难|挑战)");
    private static final Pattern BROAD_PLANS = Pattern.compile(
            "下一步|下步|下一阶段|下一年度|今后|明年|工作打算|工作安排|工作计划|工作思路|重点工作|重点任务|主要任务|工作任务|主要目标|目标任务|工作目标|计划|打算|思路|展望");
    private static final Pattern BROAD_ACHIEVEMENTS =
            Pattern.compile("主要举措|举措|成效|成绩|做法|工作情况|开展情况|推进情况|落实情况|完成情况|进展|取得|工作回顾|回顾|成就|主要工作|基本情况|总体情况");

    // Sub-headings mostly describe a measure ("(三)持续推进法治政府建设举措任务" sits under plans), so only
    // phrases that name a report part may override the inherited kind.
    private static final Pattern STRONG_PROBLEMS = Pattern.compile("存在的?(主要)?(问题|不足)|问题和不足|不足之处|差距和不足|困难和问题|薄弱环节");
    private static final Pattern STRONG_PLANS = Pattern.compile("下一步|下一阶段|下一年度|今后的?工作|工作打算|工作安排|工作计划|工作思路");
    private static final Pattern STRONG_ACHIEVEMENTS = Pattern.compile("主要做法|主要举措|工作成效|主要成效|取得的成效|工作开展情况|工作回顾");

    /** Kind decided by a top-level heading, or null when its wording decides nothing. */
    static String classifyTopLevel(String heading) {
        return earliest(heading, BROAD_PROBLEMS, BROAD_PLANS, BROAD_ACHIEVEMENTS);
    }

    /** Kind decided by a nested or lead-in heading, or null so that the parent's kind is inherited. */
    static String classifyNested(String heading) {
        return earliest(heading, STRONG_PROBLEMS, STRONG_PLANS, STRONG_ACHIEVEMENTS);
    }

    // When a heading names two parts ("存在的主要问题及改进情况"), the one named first is what the section
    // is about; ties go to problems, then plans.
    private static String earliest(String heading, Pattern problems, Pattern plans, Pattern achievements) {
        if (heading == null) {
            return null;
        }
        heading = TraditionalChars.simplify(heading); // 存在的問題 is 存在的问题
        String kind = null;
        int best = Integer.MAX_VALUE;
        Pattern[] patterns = {problems, plans, achievements};
        String[] kinds = {Section.KIND_PROBLEMS, Section.KIND_PLANS, Section.KIND_ACHIEVEMENTS};
        for (int i = 0; i < patterns.length; i++) {
            Matcher m = patterns[i].matcher(heading);
            if (m.find() && m.start() < best) {
                best = m.start();
                kind = kinds[i];
            }
        }
        return kind;
    }

    // Openers of an un-headed problems part: "在取得成绩的同时,我们也清醒的认识到…", "同时也要看到…",
    // "存在的问题主要是…".
    private static final Pattern PROBLEMS_OPENER_START =
            Pattern.compile("^(但是?|然而|同时)?,?(在(充分)?(取得|看到|肯定|总结)(成绩|成效|进展|成就)(和经验)?的?同时"
                    + "|同时(也|还)?(要|应|必须)?(清醒|深刻)?[地的]?(看到|认识到)"
                    + "|我们(也|还)?(要)?(清醒|深刻)[地的]?(看到|认识到)"
                    + "|(但是?)?(也|还)?(要)?清醒[地的]?(看到|认识到)"
                    + "|(当前|目前)?存在的(主要)?(问题|不足)(主要)?(是|有|表现))");
    // "…还存在一定差距,主要表现在:" anywhere in the opening sentence.
    private static final Pattern PROBLEMS_OPENER_SENTENCE =
            Pattern.compile("(还|仍|仍然|依然|也)(存在|有)着?(一些|一定|不少|诸多|许多|较多)?的?(不足|差距|问题|短板|薄弱环节|困难)");

    /** True when a paragraph announces the problems part of a report. */
    static boolean opensProblems(String raw) {
        String paragraph = TraditionalChars.simplify(raw);
        if (PROBLEMS_OPENER_START.matcher(paragraph).find()) {
            return true;
        }
        return PROBLEMS_OPENER_SENTENCE.matcher(firstSentence(paragraph)).find();
    }

    private static final Pattern PLANS_OPENER_WORD = Pattern.compile("^(下一步|下步|下一阶段|下一年度|明年|新的一年|今后)");
    private static final Pattern PLANS_OPENER_YEAR = Pattern.compile("^(20\\d\\d)\\s*年");
    private static final Pattern FUTURE_COMMITMENT =
            Pattern.compile("我们将|将(坚持|继续|进一步|全力|重点|着力|持续|深入|紧紧|围绕|聚焦|全面|认真|切实|以)");
    private static final Pattern YEAR = Pattern.compile("(20\\d\\d)\\s*年");

    /**
     * True when a paragraph announces next-year work: it starts with 下一步/下一年度/明年/今后…, or with a year
     * later than the report's own year ({@code reportYear} yields it, -1 when unknown; only asked for when the
     * paragraph starts with a year) and commits to future action ("我们将…", "将坚持…") within its opening
     * 300 characters.
     */
    static boolean opensPlans(String paragraph, IntSupplier reportYear) {
        if (PLANS_OPENER_WORD.matcher(paragraph).find()) {
            return true;
        }
        Matcher y = PLANS_OPENER_YEAR.matcher(paragraph);
        if (!y.find()) {
            return false;
        }
        int year = reportYear.getAsInt();
        if (year < 0 || Integer.parseInt(y.group(1)) <= year) {
            return false;
        }
        String head = paragraph.length() > 300 ? paragraph.substring(0, 300) : paragraph;
        return FUTURE_COMMITMENT.matcher(head).find();
    }

    /**
     * The year a report is about, guessed as the most frequent "20XX年" in {@code text} (the report year
     * dominates the achievements part); -1 when none occurs. Ties go to the earlier year, the conservative
     * choice for {@link #opensPlans}.
     */
    static int dominantYear(CharSequence text) {
        int[] counts = new int[100];
        Matcher m = YEAR.matcher(text);
        while (m.find()) {
            counts[Integer.parseInt(m.group(1)) - 2000]++;
        }
        int best = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && (best < 0 || counts[i] > counts[best])) {
                best = i;
            }
        }
        return best < 0 ? -1 : 2000 + best;
    }

    private static String firstSentence(String paragraph) {
        int end = Punctuation.nextSentenceEnd(paragraph, 0);
        return end < 0 ? paragraph : paragraph.substring(0, end);
    }
}
