package dev.conduit.adapter.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixStatTest {

    @TempDir
    Path dir;

    @Test
    void theDeviceIsTheOneTheNamedAttributeGivesAndALinkIsFollowedToIt() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), folder);

        assertThat(PosixStat.device(folder)).isEqualTo(((Number) Files.getAttribute(folder, "unix:dev")).longValue());
        assertThat(PosixStat.device(link)).isEqualTo(PosixStat.device(folder));
    }

    @Test
    void theIdentityIsTheSameForTheSameFileReachedTwoWaysAndAnotherForAnotherFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), folder);
        Path other = Files.createDirectory(dir.resolve("other"));

        assertThat(PosixStat.identity(link)).isEqualTo(PosixStat.identity(folder));
        assertThat(PosixStat.identity(other)).isNotEqualTo(PosixStat.identity(folder));
        Object before = PosixStat.identity(folder);
        Path moved = Files.move(folder, dir.resolve("moved"));
        assertThat(PosixStat.identity(moved)).as("a rename keeps the inode").isEqualTo(before);
    }

    @Test
    void aMissingFileIsAnIoFailureNotAnAnswer() {
        assertThatThrownBy(() -> PosixStat.device(dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> PosixStat.identity(dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
    }
}
