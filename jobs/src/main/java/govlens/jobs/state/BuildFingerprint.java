package govlens.jobs.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What identifies the running GovLens code for the stage fingerprints: a SHA-256 over every compiled GovLens
 * class (lib and jobs, in name order), the list of libraries the build resolved ({@code
 * govlens/dependencies.txt}, written by the build: a new HanLP or Tika changes outputs as surely as our own
 * code does) and the running Spark version.
 *
 * <p>Hashing the classes rather than trusting a version or a commit id means a rebuilt working copy with an
 * uncommitted change is a different build, and two builds of the same sources are the same one (javac is
 * deterministic). Computed once per JVM, on the driver; it reads a few hundred small entries.
 */
public final class BuildFingerprint {
    private BuildFingerprint() {}

    /** System property that replaces the computed digest; only tests that simulate a code change set it. */
    public static final String OVERRIDE_PROPERTY = "govlens.build.fingerprint";

    private static volatile String computed;

    /** The digest (hex), or the value of {@link #OVERRIDE_PROPERTY} when set. */
    public static String get() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return override;
        }
        String c = computed;
        if (c == null) {
            synchronized (BuildFingerprint.class) {
                if (computed == null) {
                    computed = compute();
                }
                c = computed;
            }
        }
        return c;
    }

    private static String compute() {
        Map<String, byte[]> classes = new TreeMap<>();
        collect(govlens.lib.pipeline.DocumentProcessor.class, classes);
        collect(govlens.jobs.Pipeline.class, classes);
        Digests.Builder d = Digests.builder();
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            d.add(e.getKey(), e.getValue());
        }
        d.add("dependencies", resource("/govlens/dependencies.txt"));
        d.add("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION().getBytes(StandardCharsets.UTF_8));
        return d.hex();
    }

    /** Every class under govlens/ (but not shaded third-party code) of the jar or folder holding {@code marker}. */
    private static void collect(Class<?> marker, Map<String, byte[]> out) {
        CodeSource cs = marker.getProtectionDomain().getCodeSource();
        if (cs == null) {
            throw new IllegalStateException("cannot locate the code of " + marker.getName());
        }
        try {
            Path p = Path.of(cs.getLocation().toURI());
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p.resolve("govlens"))) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        String name = p.relativize(f).toString().replace('\\', '/');
                        if (isGovLensClass(name)) {
                            out.put(name, Files.readAllBytes(f));
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(p.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        if (!e.isDirectory() && isGovLensClass(e.getName())) {
                            try (InputStream in = jar.getInputStream(e)) {
                                out.put(e.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GovLens classes to fingerprint the build", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the code of " + marker.getName(), e);
        }
    }

    private static boolean isGovLensClass(String name) {
        return name.startsWith("govlens/") && !name.startsWith("govlens/shaded/") && name.endsWith(".class");
    }

    private static byte[] resource(String name) {
        try (InputStream in = BuildFingerprint.class.getResourceAsStream(name)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
