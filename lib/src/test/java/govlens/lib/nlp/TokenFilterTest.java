package govlens.lib.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenFilterTest {
    private static final TokenFilter DEFAULTS = TokenFilter.defaults();

    private static Token tok(String term, String pos) {
        return new Token(term, pos, 0, term.length());
    }

    // Domain boilerplate (推进, 工作) and HanLP stopwords (我们) are dropped.
    @Test
    void dropsStopwords() {
        assertFalse(DEFAULTS.test(tok("推进", "v")));
        assertFalse(DEFAULTS.test(tok("工作", "vn")));
        assertFalse(DEFAULTS.test(tok("我们", "r")));
    }

    // Content words of the domain are kept.
    @Test
    void keepsDomainContentWords() {
        assertTrue(DEFAULTS.test(tok("执法", "vn")));
        assertTrue(DEFAULTS.test(tok("复议", "v")));
        assertTrue(DEFAULTS.test(tok("岢岚县", "ns")));
        assertTrue(DEFAULTS.test(tok("放管服", "nz")));
    }

    // POS filter: numbers, punctuation, adverbs and 是/有 verbs are dropped.
    @Test
    void dropsByPos() {
        assertFalse(DEFAULTS.test(tok("82.3万件", "mq")));
        assertFalse(DEFAULTS.test(tok("——", "w")));
        assertFalse(DEFAULTS.test(tok("依然", "d")));
        assertFalse(DEFAULTS.test(tok("就是", "vshi")));
    }

    // Single characters are dropped by default, kept when min-length is 1.
    @Test
    void minLengthConfigurable() {
        assertFalse(DEFAULTS.test(tok("法", "n")));
        TokenFilter f = TokenFilter.fromConfig(ConfigFactory.parseString("min-length = 1"));
        assertTrue(f.test(tok("法", "n")));
    }

    // Extra stopwords and allowed POS prefixes come from the config.
    @Test
    void configOverrides() {
        TokenFilter f = TokenFilter.fromConfig(
                ConfigFactory.parseString("extra-stopwords = [执法]\nallowed-pos-prefixes = [ns, vn]"));
        assertEquals(
                List.of(false, true, false),
                List.of(f.test(tok("执法", "vn")), f.test(tok("临汾市", "ns")), f.test(tok("政府", "n"))));
    }

    // A listed stopword file that is missing fails fast, naming it.
    @Test
    void missingStopwordFileFails() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> TokenFilter.fromConfig(ConfigFactory.parseString("stopword-files = [\"/conf/dict/nope.txt\"]")));
        assertTrue(e.getMessage().contains("/conf/dict/nope.txt"));
    }
}
