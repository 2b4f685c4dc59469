package govlens.lib.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TextCleanerTest {

    private static String clean(String raw) {
        return TextCleaner.clean(raw).text();
    }

    /** A body line long enough (≥ 60 chars) to count as running text. */
    private static final String LONG = "按照理顺职责整合队伍减少层级推动力量下沉工作要求制定全市综合行政执法改革工作方案稳妥推进改革并举办习近平法治思想专题培训班行政执";

    static Stream<Path> samples() throws IOException {
        Path dir = Path.of("..", "data", "sample");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("data", "sample");
        }
        return Files.list(dir).filter(p -> p.toString().endsWith(".txt")).sorted();
    }

    private static String sample(String prefix) throws IOException {
        try (Stream<Path> s = samples()) {
            Path p = s.filter(x -> x.getFileName().toString().startsWith(prefix))
                    .findFirst()
                    .orElseThrow();
            return Files.readString(p, StandardCharsets.UTF_8);
        }
    }

    // CRLF and lone CR become LF; every non-empty line is a paragraph separated by one blank line.
    @Test
    void lineEndsAndParagraphs() {
        assertEquals("一、总体情况\n\n市委:\n\n正文。", clean("一、总体情况\r\n市委:\r\r\r\n\n正文。\r"));
    }

    // BOM and zero-width characters are removed.
    @Test
    void removesBomAndZeroWidth() {
        CleanResult r = TextCleaner.clean("\uFEFF法治\u200B政府\u200D建设。");
        assertEquals("法治政府建设。", r.text());
        assertEquals(List.of("invisible_chars_removed"), r.flags());
    }

    // Full-width ASCII forms fold to ASCII while Chinese punctuation stays.
    @Test
    void foldsFullWidthKeepsChinesePunctuation() {
        CleanResult r = TextCleaner.clean("受理１２件（占比９７．９３％），其中：“放管服”、《条例》〔2025〕【注】——完…");
        assertEquals("受理12件(占比97.93%),其中:“放管服”、《条例》〔2025〕【注】——完…", r.text());
        assertTrue(r.flags().contains("width_folded"));
    }

    // Decomposed characters are composed (NFC).
    @Test
    void appliesNfc() {
        assertEquals("Cafe\u0301 report".replace("e\u0301", "\u00E9"), clean("Cafe\u0301 report"));
    }

    // Tabs, ideographic spaces and leading indentation disappear; trailing spaces are trimmed.
    @Test
    void removesIndentationAndTrailingSpaces() {
        assertEquals("一、聚焦工程\n\n我市坚持依法行政。", clean("\t\u3000\u3000一、聚焦工程  \n  我市坚持依法行政。\u3000 "));
    }

    // Spaces between CJK characters (PDF artefacts) are removed.
    @Test
    void removesSpacesBetweenCjk() {
        assertEquals("临汾市人民政府关于临汾市2024年度法治政府建设情况的报告", clean("临汾市人民政府 关于临汾市2024年度法治政府建设情况的 报 告"));
    }

    // Spaces between a number and a CJK character are removed.
    @Test
    void removesSpacesBetweenDigitsAndCjk() {
        assertEquals("办结提案403件,受理3.2万人次", clean("办结提案 403 件,受理 3.2 万人次"));
    }

    // Spaces next to a date or time token are kept, as are spaces between Latin words; runs shrink to one.
    @Test
    void keepsSpacesAroundDatesAndLatin() {
        assertEquals("2022-02-14 来源: 临汾市人民政府办公室", clean("2022-02-14 来源: 临汾市人民政府办公室"));
        assertEquals("使用IE 10 or later 浏览", clean("使用IE 10   or later 浏览"));
    }

    // Markdown heading markers, bold markers and quote markers are removed; the heading keeps its own line.
    @Test
    void stripsMarkdown() {
        CleanResult r = TextCleaner.clean("## 二、存在的不足\n\n> 我市**法治政府**建设还存在__一些__不足。\n\n---\n");
        assertEquals("二、存在的不足\n\n我市法治政府建设还存在一些不足。", r.text());
        assertTrue(r.flags().contains("markdown_stripped"));
    }

    // A paragraph cut by a page break ("行政执" / "法更加优化") is re-joined.
    @Test
    void joinsPageBreakInsideParagraph() {
        CleanResult r = TextCleaner.clean(LONG + "\n\n法更加优化。");
        assertEquals(LONG + "法更加优化。", r.text());
        assertTrue(r.flags().contains("page_breaks_joined"));
    }

    // A short lead-in paragraph with a sentence end inside is joined across the break too.
    @Test
    void joinsShortParagraphThatAlreadyHasASentence() {
        assertEquals("(二)持续完善法治政府建设推进机制。加强党对法治政府建设的领导。", clean("(二)持续完善法治政府建设推进机制。加强党对法治政府\n\n建设的领导。"));
    }

    // A line ending in a comma or 、 continues on the next line whatever its length.
    @Test
    void joinsAfterComma() {
        assertEquals("行政执法统计报告制度、乡(镇)执法协助制度。", clean("行政执法统计报告制度、\n\n乡(镇)执法协助制度。"));
    }

    // A heading is never joined with the paragraph that follows it.
    @Test
    void doesNotJoinHeading() {
        assertEquals(
                "(一)强化党的领导,有力推动了法治政府建设\n\n市政府主要负责人高度重视法治政府建设。",
                clean("#### (一)强化党的领导,有力推动了法治政府建设\n\n市政府主要负责人高度重视法治政府建设。"));
    }

    // A short title line without punctuation is not joined with the next line.
    @Test
    void doesNotJoinShortTitle() {
        assertEquals("中共岚县县委文件\n\n关于2023年度法治政府建设情况的报告", clean("中共岚县县委文件\n\n关于2023年度法治政府建设情况的报告"));
    }

    // A long line is not joined when the next line starts a new numbered item.
    @Test
    void doesNotJoinBeforeNumberedItem() {
        assertEquals(LONG + "\n\n一是加强组织领导。", clean(LONG + "\n\n一是加强组织领导。"));
    }

    // A one-line breadcrumb ("首页 > 专题 > …") is removed.
    @Test
    void removesBreadcrumbLine() {
        assertEquals("报告正文。", clean("首页\u00A0>\u00A0专题\u00A0>\u00A0法治政府建设\n\n报告正文。"));
    }

    // A breadcrumb scraped one link per line is removed up to the title.
    @Test
    void removesMultiLineBreadcrumb() {
        assertEquals("2026年宁夏回族自治区政府工作报告", clean("当前位置:\n首页\n>\n政务信息\n>\n宁夏要闻\n2026年宁夏回族自治区政府工作报告"));
    }

    // Font-size controls ("【字号:" and the lines after it) and toolbar words are removed.
    @Test
    void removesFontControlsAndToolbar() {
        assertEquals("2026年北京市政府工作报告", clean("下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年北京市政府工作报告\n【\n打印本页\n】\n关闭窗口"));
    }

    // Site footer lines are removed, a report sentence mentioning 下载 or 浏览器 is kept.
    @Test
    void removesFooterButKeepsSentences() {
        String raw = "扫一扫在手机打开当前页面\n网站地图 联系我们\n主办单位:山西省临汾市人民政府办公室 © 版权所有\n"
                + "晋ICP备05003731号 网站标识码:1410000039\n晋公网安备 14100002000001号\n涉密文件严禁上网\n"
                + "使用大于1366*768分辨率/IE10.0或以上浏览器可以获得最佳浏览效果!\n适老化无障碍服务认证标识\n"
                + "推行政务服务事项表格下载、网上申报,群众可通过浏览器办理。";
        assertEquals("推行政务服务事项表格下载、网上申报,群众可通过浏览器办理。", clean(raw));
    }

    // Contact lines are removed.
    @Test
    void removesContactLines() {
        assertEquals("正文。", clean("正文。\n\n(联系人:马晶晶 15135786270)\n\n联系电话:0357-1234567"));
    }

    // A photo caption crediting a reporter is removed, a sentence about reporters is not.
    @Test
    void removesPhotoCaption() {
        assertEquals(
                "各位代表:\n\n市政府接受本报记者采访。", clean("殷勇同志作政府工作报告。本报记者 戴冰摄\n各位代表：\n任振鹤作政府工作报告。新甘肃·甘肃日报记者 盛学卿\n市政府接受本报记者采访。"));
    }

    // Date/source metadata is kept; a bare label line is merged with its value.
    @Test
    void keepsMetadataAndMergesLabels() {
        CleanResult r = TextCleaner.clean("时间：\n2026-02-02 09:20\n来源：\n陕西省人民政府\n阅读量：\n正文。");
        assertEquals("时间:2026-02-02 09:20\n\n来源:陕西省人民政府\n\n正文。", r.text());
        assertTrue(r.flags().contains("labels_merged"));
    }

    // "相关报道" and the list of linked titles after it are removed.
    @Test
    void removesRelatedLinks() {
        assertEquals("正文。", clean("正文。\n相关链接>>\n四川干部群众热议政府工作报告\n打印本页"));
    }

    // Characters outside the BMP are flagged because UTF-16 and code-point offsets then differ.
    @Test
    void flagsSupplementaryCharacters() {
        CleanResult r = TextCleaner.clean("𠀀字。");
        assertEquals("𠀀字。", r.text());
        assertEquals(List.of("has_supplementary_chars"), r.flags());
    }

    // Clean input yields no flags.
    @Test
    void cleanInputHasNoFlags() {
        CleanResult r = TextCleaner.clean("二、存在的不足\n\n我市法治政府建设还存在一些不足,主要是:…");
        assertEquals("二、存在的不足\n\n我市法治政府建设还存在一些不足,主要是:…", r.text());
        assertEquals(List.of(), r.flags());
    }

    // The offset map traces cleaned indices back to raw indices across removed markers, spaces and joins.
    @Test
    void offsetMapGolden() {
        String raw = "## 一、 总体\r\n\r\n" + LONG + "\n\n法更加优化。";
        CleanResult r = TextCleaner.clean(raw);
        String text = r.text();
        assertEquals("一、总体\n\n" + LONG + "法更加优化。", text);
        OffsetMap m = r.offsets();
        assertEquals(3, m.toRaw(0)); // "一" after "## "
        assertEquals(6, m.toRaw(2)); // "总" after the removed space
        assertEquals(8, m.toRaw(4)); // first separator '\n' -> the raw '\r' right after "体"
        assertEquals(9, m.toRaw(5)); // second separator -> the raw '\n' after it
        assertEquals(12, m.toRaw(6)); // first char of LONG
        int joinAt = text.indexOf("法更加优化");
        assertEquals(raw.indexOf("法更加优化"), m.toRaw(joinAt));
        assertEquals(raw.length(), m.toRaw(text.length()));
        assertEquals(raw.length(), m.toRawEnd(text.length()));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '\n') {
                assertEquals(text.charAt(i), raw.charAt(m.toRaw(i)), "char at cleaned " + i);
            }
        }
    }

    // Folded characters map to the full-width raw character they replaced.
    @Test
    void offsetMapOnFoldedCharacter() {
        CleanResult r = TextCleaner.clean("  甲，乙");
        assertEquals("甲,乙", r.text());
        assertEquals(3, r.offsets().toRaw(1));
        assertEquals('，', "  甲，乙".charAt(r.offsets().toRaw(1)));
    }

    // Cleaning is idempotent on every sample report.
    @ParameterizedTest
    @MethodSource("samples")
    void idempotentOnSamples(Path sample) throws IOException {
        String once = clean(Files.readString(sample, StandardCharsets.UTF_8));
        assertEquals(once, clean(once));
    }

    // Every cleaned character of a sample maps back to the same (or its full-width) raw character.
    @ParameterizedTest
    @MethodSource("samples")
    void offsetsTraceBackOnSamples(Path sample) throws IOException {
        String raw = Files.readString(sample, StandardCharsets.UTF_8);
        CleanResult r = TextCleaner.clean(raw);
        for (int i = 0; i < r.text().length(); i++) {
            char c = r.text().charAt(i);
            char rc = raw.charAt(r.offsets().toRaw(i));
            boolean same =
                    c == rc || (rc >= '\uFF01' && rc <= '\uFF5E' && c == rc - 0xFEE0) || (c == ' ' && rc == '\u3000');
            if (c != '\n' && !same) {
                throw new AssertionError(sample + ": cleaned " + i + " '" + c + "' maps to raw '" + rc + "'");
            }
        }
    }

    // The web-page sample loses its furniture but keeps its title and the date/source line.
    @Test
    void webSampleLosesFurniture() throws IOException {
        String text = clean(sample("001_"));
        assertTrue(text.startsWith("临汾市人民政府关于2021年度法治政府建设情况的报告\n\n2022-02-14 来源: 临汾市人民政府办公室\n\n2021年,"));
        for (String junk : List.of("首页", "扫一扫在手机打开当前页面", "晋ICP备", "网站地图", "【字体:", "版权所有", "分辨率", "适老化")) {
            assertFalse(text.contains(junk), junk);
        }
        assertTrue(text.endsWith("切实深入推进依法行政。"));
    }

    // In the PDF sample every page break inside a paragraph is joined and no heading is swallowed.
    @Test
    void pdfSamplePageBreaks() throws IOException {
        String text = clean(sample("000_"));
        assertTrue(text.contains("行政执法更加优化。"));
        assertTrue(text.contains("专利局太原代办处临汾工作站"));
        assertTrue(text.contains("共对77件市政府行政规范性文件"));
        assertTrue(text.contains("加强党对法治政府建设的领导"));
        assertTrue(text.contains("\n\n(四)聚焦行政执法,显著提升了工作水平\n\n按照"));
        assertTrue(text.startsWith(
                "临汾市人民政府文件\n\n临政〔2025〕2号\n\n签发人:王延峰\n\n" + "临汾市人民政府关于临汾市2024年度法治政府建设情况的报告\n\n市委:\n\n2024年,"));
        assertTrue(text.endsWith("提供坚强法治保障。"));
    }

    // A watermark (site name, slogan and web address) glued before the title is removed with the address.
    @Test
    void watermarkBeforeTitleRemoved() {
        assertEquals(
                "惠州市人民政府关于2023年度法治政府建设情况的报告\n\n正文。",
                clean("公文范文网—海量资料每日更新www.gongwen-example.com惠州市人民政府关于2023年度法治政府建设情况的报告\n\n正文。"));
    }

    // Two watermarks glued one after the other at a line start both go in one cleaning (found by
    // RandomTextCleanerTest: the second was only at the line start once the first was removed, so cleaning the
    // cleaned text removed it and the cleaner was not idempotent).
    @Test
    void consecutiveWatermarksAtLineStartRemoved() {
        String raw = "—专享www.wendang.net某某文库—海量资料每日更新www.e.com";
        assertEquals("", clean(raw));
        assertEquals("报告正文。", clean(raw + "报告正文。"));
    }

    // What a removed watermark leaves at the line start is normalised like any line start (found by
    // RandomTextCleanerTest: the "> " quote marker was only stripped by a second cleaning).
    @Test
    void lineStartAfterWatermarkNormalised() {
        assertEquals("全市推进依法行政。", clean("—www.example.net> 全市推进依法行政。"));
    }

    // A markdown marker that another marker's removal brings to the line start goes in the same cleaning (found by
    // RandomDocumentProcessorTest: full-width "＃", a tab, "＃" became "# #他", of which one cleaning left "#他").
    @Test
    void markerRevealedByAnotherMarkerRemoved() {
        assertEquals("他", clean("＃\t＃他"));
        assertEquals("总体情况", clean("# # 总体情况"));
    }

    // The same watermark repeated inside sentences is removed there too, and only the watermark.
    @Test
    void repeatedWatermarkInsideSentenceRemoved() {
        String wm = "秘书网—资料每日更新www.mishu-example.com";
        assertEquals(
                "报告\n\n一是强化学习培训,全市组织培训。二是扛牢第一责任人职责。",
                clean(wm + "报告\n\n一是强化学习培训" + wm + ",全市组织培训。二是扛牢第一" + wm + "责任人职责。"));
    }

    // A web address named once inside a sentence is report text and stays.
    @Test
    void singleAddressInSentenceKept() {
        String t = "群众可以登录本市政务服务网站www.example.gov.cn查询办理进度,全年访问量持续增长。";
        assertEquals(t, clean(t));
    }

    // A site clock line ("今天是…星期三") is furniture.
    @Test
    void clockLineRemoved() {
        assertEquals("西湖区法治政府建设情况报告", clean("今天是:2021年3月9日 星期二 农历正月廿六\n西湖区法治政府建设情况报告"));
        assertEquals("静海区报告", clean("天津市静海区人民政府 2019年12月3日星期二\n静海区报告"));
    }

    // Pinyin a site inserted after converted characters is removed.
    @Test
    void inlinePinyinRemoved() {
        assertEquals("法治政府建設工作的報告", clean("法治政府建設(shè)工作的報(bào)告"));
    }

    // Removing glued furniture keeps the cleaner idempotent.
    @Test
    void gluedFurnitureIdempotent() {
        String once = clean("秘书网—资料每日更新www.mishu-example.com湖北省报告\n\n建設(shè)工作。");
        assertEquals(once, clean(once));
    }

    // A pinyin reading printed after a character is dropped (the furniture.conf inline pattern, flag
    // furniture_removed), and its offsets map back to the
    // raw text; bracketed words without a tone mark stay.
    @Test
    void pinyinReadingsAreRemoved() {
        String raw = "全年辦(bàn)理(lǐ)法律援助案件320件，依照《管理办法》(ban)执行。";
        CleanResult r = TextCleaner.clean(raw);
        assertEquals("全年辦理法律援助案件320件,依照《管理办法》(ban)执行。", r.text());
        assertTrue(r.flags().contains("furniture_removed"), r.flags().toString());
        int at = r.text().indexOf("320");
        assertEquals("320", raw.substring(r.offsets().toRaw(at), r.offsets().toRawEnd(at + 3)));
    }

    // A page break inside an inline pattern hid it until the lines were joined (found by RandomTextCleanerTest,
    // seed C48D56BDE2D39577): cleaning twice gives what cleaning once gives.
    @Test
    void pageBreakInsideInlinePatternIdempotent() {
        String once = clean("!鮓(c\f)");
        assertEquals(once, clean(once));
    }
}
