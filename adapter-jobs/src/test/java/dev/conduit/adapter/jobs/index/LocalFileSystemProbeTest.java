package dev.conduit.adapter.jobs.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.index.FileSystemTraits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileSystemProbeTest {

    @TempDir
    Path root;

    @Test
    void leavesTheRootAsItFoundIt() throws IOException {
        Files.writeString(root.resolve("kept.txt"), "mine");
        FileTime modified = FileTime.from(1_500_000_000_123_456_789L, TimeUnit.NANOSECONDS);
        FileTime accessed = FileTime.from(1_500_000_100_987_654_321L, TimeUnit.NANOSECONDS);
        view().setTimes(modified, accessed, null);

        FileSystemTraits traits = new LocalFileSystemProbe().byWriting(root).get();

        assertThat(traits.symlinks()).as("the probe made its files in the root").isTrue();
        BasicFileAttributes after = view().readAttributes();
        assertThat(after.lastModifiedTime()).isEqualTo(modified);
        assertThat(after.lastAccessTime()).isEqualTo(accessed);
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left).containsExactly(root.resolve("kept.txt"));
        }
    }

    /** What the probe reads of a root of a known kind is what writing would have found, and nothing is written. */
    @Test
    void aRootOfAKnownPosixKindIsProbedWithoutWritingAnything() throws IOException {
        String kind = Files.getFileStore(root).type();
        Assumptions.assumeTrue(LocalFileSystemProbe.POSIX_KINDS.contains(kind), "the temporary folder is on " + kind);
        Path written = Files.createDirectory(root.resolve("written"));
        Path read = Files.createDirectory(root.resolve("read"));
        Files.writeString(read.resolve("kept.txt"), "mine");
        Object changed = Files.getAttribute(read, "unix:ctime");
        FileTime modified = Files.getLastModifiedTime(read);

        FileSystemTraits found = new LocalFileSystemProbe().probe(read).get();
        FileSystemTraits foundReading =
                new LocalFileSystemProbe().probeReading(read).get();

        assertThat(found)
                .as("what writing finds")
                .isEqualTo(new LocalFileSystemProbe().byWriting(written).get());
        assertThat(foundReading).isEqualTo(found);
        assertThat(Files.getAttribute(read, "unix:ctime"))
                .as("nothing was written in it")
                .isEqualTo(changed);
        assertThat(Files.getLastModifiedTime(read)).isEqualTo(modified);
    }

    @Test
    void aMissingRootIsAFailureNotAnException() {
        assertThat(new LocalFileSystemProbe().probe(root.resolve("gone")).isLeft())
                .isTrue();
    }

    private BasicFileAttributeView view() {
        return Files.getFileAttributeView(root, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }
}
