package dev.conduit.adapter.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch flush is a system call of this process, not a {@code sync -f} per batch. */
class FileSystemSyncTest {

    @TempDir
    Path folder;

    @Test
    void aFileSystemIsFlushedByTheSystemCallItself() throws Exception {
        Files.writeString(folder.resolve("written"), "bytes");

        assertThat(FileSystemSync.syncfs(folder)).isTrue();
        assertThat(FileSystemSync.syncfs(folder.resolve("written")))
                .as("any path on it")
                .isTrue();
    }

    @Test
    void aPathThatCannotBeOpenedIsNotFlushedSoCallersFlushFileByFile() {
        assertThat(FileSystemSync.syncfs(folder.resolve("missing"))).isFalse();
        assertThat(new FileSystemSync().flush(folder.resolve("missing"))).isFalse();
    }
}
