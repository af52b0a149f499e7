package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.ChildJvm;
import dev.conduit.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only an ordinary user meets — a source folder it may not read, a target folder it may not write — met where CI
 * runs, as root: the built jar runs as {@code nobody} ({@link ChildJvm#unprivilegedJar}), whose files these are. The
 * sync names each entry that failed with its reason, exits 1, deletes nothing it could not see, and does the rest.
 */
class UnprivilegedSyncE2E {

    @TempDir
    Path work;

    @Test
    void anUnreadableSourceFolderAndAnUnwritableTargetFolderAreNamedAndTheRestIsSynced() throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        Path target = work.resolve("target");
        Mirrors.write(source, "ok.txt", "fine");
        Mirrors.write(source, "secret/hidden.txt", "synced while it could be read");
        Mirrors.write(source, "locked/old.txt", "synced while it could be written");
        ChildJvm.handOver(work);
        UnprivilegedConduit.Run first =
                UnprivilegedConduit.run(work.resolve("library"), "sync", source.toString(), target.toString());
        assertThat(first.exitCode()).as(first.output()).isZero();

        Files.setPosixFilePermissions(source.resolve("secret"), PosixFilePermissions.fromString("---------"));
        Mirrors.write(source, "locked/new.txt", "cannot be written there");
        Mirrors.write(source, "sub/new.txt", "copied");
        ChildJvm.handOver(source.resolve("locked"));
        ChildJvm.handOver(source.resolve("sub"));
        Files.setPosixFilePermissions(target.resolve("locked"), PosixFilePermissions.fromString("r-xr-xr-x"));
        if (ChildJvm.isRoot()) {
            Shell.run("chown", "root:root", target.resolve("locked").toString()); // nor may it chmod it back
        }

        UnprivilegedConduit.Run second = UnprivilegedConduit.run(work.resolve("library"), "sync", "1");

        assertThat(second.exitCode()).as(second.output()).isEqualTo(1);
        assertThat(second.output().lines())
                .anySatisfy(line -> assertThat(line).contains("secret").contains("permission denied"))
                .anySatisfy(line -> assertThat(line).contains("locked/new.txt").contains("permission denied"))
                .noneSatisfy(line -> assertThat(line).containsAnyOf("Exception", "\tat "));
        assertThat(target.resolve("secret/hidden.txt"))
                .as("an unreadable folder is not an empty one")
                .hasContent("synced while it could be read");
        assertThat(target.resolve("locked/old.txt")).hasContent("synced while it could be written");
        assertThat(target.resolve("locked/new.txt")).doesNotExist();
        assertThat(target.resolve("sub/new.txt")).hasContent("copied");
        try (Stream<Path> all = Files.walk(target)) {
            assertThat(all.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(".conduit-tmp-"));
        }
        Files.setPosixFilePermissions(source.resolve("secret"), PosixFilePermissions.fromString("rwx------"));
    }
}
