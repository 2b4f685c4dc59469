package govlens.jobs.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import govlens.jobs.ingest.IngestJob;
import govlens.lib.nlp.DocumentAnalyzer;
import govlens.lib.nlp.KeywordRanker;
import govlens.lib.nlp.Token;
import govlens.lib.nlp.TokenFilter;
import govlens.lib.nlp.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The executor function of the analytics stage on a hand-made DocText row. */
class AnalyzeDocumentsTest extends govlens.jobs.SharedSparkSession {
    static final String S0 = "依法行政能力持续提升，行政复议工作有序推进。";
    static final String S1 = "行政复议纠错率保持稳定，法治宣传深入开展。";

    static final StructType SENTENCE =
            (StructType) ((ArrayType) IngestJob.DOC_TEXT.apply("sentences").dataType()).elementType();

    static Row sentence(int idx, String text, int start) {
        return new GenericRowWithSchema(new Object[] {"s000", idx, text, start, start + text.length()}, SENTENCE);
    }

    static Row analyze() {
        // Sentences out of text order on purpose: TextRank and the units must restore it from idx.
        Row doc = new GenericRowWithSchema(
                new Object[] {
                    "d1",
                    "/in/d1.txt",
                    2024,
                    "141000",
                    "临汾市",
                    "prefecture",
                    S0 + S1,
                    List.of(sentence(1, S1, S0.length()), sentence(0, S0, 0))
                },
                IngestJob.DOC_TEXT);
        AnalyzeDocuments fn =
                new AnalyzeDocuments(TokenFilter.defaults(), new DocumentAnalyzer.Settings(3, "section", 500));
        return spark.createDataFrame(List.of(doc), IngestJob.DOC_TEXT)
                .mapPartitions(fn, org.apache.spark.sql.Encoders.row(AnalyzeDocuments.OUTPUT))
                .first();
    }

    // TextRank per document: KeywordRanker over the content tokens in text order, with exact counts.
    @Test
    void textRankMatchesKeywordRanker() {
        Tokenizer tokenizer = Tokenizer.withFilter(TokenFilter.defaults());
        List<String> content = new ArrayList<>();
        for (Token t : tokenizer.contentTokens(S0)) {
            content.add(t.term());
        }
        for (Token t : tokenizer.contentTokens(S1)) {
            content.add(t.term());
        }
        List<KeywordRanker.Keyword> expected = KeywordRanker.rank(content, 3);
        List<Row> actual = analyze().getList(AnalyzeDocuments.OUTPUT.fieldIndex("textrank"));
        assertEquals(
                expected.stream()
                        .map(k -> k.term() + "|" + k.count() + "|" + k.score())
                        .toList(),
                actual.stream()
                        .map(r -> r.getString(1) + "|" + r.getLong(3) + "|" + r.getDouble(2))
                        .toList());
        assertEquals(List.of(1, 2, 3), actual.stream().map(r -> r.getInt(0)).toList());
    }

    // The unit of the section holds its content terms in text order.
    @Test
    void unitTermsAreInTextOrder() {
        Tokenizer tokenizer = Tokenizer.withFilter(TokenFilter.defaults());
        List<String> content = new ArrayList<>();
        tokenizer.contentTokens(S0).forEach(t -> content.add(t.term()));
        tokenizer.contentTokens(S1).forEach(t -> content.add(t.term()));
        List<Row> units = analyze().getList(AnalyzeDocuments.OUTPUT.fieldIndex("units"));
        assertEquals(1, units.size());
        assertEquals("s000", units.get(0).getString(0));
        assertEquals(content, units.get(0).getList(1));
    }
}
