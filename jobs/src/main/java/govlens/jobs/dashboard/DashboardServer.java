package govlens.jobs.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Serves a local dashboard folder ({@code <warehouse>/dashboard}) over HTTP on the loopback address only, so
 * the page can fetch its region files ({@code regions/<key>.json}), which a browser refuses to a page opened
 * from a file. The JDK's own {@code com.sun.net.httpserver} is enough for one reader on one machine and adds no
 * dependency.
 *
 * <p>Only GET and HEAD of {@code .html} and {@code .json} files inside the folder are answered; anything else
 * is 404 (also paths that leave the folder through {@code ..}, encoded or not, or through a symbolic link) or
 * 405 (other methods). Responses carry {@code X-Content-Type-Options: nosniff} and {@code Cache-Control:
 * no-cache} (a rebuilt page is seen at once).
 */
public final class DashboardServer implements AutoCloseable {
    private static final Map<String, String> TYPES =
            Map.of(".html", "text/html; charset=utf-8", ".json", "application/json; charset=utf-8");

    private final HttpServer server;
    private final Path root;

    private DashboardServer(HttpServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    /**
     * Starts serving {@code folder} on 127.0.0.1.
     *
     * @param port the port, or 0 for any free one (see {@link #url()})
     */
    public static DashboardServer start(Path folder, int port) throws IOException {
        Path root = folder.toRealPath();
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        s.createContext("/", new FileHandler(root));
        s.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "dashboard-http");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return new DashboardServer(s, root);
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8765/}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The folder served (its real path). */
    public Path root() {
        return root;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The handler: maps a request path to a file under the root, or refuses it. */
    static final class FileHandler implements HttpHandler {
        private final Path root;

        FileHandler(Path root) {
            this.root = root;
        }

        @Override
        public void handle(HttpExchange ex) throws IOException {
            try (ex) {
                String method = ex.getRequestMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    ex.getResponseHeaders().set("Allow", "GET, HEAD");
                    send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                Path file = resolve(root, ex.getRequestURI());
                if (file == null) {
                    send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                String name = file.getFileName().toString();
                String type = TYPES.get(name.substring(name.lastIndexOf('.')).toLowerCase(Locale.ROOT));
                send(ex, 200, type, Files.readAllBytes(file));
            }
        }

        private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(body);
                }
            }
        }
    }

    /**
     * The regular .html or .json file under {@code root} that the request names ("/" is index.html), or null:
     * for a path with a ".." segment, a backslash or a NUL, one that resolves outside the root (symbolic links
     * followed), a folder, a missing file or another type.
     */
    static Path resolve(Path root, URI uri) {
        String p = uri.getPath(); // percent-decoded: %2e%2e is seen as ..
        if (p == null || !p.startsWith("/") || p.indexOf('\\') >= 0 || p.indexOf('\0') >= 0) {
            return null;
        }
        String rel = p.equals("/") ? "index.html" : p.substring(1);
        for (String seg : rel.split("/", -1)) {
            if (seg.equals("..") || seg.equals(".") || seg.isEmpty()) {
                return null;
            }
        }
        int dot = rel.lastIndexOf('.');
        if (dot < 0 || !TYPES.containsKey(rel.substring(dot).toLowerCase(Locale.ROOT))) {
            return null;
        }
        try {
            Path f = root.resolve(rel).normalize();
            if (!f.startsWith(root) || !Files.isRegularFile(f)) {
                return null;
            }
            Path real = f.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
