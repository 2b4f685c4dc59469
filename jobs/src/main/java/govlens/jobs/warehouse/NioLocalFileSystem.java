package govlens.jobs.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file:}), checksums and all, except that it sets permissions through
 * java.nio instead of starting a {@code chmod} process.
 *
 * <p>Without Hadoop's native library (the usual case on a laptop and in CI), {@code RawLocalFileSystem} runs
 * {@code chmod} once for every file and folder it creates: every Parquet part file and its .crc, every
 * dashboard region file. That was about 5–9 ms a file. {@link govlens.jobs.Sessions} installs this class as
 * {@code fs.file.impl}. With the native library present, or for a mode java.nio cannot express (sticky bit)
 * or a file system without POSIX attributes, it does exactly what Hadoop does.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
    public NioLocalFileSystem() {
        super(new Raw());
    }

    /** The raw layer with the permission change replaced. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            if (NativeIO.isAvailable() || permission.getStickyBit()) {
                super.setPermission(p, permission);
                return;
            }
            try {
                Files.setPosixFilePermissions(
                        pathToFile(p).toPath(), PosixFilePermissions.fromString(permission.toString()));
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission);
            }
        }
    }
}
