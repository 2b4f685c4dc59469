package govlens.jobs.warehouse;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * A local file system under the scheme {@code faulty:} whose n-th file write or rename fails, as a full or failing
 * disk would: a write fails on its first byte with "No space left on device" (the file is created empty, as with a
 * real ENOSPC), a rename fails with "Input/output error". Spark writes through it like through any Hadoop file
 * system (register it with {@link #register}); the counter is global to the JVM, so tasks count too.
 *
 * <p>{@link #failAt}(n) arms it (0 disarms); {@link #operations()} says how many writes and renames were counted
 * since, so a test can first count the operations of a run and then fail a seeded one of them.
 */
public final class FaultyFileSystem extends RawLocalFileSystem {
    public static final String SCHEME = "faulty";
    private static final AtomicLong OPS = new AtomicLong();
    private static volatile long failAt;
    private static volatile boolean full;
    private static final List<String> INJECTED = Collections.synchronizedList(new ArrayList<>());

    /** Makes the scheme known to a Hadoop configuration (Spark's: {@code spark.sparkContext().hadoopConfiguration()}). */
    public static void register(org.apache.hadoop.conf.Configuration conf) {
        conf.set("fs." + SCHEME + ".impl", FaultyFileSystem.class.getName());
    }

    /** Fails the n-th write or rename from now on (counting from 1); 0 counts without failing. */
    public static void failAt(long n) {
        OPS.set(0);
        INJECTED.clear();
        failAt = n;
        full = false;
    }

    /** A disk that fills up: from the n-th operation on, every write fails (renames still work, as on a full disk). */
    public static void fullFrom(long n) {
        failAt(n);
        full = true;
    }

    /** Writes and renames counted since the last {@link #failAt}. */
    public static long operations() {
        return OPS.get();
    }

    /** What was made to fail since the last {@link #failAt}. */
    public static List<String> injected() {
        synchronized (INJECTED) {
            return List.copyOf(INJECTED);
        }
    }

    /** A path of this scheme for a local path. */
    public static String path(java.nio.file.Path local) {
        return SCHEME + "://" + local.toAbsolutePath();
    }

    private static boolean fails(String what) {
        long n = OPS.incrementAndGet();
        if (failAt > 0 && (n == failAt || (full && n > failAt && what.startsWith("write")))) {
            INJECTED.add(what);
            return true;
        }
        return false;
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    protected OutputStream createOutputStreamWithMode(Path f, boolean append, FsPermission permission)
            throws IOException {
        OutputStream out = super.createOutputStreamWithMode(f, append, permission);
        if (!fails("write " + f)) {
            return out;
        }
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                throw full(f);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw full(f);
            }

            @Override
            public void close() throws IOException {
                super.close();
                throw full(f);
            }
        };
    }

    private static IOException full(Path f) {
        return new IOException("No space left on device (injected writing " + f + ")");
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        if (fails("rename " + src + " → " + dst) && !full) {
            throw new IOException("Input/output error (injected renaming " + src + ")");
        }
        return super.rename(src, dst);
    }
}
