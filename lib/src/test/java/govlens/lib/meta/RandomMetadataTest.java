package govlens.lib.meta;

import static govlens.lib.testing.RandomTexts.checkRandomData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.clean.TextCleaner;
import govlens.lib.testing.RandomTexts;
import govlens.lib.testing.TextInvariants;
import govlens.lib.text.TraditionalChars;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs for the metadata parts, in the manner of Lucene's checkRandomData: random report-like
 * texts (titles, addressees, openings, bodies, furniture, traditional characters, place names) and byte soup. For
 * every input: no exception, the simplified view is as long as the text, every region mention's offsets lie in
 * the text and cut out its surface, every value cut from the text appears in it, and extraction is
 * deterministic, and every field is null or well-formed ({@link TextInvariants#assertMetadataWellFormed}). Seeds and
 * iteration counts as in {@link RandomTexts}.
 */
class RandomMetadataTest {

    private static final String[] PLACES = {
        "临汾市",
        "岚县",
        "岢岚县",
        "南昌县",
        "南昌市",
        "朝阳区",
        "東城區",
        "內蒙古自治區",
        "铜梁区",
        "铜仁市",
        "东乌旗",
        "兴安盟",
        "延边朝鲜族自治州",
        "城区",
        "吉水镇",
        "北京市",
        "山西省",
        "长春市",
        "福州市鼓楼区"
    };
    private static final String[] BODIES = {"人民政府", "司法局", "街道办事处", "镇人民政府", "县委", "市委全面依法治市委员会", "人民政府办公室", "行政公署", ""
    };
    private static final String[] PIECES = {
        "关于",
        "2023年度",
        "2024年",
        "法治政府建设",
        "情况的报告",
        "工作总结",
        "上半年",
        "现将",
        "报告如下:",
        "一年来,",
        "2022年以来,",
        "全市",
        "我县",
        "全旗",
        "在市委、市政府的领导下,",
        "《",
        "》",
        "、",
        "。",
        ",",
        "\n",
        "\n\n",
        "一、",
        "(一)",
        "2025年工作打算",
        "临政〔2025〕2号",
        "签发人:",
        "发布时间:2024-03-28",
        "来源:",
        "今天是:2021年3月9日 星期二",
        "www.example.com",
        "—",
        " ",
        "號",
        "關於",
        "報告",
        "(shè)",
        "法治",
        "二〇二五年一月四日",
        "现将九江市2024年度法治政府建设情况报告如下",
        "中共",
        "各位代表:",
        "我代表市人民政府"
    };

    private static String reportLike(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = 5 + r.nextInt(80);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(3)) {
                case 0 -> sb.append(PLACES[r.nextInt(PLACES.length)]).append(BODIES[r.nextInt(BODIES.length)]);
                default -> sb.append(PIECES[r.nextInt(PIECES.length)]);
            }
        }
        return sb.toString();
    }

    private static final String PUNCT = "\n:：,。、《》〔〕()年月日号";

    private static String byteSoup(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(400);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            char c = k < 4
                    ? (char) (0x4E00 + r.nextInt(0x5200))
                    : k < 6
                            ? (char) r.nextInt(0x80)
                            : k < 7 ? PUNCT.charAt(r.nextInt(PUNCT.length())) : (char) r.nextInt(0x10000);
            sb.append(c);
        }
        return sb.toString();
    }

    private static void check(String text) {
        String view = TraditionalChars.simplify(text);
        assertEquals(text.length(), view.length(), "simplified view length");
        List<RegionMention> ms = RegionMatcher.get().findAll(view);
        for (RegionMention m : ms) {
            assertTrue(m.start() >= 0 && m.end() <= text.length() && m.start() < m.end(), "mention offsets " + m);
            assertEquals(m.surface(), view.substring(m.start(), m.end()), "mention surface");
        }
        DocumentMetadata a = MetadataExtractor.extract(text);
        DocumentMetadata b = MetadataExtractor.extract(text);
        assertEquals(a, b, "not deterministic");
        TextInvariants.assertMetadataWellFormed(a);
        String squeezed = text.replaceAll("\\s+", "");
        if (a.title() != null) {
            assertTrue(squeezed.contains(a.title().replace(" ", "")), "title not from the text: " + a.title());
        }
    }

    // Random metadata-dense texts: no exception, valid offsets, values from the text, deterministic.
    @Test
    void randomReportLikeText() {
        checkRandomData(200, RandomMetadataTest::reportLike, RandomTexts::escape, RandomMetadataTest::check);
    }

    // Random byte soup (any UTF-16 unit, lone surrogates included): the same invariants.
    @Test
    void randomByteSoup() {
        checkRandomData(200, RandomMetadataTest::byteSoup, RandomTexts::escape, RandomMetadataTest::check);
    }

    // Cleaned noisy reports, as the pipeline passes them: the same invariants.
    @Test
    void cleanedNoisyReports() {
        checkRandomData(
                100,
                r -> TextCleaner.clean(RandomTexts.anyText(r)).text(),
                RandomTexts::escape,
                RandomMetadataTest::check);
    }
}
