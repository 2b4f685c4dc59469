package govlens.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import govlens.jobs.DataFrameAssertions;
import govlens.jobs.RunContext;
import govlens.jobs.SharedSparkSession;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.warehouse.Tables;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest job end to end on the sample reports plus a handful of bad files: what lands in each table.
 * The job runs once for the class; each test checks one behaviour of its output.
 */
class IngestJobTest extends SharedSparkSession {
    static final Path SAMPLE = Path.of("../data/sample");
    static final Path GOLD = Path.of("../lib/src/test/resources/gold/gold_documents.tsv");

    @TempDir
    static Path tmp;

    static Path input;
    static String warehouse;
    static Dataset<Row> documents;

    @BeforeAll
    static void ingest() throws IOException {
        input = Files.createDirectories(tmp.resolve("input"));
        try (var files = Files.list(SAMPLE)) {
            for (Path p : files.toList()) {
                Files.copy(p, input.resolve(p.getFileName()));
            }
        }
        // The county report again, re-encoded as GB18030 under another name: one document, one duplicate.
        String county = Files.readString(SAMPLE.resolve("003_ff7b91cf89aeff03.txt"), StandardCharsets.UTF_8);
        Files.write(input.resolve("copy_of_county_gbk.txt"), county.getBytes(Charset.forName("GB18030")));
        // The same county report as UTF-16 with a BOM, and the city report with CRLF line ends: duplicates too.
        Files.write(input.resolve("county_utf16.txt"), ("\uFEFF" + county).getBytes(StandardCharsets.UTF_16LE));
        String city = Files.readString(SAMPLE.resolve("000_2a0a36ba8a6511d2.txt"), StandardCharsets.UTF_8);
        Files.writeString(input.resolve("city_crlf.txt"), city.replace("\n", "\r\n"));
        // The web report inside a page with scripts and navigation: a document, without the page's code.
        String web = Files.readString(SAMPLE.resolve("001_994ea346fb585f17.txt"), StandardCharsets.UTF_8);
        Files.writeString(
                input.resolve("web_page.html"),
                "<html><head><script>alert('x')</script>"
                        + "<style>p{color:red}</style></head><body><nav>首页 | 政务公开</nav><div class=\"content\"><p>"
                        + web.replace("\n", "</p><p>") + "</p></div><script>var tracker = 1;</script></body></html>");
        // A text cut in the middle of a multibyte character: kept, flagged malformed_bytes.
        byte[] county8 = county.getBytes(StandardCharsets.UTF_8);
        int cut = county8.length / 2;
        while ((county8[cut] & 0xC0) != 0x80) {
            cut++; // stop on a continuation byte: the last character is cut in half
        }
        Files.write(input.resolve("truncated.txt"), java.util.Arrays.copyOf(county8, cut));
        // 50 MB of text is not a report: quarantined before any cleaning.
        byte[] line = "这是一行重复的文字,用来构造一个五十兆字节的文本文件。\n".getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(input.resolve("huge.txt"))) {
            for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
                out.write(line);
            }
        }
        Files.write(input.resolve("empty.txt"), new byte[0]);
        Files.writeString(input.resolve("spaces.txt"), " \n\t\n　\n");
        Files.write(input.resolve("junk.txt"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 0, 7, 8, 0, 0, 0, 1, 2});
        Files.writeString(input.resolve("broken.pdf"), "%PDF-1.4 not really");
        Files.writeString(input.resolve("notes.rtf"), "{\\rtf1 not a format GovLens reads}");
        Files.writeString(input.resolve(".DS_Store"), "Finder metadata");
        Files.writeString(
                input.resolve("sub/no_metadata.txt".replace("/", "_")),
                "这是一段没有年份也没有地区的文字,用来检验元数据缺失时的处理方式,它不应该被猜测出任何地区或者年份," + "而是留下空值和质量标记。文字需要足够长,才能通过最短长度的检查。");
        warehouse = tmp.resolve("warehouse").toString();
        GovLensConfig config = GovLensConfig.load(
                null, Map.of("govlens.input", List.of(input.toString()), "govlens.warehouse", warehouse));
        IngestJob.run(spark, config, RunContext.start()).unpersist();
        documents = spark.read().parquet(warehouse + "/documents").cache();
    }

    static Map<String, Map<String, String>> gold() throws IOException {
        List<String> lines = Files.readAllLines(GOLD, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split("\t", -1);
        Map<String, Map<String, String>> byDoc = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], f[i].isEmpty() ? null : f[i]);
            }
            byDoc.put(row.get("doc"), row);
        }
        return byDoc;
    }

    static Row documentFrom(String fileName) {
        List<Row> rows =
                documents.filter(col("source_path").endsWith("/" + fileName)).collectAsList();
        assertEquals(1, rows.size(), "documents from " + fileName);
        return rows.get(0);
    }

    // The sample reports' metadata equals the hand-checked gold, field by field.
    @Test
    void sampleMetadataEqualsGold() throws IOException {
        for (Map.Entry<String, Map<String, String>> e : gold().entrySet()) {
            Row d = documentFrom(e.getKey());
            Map<String, String> g = e.getValue();
            for (String field : List.of(
                    "region_name", "region_code", "admin_level", "province", "doc_number", "issuer", "signer")) {
                assertEquals(g.get(field), d.getAs(field), e.getKey() + " " + field);
            }
            assertEquals(Integer.valueOf(g.get("report_year")), d.<Integer>getAs("report_year"), e.getKey());
            Object date = d.getAs("publish_date");
            assertEquals(g.get("publish_date"), date == null ? null : date.toString(), e.getKey() + " date");
        }
    }

    // The first problems section starts where the gold says, heading or not.
    @Test
    void problemsSectionStartsAtGold() throws IOException {
        Dataset<Row> sections = spark.read().parquet(warehouse + "/sections");
        for (Map.Entry<String, Map<String, String>> e : gold().entrySet()) {
            Row d = documentFrom(e.getKey());
            Row first = sections.filter(col("doc_id")
                            .equalTo(d.<String>getAs("doc_id"))
                            .and(col("kind").equalTo("problems")))
                    .orderBy("char_start")
                    .first();
            String text = d.getAs("text");
            String start = text.substring(first.<Integer>getAs("char_start"));
            assertTrue(
                    start.startsWith(e.getValue().get("problems_section_start")),
                    e.getKey() + " problems part starts with: " + start.substring(0, Math.min(40, start.length())));
        }
    }

    // Every input file is a document, a duplicate or a quarantine row: nothing vanishes.
    @Test
    void everyFileIsAccountedFor() throws IOException {
        long files;
        try (var s = Files.list(input)) {
            files = s.count();
        }
        long docs = documents.count();
        long dups = spark.read().parquet(warehouse + "/duplicates").count();
        long quarantined = spark.read().parquet(warehouse + "/quarantine").count();
        assertEquals(files, docs + dups + quarantined);
    }

    // Bad files are quarantined with the reason that fits each.
    @Test
    void badFilesAreQuarantinedWithReasons() {
        Map<String, String> reasons = spark.read().parquet(warehouse + "/quarantine").collectAsList().stream()
                .collect(Collectors.toMap(
                        r -> Path.of(r.<String>getAs("source_path"))
                                .getFileName()
                                .toString(),
                        r -> r.<String>getAs("reason")));
        assertEquals(
                Map.of(
                        "empty.txt",
                        "empty",
                        "spaces.txt",
                        "whitespace_only",
                        "junk.txt",
                        "binary",
                        "broken.pdf",
                        "corrupt",
                        "notes.rtf",
                        "unsupported_format",
                        ".DS_Store",
                        "hidden",
                        "huge.txt",
                        "too_many_chars"),
                reasons);
    }

    // The same report in GB18030, in UTF-16 and with CRLF line ends is one document plus duplicates rows.
    @Test
    void reEncodedCopiesAreDuplicatesNotDocuments() {
        Map<String, Row> dups = spark.read().parquet(warehouse + "/duplicates").collectAsList().stream()
                .collect(Collectors.toMap(
                        r -> Path.of(r.<String>getAs("source_path"))
                                .getFileName()
                                .toString(),
                        r -> r));
        assertEquals(
                java.util.Set.of("copy_of_county_gbk.txt", "county_utf16.txt", "city_crlf.txt", "web_page.html"),
                dups.keySet());
        assertEquals("GB18030", dups.get("copy_of_county_gbk.txt").getAs("encoding"));
        assertEquals("UTF-16LE", dups.get("county_utf16.txt").getAs("encoding"));
        String countyId = documentFrom("003_ff7b91cf89aeff03.txt").getAs("doc_id");
        assertEquals(countyId, dups.get("copy_of_county_gbk.txt").getAs("doc_id"));
        assertEquals(countyId, dups.get("county_utf16.txt").getAs("doc_id"));
        assertTrue(dups.get("county_utf16.txt").<String>getAs("canonical_path").endsWith("/003_ff7b91cf89aeff03.txt"));
        assertEquals(
                documentFrom("000_2a0a36ba8a6511d2.txt").<String>getAs("doc_id"),
                dups.get("city_crlf.txt").getAs("doc_id"));
    }

    // The web report saved as a page with scripts, styles and navigation cleans to exactly the report's text:
    // a duplicate of the plain-text copy, and the kept text has none of the page's code.
    @Test
    void htmlWithScriptsCleansToTheSameReport() {
        Row web = documentFrom("001_994ea346fb585f17.txt");
        Row dup = spark.read()
                .parquet(warehouse + "/duplicates")
                .filter(col("source_path").endsWith("/web_page.html"))
                .first();
        assertEquals(web.<String>getAs("doc_id"), dup.getAs("doc_id"));
        String text = web.getAs("text");
        assertTrue(!text.contains("alert") && !text.contains("tracker") && !text.contains("color:red"));
    }

    // Text cut inside a multibyte character is kept, with the malformed_bytes flag.
    @Test
    void truncatedMultibyteTextIsKeptAndFlagged() {
        Row d = documentFrom("truncated.txt");
        assertEquals("UTF-8", d.getAs("encoding"));
        assertTrue(d.getList(d.fieldIndex("quality_flags")).contains("malformed_bytes"));
    }

    // A text without year or region is kept, with nulls and flags, in the explicit null-year partition.
    @Test
    void missingMetadataIsNullWithFlags() {
        Row d = documentFrom("sub_no_metadata.txt");
        assertNull(d.getAs("region_name"));
        assertNull(d.getAs("report_year"));
        List<String> flags = d.getList(d.fieldIndex("quality_flags"));
        assertTrue(flags.contains("no_region") && flags.contains("no_year"), flags.toString());
        assertTrue(Files.isDirectory(Path.of(warehouse, "documents", "report_year=" + Tables.NULL_PARTITION)));
    }

    // Tables are partitioned by report_year in Hive-style folders.
    @Test
    void tablesArePartitionedByYear() {
        for (String table : List.of("documents", "sections", "sentences")) {
            for (int year : List.of(2021, 2023, 2024)) {
                assertTrue(Files.isDirectory(Path.of(warehouse, table, "report_year=" + year)), table + " " + year);
            }
        }
    }

    // Section and sentence offsets point into the document text: substring(start, end) is the row's text.
    @Test
    void offsetsPointIntoTheCleanedText() {
        for (String table : List.of("sections", "sentences")) {
            long bad = spark.read()
                    .parquet(warehouse + "/" + table)
                    .as("t")
                    .join(documents.as("d"), "doc_id")
                    .filter("substring(d.text, t.char_start + 1, t.char_end - t.char_start) != t.text")
                    .count();
            assertEquals(0, bad, table);
        }
    }

    // Ingesting the same input again gives the same rows (run id and time aside).
    @Test
    void rerunGivesTheSameRows() {
        String second = tmp.resolve("warehouse2").toString();
        GovLensConfig config = GovLensConfig.load(
                null, Map.of("govlens.input", List.of(input.toString()), "govlens.warehouse", second));
        IngestJob.run(spark, config, RunContext.start()).unpersist();
        for (String table : List.of("documents", "sections", "sentences", "duplicates", "quarantine")) {
            Dataset<Row> a = spark.read().parquet(warehouse + "/" + table);
            Dataset<Row> b = spark.read().parquet(second + "/" + table);
            List<String> keep = java.util.Arrays.stream(a.columns())
                    .filter(c -> !c.equals("run_id") && !c.equals("ingested_at"))
                    .toList();
            DataFrameAssertions.assertSameRows(
                    a.selectExpr(keep.toArray(new String[0])), b.selectExpr(keep.toArray(new String[0])));
        }
    }

    // The written schema is the documented one, column for column.
    @Test
    void writtenSchemaMatchesTableDefinitions() {
        for (var table : Tables.ALL) {
            List<String> written =
                    List.of(spark.read().parquet(warehouse + "/" + table.name()).columns());
            List<String> expected = table.partitionColumn() == null
                    ? table.columns()
                    : java.util.stream.Stream.concat(
                                    table.columns().stream().filter(c -> !c.equals(table.partitionColumn())),
                                    java.util.stream.Stream.of(table.partitionColumn()))
                            .toList();
            assertEquals(expected, written, table.name());
            assertFalse(written.isEmpty());
        }
    }
}
