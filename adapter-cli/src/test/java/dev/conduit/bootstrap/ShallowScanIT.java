package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.in.IndexReport;
import io.vavr.collection.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan a service runs for what its watcher saw: only the named folders, each shallowly (a folder new to the
 * index whole), with the rules a scan of the whole root would apply there.
 */
class ShallowScanIT {

    @TempDir
    Path work;

    @Test
    void onlyTheNamedFoldersAreReadAndANewFolderWhole() throws Exception {
        Path root = Files.createDirectories(work.resolve("root")).toRealPath();
        Mirrors.write(root, "a/x.txt", "x");
        Mirrors.write(root, "a/sub/y.txt", "y");
        Mirrors.write(root, "b/z.txt", "z");
        RealLibrary library = new RealLibrary(work.resolve("lib"));
        IndexReport full = library.index(root);

        Mirrors.write(root, "a/x.txt", "x, changed");
        Mirrors.write(root, "a/new/deep/n.txt", "n");
        Mirrors.write(root, "a/sub/y.txt", "y, changed");
        Files.delete(root.resolve("b/z.txt"));
        IndexReport shallow = library.indexOnly(root, List.empty(), "a");

        assertThat(shallow.created()).as("a/new, a/new/deep, a/new/deep/n.txt").isEqualTo(3);
        assertThat(shallow.modified()).as("a/x.txt").isEqualTo(1);
        assertThat(shallow.removed()).isZero();
        assertThat(shallow.filesHashed()).isEqualTo(2);
        var entries = library.entries(full);
        assertThat(entries).containsKeys("a/new/deep/n.txt", "b/z.txt");
        assertThat(entries.get("a/x.txt").stat().size()).isEqualTo(10);
        assertThat(entries.get("a/sub/y.txt").stat().size())
                .as("a folder not named is not read")
                .isEqualTo(1);

        IndexReport removal = library.indexOnly(root, List.empty(), "b");
        assertThat(removal.removed()).isEqualTo(1);
        assertThat(library.entries(full)).doesNotContainKey("b/z.txt");
    }

    @Test
    void theRulesOfTheFoldersAboveApply() throws Exception {
        Path root = Files.createDirectories(work.resolve("root")).toRealPath();
        Mirrors.write(root, ".conduitignore", "*.log\n");
        Mirrors.write(root, "a/.conduitignore", "secret\n");
        Mirrors.write(root, "a/sub/keep.txt", "k");
        RealLibrary library = new RealLibrary(work.resolve("lib"));
        IndexReport full = library.index(root);

        Mirrors.write(root, "a/sub/debug.log", "l");
        Mirrors.write(root, "a/sub/secret", "s");
        Mirrors.write(root, "a/sub/anchored.txt", "a");
        Mirrors.write(root, "a/sub/other.txt", "o");
        library.indexOnly(root, List.of("/a/sub/anchored.txt"), "a/sub");

        assertThat(library.entries(full))
                .containsKeys("a/sub/keep.txt", "a/sub/other.txt")
                .doesNotContainKeys("a/sub/debug.log", "a/sub/secret", "a/sub/anchored.txt");
    }
}
