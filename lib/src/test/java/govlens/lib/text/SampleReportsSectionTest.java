package govlens.lib.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.lib.clean.TextCleaner;
import govlens.lib.testing.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the splitters on the real sample reports through the cleaner. Only robust facts are asserted
 * (top-level headings and kinds, the gold start of the problems part, span invariants) so that the tests
 * hold whatever the cleaner does to page furniture.
 */
class SampleReportsSectionTest {
    private static final Path SAMPLES = Path.of("../data/sample");
    private static final Path EXTERNAL = SharedData.require("corpus/external");

    private static String cleaned(Path file) throws IOException {
        return TextCleaner.clean(Files.readString(file, StandardCharsets.UTF_8)).text();
    }

    private static String cleanedSample(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .findFirst()
                    .orElseThrow();
            return cleaned(file);
        }
    }

    private static List<Section> topLevel(List<Section> sections) {
        return sections.stream()
                .filter(s -> s.level() > 0 && s.parentId() == null)
                .toList();
    }

    static Stream<Path> samples() throws IOException {
        return Files.list(SAMPLES).filter(p -> p.toString().endsWith(".txt")).sorted();
    }

    // 000 (markdown with inconsistent #-levels): top-level headings and kinds come from the 一、 ordinals.
    @Test
    void report000TopLevel() throws IOException {
        List<Section> top = topLevel(SectionSplitter.split(cleanedSample("000_")));
        assertEquals(
                List.of("一、主要举措和成效", "二、存在的不足", "三、下一步工作打算"),
                top.stream().map(Section::heading).toList());
        assertEquals(
                List.of("achievements", "problems", "plans"),
                top.stream().map(Section::kind).toList());
    }

    // 000: the (一)…(六) headings under 一、 are level 2 whatever their markdown depth was.
    @Test
    void report000SubHeadingsAreLevelTwo() throws IOException {
        List<Section> sections = SectionSplitter.split(cleanedSample("000_"));
        String firstId = topLevel(sections).get(0).sectionId();
        List<String> paths = sections.stream()
                .filter(s -> firstId.equals(s.parentId()))
                .map(s -> s.level() + ":" + s.path())
                .toList();
        assertEquals(List.of("2:1.1", "2:1.2", "2:1.3", "2:1.4", "2:1.5", "2:1.6"), paths);
    }

    // 003 (headings as plain lines): achievements, problems, plans.
    @Test
    void report003TopLevel() throws IOException {
        List<Section> top = topLevel(SectionSplitter.split(cleanedSample("003_")));
        assertEquals(
                List.of("一、主要做法及成效", "二、存在的问题", "三、下一步重点工作"),
                top.stream().map(Section::heading).toList());
        assertEquals(
                List.of("achievements", "problems", "plans"),
                top.stream().map(Section::kind).toList());
    }

    // 001: six achievements sections 一…六, then un-headed problems and plans parts.
    @Test
    void report001TopLevel() throws IOException {
        List<Section> top = topLevel(SectionSplitter.split(cleanedSample("001_")));
        List<String> headings = top.stream()
                .map(s -> s.heading() == null ? null : s.heading().substring(0, 2))
                .toList();
        assertEquals(List.of("一、", "二、", "三、", "四、", "五、", "六、"), headings.subList(0, 6));
        assertEquals(
                List.of(
                        "achievements",
                        "achievements",
                        "achievements",
                        "achievements",
                        "achievements",
                        "achievements",
                        "problems",
                        "plans"),
                top.stream().map(Section::kind).toList());
    }

    // The first problems section of every sample starts exactly at the gold problems_section_start.
    @Test
    void problemsPartStartsAtGold() throws IOException {
        Map<String, String> gold = goldProblemsStarts();
        assertEquals(3, gold.size());
        for (Map.Entry<String, String> e : gold.entrySet()) {
            List<Section> sections = SectionSplitter.split(cleaned(SAMPLES.resolve(e.getKey())));
            Section problems = sections.stream()
                    .filter(s -> Section.KIND_PROBLEMS.equals(s.kind()))
                    .findFirst()
                    .orElseThrow();
            assertTrue(problems.text().startsWith(e.getValue()), e.getKey() + ": " + problems.text());
        }
    }

    // Span invariants hold on every sample: sections partition the text, sentences reproduce their span
    // and lie inside their section.
    @ParameterizedTest
    @MethodSource("samples")
    void spanInvariantsOnSamples(Path file) throws IOException {
        assertInvariants(cleaned(file));
    }

    // The neighbouring-genre corpus does not break the splitters, and 工作回顾 headings are found.
    @Test
    void externalCorpusRuns() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(EXTERNAL)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            assertInvariants(cleaned(file));
        }
        List<Section> beijing = SectionSplitter.split(cleaned(EXTERNAL.resolve("gwr_province_beijing_2026.txt")));
        Section first = topLevel(beijing).get(0);
        assertEquals("一、2025年工作回顾", first.heading());
        assertEquals(Section.KIND_ACHIEVEMENTS, first.kind());
    }

    private static void assertInvariants(String text) {
        List<Section> sections = SectionSplitter.split(text);
        int pos = 0;
        for (Section s : sections) {
            assertEquals(pos, s.charStart());
            assertEquals(text.substring(s.charStart(), s.charEnd()), s.text());
            pos = s.charEnd();
        }
        assertEquals(text.length(), pos);
        Map<String, Section> byId = new HashMap<>();
        sections.forEach(s -> byId.put(s.sectionId(), s));
        List<Sentence> sentences = SentenceSplitter.split(text, sections);
        for (int i = 0; i < sentences.size(); i++) {
            Sentence s = sentences.get(i);
            assertEquals(i, s.idx());
            assertEquals(text.substring(s.charStart(), s.charEnd()), s.text());
            Section owner = byId.get(s.sectionId());
            assertNotNull(owner);
            assertTrue(owner.charStart() <= s.charStart() && s.charEnd() <= owner.charEnd());
        }
    }

    private static Map<String, String> goldProblemsStarts() throws IOException {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = SampleReportsSectionTest.class.getResourceAsStream("/gold/gold_documents.tsv")) {
            assertNotNull(in, "gold/gold_documents.tsv missing from test resources");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> header = List.of(r.readLine().split("\t", -1));
            int doc = header.indexOf("doc");
            int start = header.indexOf("problems_section_start");
            List<String> lines = new ArrayList<>(r.lines().toList());
            for (String line : lines) {
                String[] f = line.split("\t", -1);
                if (f.length > start && !f[start].isBlank()) {
                    out.put(f[doc], f[start]);
                }
            }
        }
        return out;
    }
}
