package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.ChildJvm;
import dev.conduit.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library its user may read but not write (issue 11: {@code sync} said {@code internal error:
 * UncheckedIOException: cannot lock …}): the built jar runs as {@code nobody} against a library that root made and
 * keeps. A sync is one clear line and exit 1, and changes nothing on disk.
 */
class ReadOnlyLibraryE2E {

    @TempDir
    Path work;

    @Test
    void aSyncWithALibraryItMayNotWriteIsOneClearLine() throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        Path target = Files.createDirectories(work.resolve("target"));
        Mirrors.write(source, "a.txt", "a");
        Path library = work.resolve("library");
        assertThat(CliRun.run(library, "add", source.toString(), target.toString(), "--name", "docs")
                        .exitCode())
                .isZero();
        ChildJvm.handOver(source);
        ChildJvm.handOver(target);
        if (ChildJvm.isRoot()) {
            Shell.run("chmod", "-R", "a+rX", library.toString()); // readable by all, writable by root only
            Shell.run("chmod", "o+x", work.toString());
        } else {
            Shell.run("chmod", "-R", "a-w", library.toString());
        }

        UnprivilegedConduit.Run sync = UnprivilegedConduit.run(library, "sync", "docs");

        assertThat(sync.exitCode()).as(sync.output()).isEqualTo(1);
        assertThat(sync.output().lines()).hasSize(1);
        assertThat(sync.output())
                .startsWith("conduit: ")
                .contains(library.toString())
                .contains("permission denied")
                .contains("must be writable")
                .doesNotContain("internal error")
                .doesNotContain("Exception");
        assertThat(target.resolve("a.txt")).doesNotExist();
        UnprivilegedConduit.Run status = UnprivilegedConduit.run(library, "status");
        assertThat(status.exitCode())
                .as("reading needs no write: " + status.output())
                .isZero();
        assertThat(status.output()).contains("docs").contains("idle");
    }
}
