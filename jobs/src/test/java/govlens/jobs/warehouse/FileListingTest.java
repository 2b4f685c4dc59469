package govlens.jobs.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileListingTest {
    @TempDir
    Path dir;

    private static FileSystem local() throws Exception {
        return FileSystem.getLocal(new Configuration());
    }

    private List<String> relative(List<FileStatus> files) {
        String prefix = dir.toUri().getPath().replaceAll("/+$", "") + "/";
        return files.stream()
                .map(f -> f.getPath().toUri().getPath().substring(prefix.length()))
                .toList();
    }

    @Test
    void listsEveryFileOfTheTreeSortedByPathHiddenOnesIncluded() throws Exception {
        Files.createDirectories(dir.resolve("b/year=2024"));
        Files.createDirectories(dir.resolve("a/_tmp"));
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(dir.resolve("b/year=2024/part-1.parquet"), "xy");
        Files.writeString(dir.resolve("a/_tmp/x"), "");
        Files.writeString(dir.resolve("a/.hidden"), "h");
        Files.writeString(dir.resolve("z.txt"), "z");
        List<FileStatus> files = FileListing.files(local(), new org.apache.hadoop.fs.Path(dir.toString()));
        assertEquals(List.of("a/.hidden", "a/_tmp/x", "b/year=2024/part-1.parquet", "z.txt"), relative(files));
        assertEquals(2L, files.get(2).getLen());
    }

    @Test
    void aFileRootListsItself() throws Exception {
        Files.writeString(dir.resolve("one.txt"), "abc");
        List<FileStatus> files = FileListing.files(
                local(), new org.apache.hadoop.fs.Path(dir.resolve("one.txt").toString()));
        assertEquals(List.of("one.txt"), relative(files));
        assertEquals(3L, files.get(0).getLen());
    }

    @Test
    void aMissingRootIsAnError() {
        assertThrows(
                FileNotFoundException.class,
                () -> FileListing.files(
                        local(),
                        new org.apache.hadoop.fs.Path(dir.resolve("nope").toString())));
    }
}
