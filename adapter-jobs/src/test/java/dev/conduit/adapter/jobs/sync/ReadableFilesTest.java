package dev.conduit.adapter.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.adapter.jobs.IoFailures;
import dev.conduit.testing.Shell;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(
        value = 30,
        threadMode =
                Timeout.ThreadMode
                        .SEPARATE_THREAD) // what is not a regular file is refused at once: a pipe's open would
// otherwise wait for a writer
class ReadableFilesTest {

    @TempDir
    Path folder;

    @Test
    void aRegularFileIsOpenedAndRead() throws Exception {
        Path file = Files.writeString(folder.resolve("file"), "content");

        try (FileChannel channel = ReadableFiles.open(file)) {
            ByteBuffer read = ByteBuffer.allocate(32);
            channel.read(read);
            assertThat(new String(read.array(), 0, read.position(), StandardCharsets.UTF_8))
                    .isEqualTo("content");
        }
    }

    @Test
    void aPipeIsRefusedAndNothingWaits() throws Exception {
        Shell.run("mkfifo", folder.resolve("pipe").toString());

        assertChangedWhileRead(folder.resolve("pipe"));
    }

    @Test
    void aLinkIsNotFollowedEvenToARegularFile() throws Exception {
        Files.writeString(folder.resolve("file"), "content");
        Files.createSymbolicLink(folder.resolve("link"), folder.resolve("file"));

        assertChangedWhileRead(folder.resolve("link"));
    }

    @Test
    void aFolderAndADeviceAreRefused() throws Exception {
        Files.createDirectory(folder.resolve("folder"));

        assertChangedWhileRead(folder.resolve("folder"));
        assertChangedWhileRead(Path.of("/dev/zero")); // an endless read, had it been opened as a file
    }

    @Test
    void aMissingFileIsMissing() {
        assertThatThrownBy(() -> ReadableFiles.open(folder.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
    }

    private static void assertChangedWhileRead(Path path) {
        assertThatThrownBy(() -> ReadableFiles.open(path).close())
                .isInstanceOf(IoFailures.Known.class)
                .hasMessage("it changed while it was being read (it is read again on the next scan)");
    }
}
