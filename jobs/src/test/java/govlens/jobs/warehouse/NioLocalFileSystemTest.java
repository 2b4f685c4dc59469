package govlens.jobs.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {
    @TempDir
    java.nio.file.Path dir;

    private static FileSystem fs() throws Exception {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
        return FileSystem.newInstance(URI.create("file:///"), conf);
    }

    @Test
    void isTheFileSystemOfFileUrisWhenConfigured() throws Exception {
        try (FileSystem fs = fs()) {
            assertEquals(NioLocalFileSystem.class, fs.getClass());
        }
    }

    @Test
    void setsTheModeHadoopWouldSet() throws Exception {
        try (FileSystem fs = fs()) {
            Path f = new Path(dir.resolve("a/b/file.txt").toString());
            try (OutputStream os = fs.create(f, true)) {
                os.write("数据".getBytes(StandardCharsets.UTF_8));
            }
            fs.setPermission(f, new FsPermission((short) 0640));
            assertEquals(
                    "rw-r-----",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/file.txt"))));
            assertEquals("数据", Files.readString(dir.resolve("a/b/file.txt"), StandardCharsets.UTF_8));
            assertEquals(new FsPermission((short) 0640), fs.getFileStatus(f).getPermission());
        }
    }

    @Test
    void newFilesAndFoldersGetTheUmaskedDefaults() throws Exception {
        try (FileSystem fs = fs()) {
            fs.mkdirs(new Path(dir.resolve("d").toString()));
            try (OutputStream os = fs.create(new Path(dir.resolve("d/f").toString()), true)) {
                os.write(1);
            }
            // Hadoop's defaults 0777 / 0666 with its default umask 022.
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("d"))));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("d/f"))));
        }
    }
}
