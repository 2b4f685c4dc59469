package govlens.lib.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    private static final Tokenizer TOKENIZER = Tokenizer.fromClasspath();

    private static List<String> terms(String text) {
        return TOKENIZER.tokenize(text).stream().map(Token::term).toList();
    }

    private static List<String> tags(String text) {
        return TOKENIZER.tokenize(text).stream()
                .map(t -> t.term() + "/" + t.pos())
                .toList();
    }

    // Domain terms that stock HanLP splits (行政/复议, 出庭/应诉/率) come out whole.
    @Test
    void domainTermsStayWhole() {
        assertEquals(List.of("行政复议", "出庭应诉率", "达", "100", "%"), terms("行政复议出庭应诉率达100%"));
    }

    // HanLP drops "3万" and shifts every offset when number-quantifier merging meets a name ("余项"); the text is
    // segmented again without name recognition (found by RandomDocumentAnalyzerTest).
    @Test
    void numberQuantifierBeforeNameKeepsEveryCharacter() {
        List<Token> tokens = TOKENIZER.tokenize("受理3万元司余项工作");
        assertEquals(
                List.of("受理", "3万元", "司", "余", "项", "工作"),
                tokens.stream().map(Token::term).toList());
        assertEquals(
                List.of(0, 2, 5, 6, 7, 8), tokens.stream().map(Token::charStart).toList());
    }

    // A term starting with digits (12345/政务/服务/便民/热线 in stock HanLP) stays one token.
    @Test
    void hotlineWithDigitsStaysWhole() {
        assertEquals(List.of("畅通", "12345政务服务便民热线"), terms("畅通12345政务服务便民热线"));
    }

    // A term with an internal 、 stays whole and is not cut at the punctuation.
    @Test
    void termWithEnumerationCommaStaysWhole() {
        assertEquals(List.of("推行", "双随机、一公开", "监管"), terms("推行双随机、一公开监管"));
    }

    // Number + magnitude + measure word is one mq token; a percentage stays number + sign.
    @Test
    void numbersWithUnits() {
        assertEquals(
                List.of("全年/n", "受理/v", "82.3万件/mq", ",/w", "增长/v", "97.93/m", "%/nx", "。/w"),
                tags("全年受理82.3万件,增长97.93%。"));
    }

    // Full-width input is not normalised: tokens keep the characters as written.
    @Test
    void fullWidthFormsKeptAsWritten() {
        assertEquals(List.of("２０２４年", "受理", "１２件", "，", "同比", "增长", "３％"), terms("２０２４年受理１２件，同比增长３％"));
    }

    // A prefecture's short form stays whole before 市委 (stock HanLP risks 朔/州委).
    @Test
    void prefectureShortFormStaysWhole() {
        assertEquals(List.of("中共", "朔州", "市委"), terms("中共朔州市委"));
        assertEquals(List.of("朔州"), terms("朔州"));
    }

    // County names, including one nested in another (岚县 in 岢岚县), are single ns tokens.
    @Test
    void countyNamesAreWholePlaceTokens() {
        assertEquals(List.of("临汾市/ns", "、/w", "岚县/ns", "和/cc", "岢岚县/ns"), tags("临汾市、岚县和岢岚县"));
    }

    // A 2-character county name before 县委 stays whole (stock HanLP: 岚/县/县委).
    @Test
    void countyBeforeCountyCommittee() {
        assertEquals(List.of("中共", "岚县", "县委"), terms("中共岚县县委"));
    }

    // A 2-character county whose first character is a function word (和县) does not glue 和 to 县.
    @Test
    void functionWordCountyNotGlued() {
        assertEquals(List.of("市", "和", "县", "两级"), terms("市和县两级"));
    }

    // Offsets index the given text: substring(charStart, charEnd) equals the term; whitespace is skipped.
    @Test
    void offsetsEqualSubstring() {
        String text = "一、主要举措\n\n  2021年,临汾市坚持依法行政。岢岚县行政复议案件12件。";
        List<Token> tokens = TOKENIZER.tokenize(text);
        for (Token t : tokens) {
            assertEquals(t.term(), text.substring(t.charStart(), t.charEnd()), t.toString());
        }
        assertEquals(
                List.of("一", "、", "主要", "举措", "2021年", ",", "临汾市", "坚持", "依法行政", "。", "岢岚县", "行政复议", "案件", "12件", "。"),
                tokens.stream().map(Token::term).toList());
        assertEquals(text.indexOf("2021年"), tokens.get(4).charStart());
    }

    // contentTokens applies the default filter: boilerplate, adverbs, single chars and numbers go.
    @Test
    void contentTokensDropBoilerplate() {
        assertEquals(
                List.of("依法行政", "学习", "习近平法治思想"),
                TOKENIZER.contentTokens("全面推进依法行政,深入学习贯彻习近平法治思想").stream()
                        .map(Token::term)
                        .toList());
    }

    // A missing dictionary resource fails fast, naming the file.
    @Test
    void missingDictionaryFailsWithFileName() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> DomainDictionary.readTerms("/conf/dict/no_such_terms.txt"));
        assertTrue(e.getMessage().contains("/conf/dict/no_such_terms.txt"), e.getMessage());
    }

    // The shared segmenter gives the same tokens under concurrent calls as sequentially.
    @Test
    void concurrentCallsGiveSequentialResults() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            texts.add("第" + i + "次会议研究行政复议、综合行政执法改革和朔州市委关于岢岚县法律明白人培养工作的意见,受理" + i + ".5万件。");
        }
        List<List<Token>> expected = texts.stream().map(TOKENIZER::tokenize).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<Token>>>> futures = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                futures.add(pool.submit(() -> {
                    List<List<Token>> out = new ArrayList<>();
                    for (int r = 0; r < 20; r++) {
                        out = texts.stream().map(TOKENIZER::tokenize).toList();
                    }
                    return out;
                }));
            }
            for (Future<List<List<Token>>> f : futures) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
