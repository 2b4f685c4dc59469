package govlens.lib.ingest;

import govlens.lib.clean.Furniture;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns an HTML page into plain text with one block (paragraph, heading, list item, table row, div) per line,
 * lines separated by a blank line, for {@link govlens.lib.clean.TextCleaner}.
 *
 * <p>Behaviour:
 *
 * <ul>
 *   <li>drops script, style, noscript, nav, header, footer, aside, form, iframe (and other non-text widgets), plus
 *       elements whose id or class names a navigation part (nav, menu, breadcrumb/crumb, footer, share, sidebar,
 *       topbar, toolbar, position, copyright...) — unless that element holds more than half of the page text,
 *       because some sites wrap the whole article in such a container;
 *   <li>if a main-content container is present (article, #content, .content, .article, .TRS_Editor, #zoom,
 *       .pages_content and similar, common on Chinese government sites) and holds at least half of the remaining
 *       text, only that container is rendered;
 *   <li>table cells on one row are separated by a tab;
 *   <li>the page {@code <title>} (without a trailing "_site name" part) becomes the first line when the first lines of
 *       the text do not already contain it.
 * </ul>
 *
 * The dropped tags, the chrome tokens and the content selectors are lists in conf/clean/furniture.conf
 * ({@link Furniture}). Furniture that is plain text inside the content (font-size controls, "打印" links) is left
 * to the cleaner.
 * Stateless and thread-safe.
 */
public final class HtmlExtractor {

    private static final Set<String> BLOCK_TAGS = Set.of(
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "dl",
            "dt",
            "dd",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "table",
            "section",
            "article",
            "main",
            "blockquote",
            "pre",
            "hr",
            "center",
            "figure",
            "figcaption",
            "caption",
            "address",
            "tbody",
            "thead",
            "tfoot",
            "body");

    private static final Pattern TITLE_SPLIT = Pattern.compile("\\s*[_|｜]\\s*|\\s+[-–—]\\s+");

    private HtmlExtractor() {}

    /** Extracts the readable text of {@code html}; returns "" for a page without text. */
    public static String toText(String html) {
        Document doc = Jsoup.parse(html);
        Element body = doc.body();
        String title = cleanTitle(doc.title());
        int bodyLen = textLength(body);
        for (Element e : body.select(Furniture.get().dropTags())) {
            dropUnlessMain(e, bodyLen);
        }
        for (Element e : body.getAllElements()) {
            if (e != body && e.parent() != null && isChrome(e)) {
                dropUnlessMain(e, bodyLen);
            }
        }
        Element root = body;
        int remaining = textLength(body);
        Element best = null;
        int bestLen = 0;
        for (Element c : body.select(Furniture.get().contentSelectors())) {
            int len = textLength(c);
            if (len > bestLen) {
                best = c;
                bestLen = len;
            }
        }
        if (best != null && bestLen * 2 >= remaining && bestLen > 0) {
            root = best;
        }
        List<String> lines = render(root);
        if (!title.isEmpty() && !containsTitle(lines, title)) {
            lines.add(0, title);
        }
        return String.join("\n\n", lines);
    }

    private static void dropUnlessMain(Element e, int bodyLen) {
        if (e.parent() == null) {
            return; // already removed together with an ancestor
        }
        int len = textLength(e);
        if (len > 200 && len * 2 > bodyLen) {
            return;
        }
        e.remove();
    }

    private static boolean isChrome(Element e) {
        String id = e.id();
        if (!id.isEmpty() && hasChromeToken(id)) {
            return true;
        }
        for (String cls : e.classNames()) {
            if (hasChromeToken(cls)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasChromeToken(String name) {
        for (String tok : name.split("[-_\\s]+")) {
            if (!tok.isEmpty() && Furniture.get().chromeTokens().contains(tok.toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static int textLength(Element e) {
        return e.text().replaceAll("\\s+", "").length();
    }

    private static String cleanTitle(String raw) {
        String t = raw.replace('\u00A0', ' ').trim();
        if (t.isEmpty()) {
            return t;
        }
        // Page titles are usually "article title_site name"; the article title is the longest part.
        String best = "";
        for (String part : TITLE_SPLIT.split(t)) {
            if (part.trim().length() > best.length()) {
                best = part.trim();
            }
        }
        return best;
    }

    private static boolean containsTitle(List<String> lines, String title) {
        String key = title.replaceAll("\\s+", "");
        for (int i = 0; i < Math.min(6, lines.size()); i++) {
            String line = lines.get(i).replaceAll("\\s+", "");
            if (line.contains(key) || (line.length() >= 8 && key.contains(line))) {
                return true;
            }
        }
        return false;
    }

    /** Renders {@code root} to trimmed, non-empty lines: one per block element, text nodes whitespace-collapsed. */
    private static List<String> render(Element root) {
        StringBuilder sb = new StringBuilder();
        NodeTraversor.traverse(
                new NodeVisitor() {
                    @Override
                    public void head(Node node, int depth) {
                        if (node instanceof TextNode t) {
                            boolean pre = t.parent() instanceof Element p
                                    && p.normalName().equals("pre");
                            sb.append(pre ? t.getWholeText() : t.getWholeText().replaceAll("[ \\t\\r\\n\\f]+", " "));
                        } else if (node instanceof Element e) {
                            if (BLOCK_TAGS.contains(e.normalName())) {
                                sb.append('\n');
                            } else if (e.normalName().equals("td")
                                    || e.normalName().equals("th")) {
                                sb.append('\t');
                            }
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {
                        if (node instanceof Element e && BLOCK_TAGS.contains(e.normalName())) {
                            sb.append('\n');
                        }
                    }
                },
                root);
        List<String> lines = new ArrayList<>();
        for (String line : sb.toString().split("\n")) {
            String t = line.replace('\u00A0', ' ').strip();
            if (!t.isEmpty()) {
                lines.add(t);
            }
        }
        return lines;
    }
}
