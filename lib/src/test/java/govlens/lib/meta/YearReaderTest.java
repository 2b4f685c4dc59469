package govlens.lib.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class YearReaderTest {

    private static final String BODY = "全面推进依法行政,扎实推动法治政府建设各项工作取得积极成效,为高质量发展提供了有力法治保障。";

    private record Read(Integer year, Set<String> flags) {}

    private static Read read(String... paragraphs) {
        Layout l = new Layout(String.join("\n\n", paragraphs));
        Set<String> flags = new LinkedHashSet<>();
        Integer y = YearReader.read(l, TitleReader.read(l), HeaderFields.docNumber(l), Dates.publishDate(l), flags);
        return new Read(y, flags);
    }

    // The formula 现将…2024年度…报告如下 gives the year when the title has none.
    @Test
    void formula() {
        assertEquals(
                2024,
                read("关于法治政府建设工作情况的报告", "省委:", "一年来," + BODY + "现将九江市2024年度法治政府建设情况报告如下:")
                        .year());
    }

    // A next year's plan heading means the report is about the year before, flagged.
    @Test
    void plan() {
        Read r = read("金水区法治政府建设工作报告", "区委:", "一年来," + BODY, "三、2024年工作打算", "继续推进。");
        assertEquals(2023, r.year());
        assertEquals(Set.of("year_from_plan"), r.flags());
    }

    // A dated review heading beats a later plan heading.
    @Test
    void reviewHeadingBeatsPlan() {
        assertEquals(
                2020,
                read("西湖区法治政府建设情况报告", "在市委领导下," + BODY, "一、2020年推进法治政府建设的主要举措和成效", "三、2021年工作计划")
                        .year());
    }

    // The publication date comes last: its year minus one.
    @Test
    void publishDateLast() {
        Read r = read("雨花区法治政府建设情况报告", "发布时间:2023-02-15 09:30", "雨花区" + BODY);
        assertEquals(2022, r.year());
        assertEquals(Set.of("year_from_publish_date"), r.flags());
    }

    // A half-year report published in July is about that same year.
    @Test
    void halfYearSameYear() {
        assertEquals(
                2024,
                read("香洲区司法局上半年法治政府建设工作总结", "发布时间:2024-07-12", "今年以来," + BODY).year());
    }

    // The title year wins over a later document number.
    @Test
    void titleYearOverDocNumber() {
        Read r = read("临政〔2025〕2号", "临汾市人民政府关于2024年度法治政府建设情况的报告", "市委:", "一年来," + BODY);
        assertEquals(2024, r.year());
        assertEquals(Set.of(), r.flags());
    }

    // "2023年以来," opens the report: 2023.
    @Test
    void sinceYear() {
        assertEquals(2023, read("双流区法治政府建设工作情况报告", "2023年以来,双流区" + BODY).year());
    }

    // A site clock is no publication date, so a report without any other date has no year.
    @Test
    void clockIsNoDate() {
        Read r = read("今天是:2021年3月9日 星期二", "西湖区法治政府建设情况报告", "在市委领导下," + BODY);
        assertNull(r.year());
        assertEquals(List.of(), List.copyOf(r.flags()));
    }
}
