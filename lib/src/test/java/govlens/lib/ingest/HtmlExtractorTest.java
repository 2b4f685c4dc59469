package govlens.lib.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlExtractorTest {

    // script, style, nav, header, footer and form content never reaches the text.
    @Test
    void dropsScriptStyleAndNavigation() {
        String html = "<html><head><title>报告</title><style>p{color:red}</style></head><body>"
                + "<header>网站顶部</header><nav><a>首页</a><a>政务公开</a></nav>"
                + "<script>var x = 1;</script><noscript>请启用脚本</noscript>"
                + "<h1>报告</h1><p>第一段。</p>"
                + "<form><input value='搜索'>搜索</form><footer>版权所有</footer></body></html>";
        assertEquals("报告\n\n第一段。", HtmlExtractor.toText(html));
    }

    // Elements whose class or id names a breadcrumb or share bar are removed.
    @Test
    void dropsChromeByClassAndId() {
        String html = "<body><div class='bread-crumb'>首页 &gt; 专题</div><div id='share'>分享到</div>"
                + "<div class='main'><p>正文一。</p></div><div class='sidebar'>热点</div></body>";
        assertEquals("正文一。", HtmlExtractor.toText(html));
    }

    // Block elements and <br> become separate paragraphs; inline elements stay in the line.
    @Test
    void blocksBecomeParagraphs() {
        String html = "<body><h2>一、主要举措</h2><p>坚持<b>依法</b>行政。<br>第二行。</p><ul><li>甲</li><li>乙</li></ul></body>";
        assertEquals("一、主要举措\n\n坚持依法行政。\n\n第二行。\n\n甲\n\n乙", HtmlExtractor.toText(html));
    }

    // Table cells on a row are separated by a tab, rows by paragraphs.
    @Test
    void tableRowsAndCells() {
        String html = "<body><table><tr><td>项目</td><td>数量</td></tr><tr><td>复议</td><td>23</td></tr></table></body>";
        assertEquals("项目\t数量\n\n复议\t23", HtmlExtractor.toText(html));
    }

    // A main content container (.TRS_Editor) holding most of the text is preferred over surrounding text.
    @Test
    void prefersMainContentContainer() {
        String html = "<body><div class='links'>友情链接 市人大</div>"
                + "<div class='TRS_Editor'><p>市政府坚持依法行政,推进法治政府建设,取得明显成效。</p>"
                + "<p>全年办理行政复议案件23件。</p></div></body>";
        assertEquals("市政府坚持依法行政,推进法治政府建设,取得明显成效。\n\n全年办理行政复议案件23件。", HtmlExtractor.toText(html));
    }

    // The page title (without its site-name suffix) becomes the first line when the body lacks it.
    @Test
    void prependsTitleWhenMissing() {
        String html = "<html><head><title>临汾市2021年度法治政府建设情况的报告_临汾市人民政府</title></head>"
                + "<body><div id='zoom'><p>2021年,临汾市坚持依法行政。</p></div></body></html>";
        assertEquals("临汾市2021年度法治政府建设情况的报告\n\n2021年,临汾市坚持依法行政。", HtmlExtractor.toText(html));
    }
}
