package govlens.lib.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class TitleReaderTest {

    private static final String BODY = "全面推进依法行政,扎实推动法治政府建设各项工作取得积极成效,为高质量发展提供了有力法治保障。";

    private static TitleReader.Title read(String... paragraphs) {
        return TitleReader.read(new Layout(String.join("\n\n", paragraphs)));
    }

    // Government lines above "关于…的报告" are the issuer and open the title.
    @Test
    void issuerLinesAboveAbout() {
        TitleReader.Title t = read("中共岚县县委 岚县人民政府", "关于2023年度法治政府建设情况的报告", "市委:", "2023年," + BODY);
        assertEquals("中共岚县县委 岚县人民政府关于2023年度法治政府建设情况的报告", t.text());
        assertEquals("中共岚县县委 岚县人民政府", t.issuer());
    }

    // A department named before the year is the issuer: 临沂市司法局2022年度….
    @Test
    void leadingDepartment() {
        assertEquals("临沂市司法局", read("临沂市司法局2022年度法治政府建设工作报告", "2022年," + BODY).issuer());
    }

    // A street office named before the year is the issuer.
    @Test
    void leadingStreetOffice() {
        assertEquals(
                "杭州市上城区清波街道办事处",
                read("杭州市上城区清波街道办事处2023年法治政府建设年度报告", "2023年," + BODY).issuer());
    }

    // Traditional characters: matched through the simplified view, returned as written.
    @Test
    void traditionalTitleAsWritten() {
        TitleReader.Title t = read("南京市人民政府關於2018年度法治政府建設工作的報告", "2018年," + BODY);
        assertEquals("南京市人民政府關於2018年度法治政府建設工作的報告", t.text());
        assertEquals("南京市人民政府", t.issuer());
        assertEquals("南京市人民政府关于2018年度法治政府建设工作的报告", t.view());
    }

    // A title run together with the first sentence is cut at 报告 and covers only its own characters.
    @Test
    void gluedTitle() {
        String text = "湖北省人民政府关于2023年度法治政府建设情况的报告2023年,省政府坚持依法行政,全省法治政府建设取得新成效。";
        TitleReader.Title t = TitleReader.read(new Layout(text));
        assertEquals("湖北省人民政府关于2023年度法治政府建设情况的报告", t.text());
        assertEquals("湖北省人民政府关于2023年度法治政府建设情况的报告".length(), t.gluedEnd());
    }

    // A sentence that mentions the annual report system is not a title.
    @Test
    void sentenceIsNotGluedTitle() {
        assertNull(read("严格落实法治政府建设年度报告制度,各县区全部按时公开上一年度报告。" + BODY).text());
    }

    // Breadcrumbs, captions and metadata lines are never titles; the report line after them is.
    @Test
    void furnitureLinesSkipped() {
        TitleReader.Title t = read("首页 > 政务公开 > 工作报告", "来源:司法局", "西湖区法治政府建设情况报告", BODY);
        assertEquals("西湖区法治政府建设情况报告", t.text());
        assertEquals(List.of(4), t.lines()); // paragraphs are separated by blank lines
    }
}
