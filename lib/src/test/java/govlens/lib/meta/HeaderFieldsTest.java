package govlens.lib.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class HeaderFieldsTest {

    private static final String BODY = "全面推进依法行政,扎实推动法治政府建设各项工作取得积极成效,为高质量发展提供了有力法治保障。";

    private static Layout layout(String... paragraphs) {
        return new Layout(String.join("\n\n", paragraphs));
    }

    // A traditional document number keeps its characters; only the brackets are normalised.
    @Test
    void traditionalDocNumber() {
        assertEquals("寧政發〔2019〕35號", HeaderFields.docNumber(layout("寧政發[2019]35號", "南京市人民政府關於2018年度的報告", BODY)));
    }

    // A number cited in a sentence of the header is not the document's own.
    @Test
    void citedNumberIgnored() {
        assertNull(HeaderFields.docNumber(layout("依据《格式》(国办公开办函〔2021〕30号)编制。", BODY)));
    }

    // The signer is the name after 签发人, inner spaces dropped.
    @Test
    void signer() {
        assertEquals("王延峰", HeaderFields.signer(layout("签发人: 王 延峰", "临汾市人民政府关于2024年度的报告", BODY)));
    }

    // The closing org line followed by a date is the signature; "…印发" imprints are not.
    @Test
    void signatureLine() {
        Layout l = layout("关于2023年度法治政府建设情况的报告", "省委:", "2023年," + BODY, "晋城市人民政府", "2024年2月5日");
        assertEquals("晋城市人民政府", HeaderFields.signatureLine(l).raw());
        Layout imprint = layout("关于2023年度法治政府建设情况的报告", "省委:", "2023年," + BODY, "中共岚县县委办公室", "2024年1月4日印发");
        assertNull(HeaderFields.signatureLine(imprint));
    }

    // A web page's 来源 names who posted the page, never the issuer.
    @Test
    void sourceIsNotIssuer() {
        Layout l = layout("雨花区法治政府建设情况报告", "来源:长沙市人民政府", "雨花区" + BODY);
        assertNull(HeaderFields.issuer(l, TitleReader.read(l), null, null, false));
    }
}
