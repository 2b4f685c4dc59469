package govlens.lib.clean;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FurnitureTest {

    private static String bundled() throws IOException {
        try (InputStream in = FurnitureTest.class.getResourceAsStream(Furniture.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static IllegalArgumentException failure(String conf) {
        return assertThrows(IllegalArgumentException.class, () -> Furniture.parse(new StringReader(conf), "test.conf"));
    }

    // The bundled file loads, once per JVM.
    @Test
    void bundledLoadsOnce() {
        assertSame(Furniture.get(), Furniture.get());
        assertTrue(Furniture.get().contentSelectors().contains(".TRS_Editor"));
    }

    // An unknown key fails at load and is named.
    @Test
    void unknownKeyNamed() throws IOException {
        IllegalArgumentException e = failure(bundled().replace("words {", "words {\n  toolbars = [打印]"));
        assertTrue(e.getMessage().contains("words.toolbars"), e.getMessage());
    }

    // An empty list fails at load and is named.
    @Test
    void emptyListNamed() throws IOException {
        String conf = bundled().replaceFirst("(?s)counter = \\[[^\\]]*\\]", "counter = []");
        assertTrue(failure(conf).getMessage().contains("words.counter is empty"));
    }

    // A blank entry fails at load and is named with its position.
    @Test
    void blankEntryNamed() throws IOException {
        String conf = bundled().replace("editor = [责任编辑,", "editor = [\" \", 责任编辑,");
        assertTrue(failure(conf).getMessage().contains("words.editor entry 1 is blank"));
    }

    // A regular expression that does not compile fails at load and is named.
    @Test
    void badRegexNamed() throws IOException {
        String conf = bundled().replace("inline = [", "inline = [\"([unclosed\"\n");
        IllegalArgumentException e = failure(conf);
        assertTrue(
                e.getMessage().contains("patterns.inline entry 1")
                        && e.getMessage().contains("([unclosed"),
                e.getMessage());
    }

    // A CSS selector jsoup cannot parse fails at load and is named.
    @Test
    void badSelectorNamed() throws IOException {
        String conf = bundled().replace("content-selectors = [article,", "content-selectors = [\"div[\", article,");
        assertTrue(failure(conf).getMessage().contains("'div['"));
    }
}
