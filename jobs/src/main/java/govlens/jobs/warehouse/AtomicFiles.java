package govlens.jobs.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The few file operations the lease and the commit log need to be atomic, on any Hadoop file system.
 *
 * <p>{@link #createExclusive} is the one primitive both rest on: create a small file only if no file of that
 * name exists, and tell whether this caller created it. On a local disk ({@code file:}) Hadoop's own create
 * checks and then opens (two steps: two processes can both succeed), so the content is first written to a
 * private temporary file and published with a hard link ({@code link(2)} fails if the name exists; readers see
 * the whole content or nothing). On HDFS {@code create(path, overwrite=false)} is atomic in the NameNode.
 * Object stores need more: S3 gives it only through conditional writes ({@code If-None-Match: *}, S3A's
 * conditional create in Hadoop 3.4.2+ with {@code fs.s3a.create.conditional.enabled}), otherwise the lock must
 * live outside the bucket (see the README, "Scheduling").
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Creates {@code path} with {@code content} if no file has that name; returns whether this call created it.
     * Parent folders are created.
     */
    public static boolean createExclusive(FileSystem fs, Path path, byte[] content) throws IOException {
        java.nio.file.Path local = localPath(fs, path);
        if (local != null) {
            Files.createDirectories(local.getParent());
            java.nio.file.Path tmp = local.resolveSibling("." + local.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.write(tmp, content);
            try {
                Files.createLink(local, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                // No hard links (some FUSE or network mounts): O_EXCL create, then the content. A reader may
                // briefly see an empty file, which parses as "being written".
                try {
                    Files.write(local, content, java.nio.file.StandardOpenOption.CREATE_NEW);
                    return true;
                } catch (FileAlreadyExistsException again) {
                    return false;
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        fs.mkdirs(path.getParent());
        try (OutputStream out = fs.create(path, false)) {
            out.write(content);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(path) && e.getMessage() != null && e.getMessage().contains("exists")) {
                return false;
            }
            throw e;
        }
    }

    /** The file's bytes, or empty when it does not exist. */
    public static Optional<byte[]> read(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            return Optional.of(in.readAllBytes());
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The file's modification time, or empty when it does not exist. */
    public static Optional<Instant> modified(FileSystem fs, Path path) throws IOException {
        try {
            FileStatus st = fs.getFileStatus(path);
            return Optional.of(Instant.ofEpochMilli(st.getModificationTime()));
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Sets the file's modification time to now (a heartbeat); false when the file is gone. */
    public static boolean touch(FileSystem fs, Path path) {
        try {
            fs.setTimes(path, System.currentTimeMillis(), -1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The java.nio path of a file on a local file system, or null for any other file system. */
    static java.nio.file.Path localPath(FileSystem fs, Path path) {
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            return java.nio.file.Path.of(fs.makeQualified(path).toUri().getPath());
        }
        return null;
    }
}
