package govlens.jobs.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --serve handler on port 0: the page and region files are served; nothing outside the folder is. */
class DashboardServerTest {
    @TempDir
    static Path dir;

    static DashboardServer server;
    static final String REGION = "{\"key\":\"141000\",\"values\":[{\"sentence\":\"\\u003cscript\\u003e\"}]}";

    @BeforeAll
    static void start() throws IOException {
        Path dash = Files.createDirectories(dir.resolve("wh/dashboard/regions"));
        Files.writeString(dash.getParent().resolve("index.html"), "<!DOCTYPE html><title>t</title>");
        Files.writeString(dash.resolve("141000.json"), REGION);
        Files.writeString(dir.resolve("wh/secret.json"), "{\"secret\":1}");
        Files.writeString(dir.resolve("wh/dashboard/notes.txt"), "not served");
        Files.createSymbolicLink(dash.resolve("link.json"), dir.resolve("wh/secret.json"));
        server = DashboardServer.start(dash.getParent(), 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A request line sent as is (HttpClient would not send some of these paths), returning the status line. */
    static String raw(String method, String target) throws IOException {
        URI u = URI.create(server.url());
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(0, response.indexOf("\r\n"));
        }
    }

    // The URL is the loopback address with the port the system chose.
    @Test
    void listensOnLoopbackOnly() {
        assertTrue(server.url().matches("http://127\\.0\\.0\\.1:[1-9][0-9]*/"), server.url());
    }

    // "/" is the page, as HTML.
    @Test
    void servesThePage() throws Exception {
        HttpResponse<String> r = get("");
        assertEquals(200, r.statusCode());
        assertEquals(
                "text/html; charset=utf-8",
                r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("<!DOCTYPE html><title>t</title>", r.body());
    }

    // A region file comes back byte for byte, as JSON that the browser must not sniff as anything else.
    @Test
    void servesARegionFile() throws Exception {
        HttpResponse<String> r = get("regions/141000.json");
        assertEquals(200, r.statusCode());
        assertEquals(
                "application/json; charset=utf-8",
                r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(REGION, r.body());
    }

    // Paths that leave the folder, plain or percent-encoded, are refused; so is a link pointing outside it.
    @Test
    void refusesPathsOutsideTheFolder() throws Exception {
        assertEquals("HTTP/1.1 404 Not Found", raw("GET", "/../secret.json"));
        assertEquals("HTTP/1.1 404 Not Found", raw("GET", "/regions/../../secret.json"));
        assertEquals("HTTP/1.1 404 Not Found", raw("GET", "/regions/%2e%2e/%2e%2e/secret.json"));
        assertEquals("HTTP/1.1 404 Not Found", raw("GET", "/..%2fsecret.json"));
        assertEquals("HTTP/1.1 404 Not Found", raw("GET", "/regions/link.json"));
        assertEquals(404, get("regions/missing.json").statusCode());
    }

    // Only the page's own kinds of file, and only reads.
    @Test
    void refusesOtherFilesAndMethods() throws Exception {
        assertEquals(404, get("notes.txt").statusCode());
        assertEquals(404, get("regions/").statusCode());
        assertEquals("HTTP/1.1 405 Method Not Allowed", raw("POST", "/regions/141000.json"));
    }
}
