package dev.conduit.adapter.jobs.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.adapter.jobs.PosixStat;
import dev.conduit.adapter.jobs.Xattr;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.FileTree.Listed;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.testing.ChildJvm;
import dev.conduit.testing.Shell;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileTreeTest {

    @TempDir
    Path root;

    private final LocalFileTree tree = new LocalFileTree(new ContentHasher());

    private Seq<Listed> list(String directory) {
        return tree.list(root, RelativePath.parse(directory).get()).get();
    }

    private FileStat stat(String directory, String name) {
        return list(directory)
                .find(l -> l.name().equals(name))
                .map(l -> ((Listed.Found) l).stat())
                .get();
    }

    @Test
    void readsKindSizeNanosecondMtimeModeAndFileKeyWithOneLstat() throws IOException {
        Path file = Files.writeString(root.resolve("a.txt"), "hello");
        Files.setLastModifiedTime(file, FileTime.from(1_700_000_000_123_456_789L, TimeUnit.NANOSECONDS));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Files.createDirectory(root.resolve("dir"));

        FileStat stat = stat("", "a.txt");

        assertThat(stat.kind()).isEqualTo(EntryKind.FILE);
        assertThat(stat.size()).isEqualTo(5);
        assertThat(stat.mtimeNanos()).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(stat.mode()).isEqualTo(0640);
        assertThat(stat.fileKey()).isNotEmpty();
        assertThat(stat.ctimeNanos())
                .isEqualTo(((FileTime) Files.getAttribute(file, "unix:ctime")).to(TimeUnit.NANOSECONDS));
        assertThat(stat("", "dir").kind()).isEqualTo(EntryKind.DIRECTORY);
        assertThat(stat("", "dir").size()).isZero();
    }

    @Test
    void readsTheChangeTimeThatSettingAnExtendedAttributeMoves() throws Exception {
        Path file = Files.writeString(root.resolve("a.txt"), "hello");
        long before = stat("", "a.txt").ctimeNanos();
        assertThat(before).isEqualTo(((FileTime) Files.getAttribute(file, "unix:ctime")).to(TimeUnit.NANOSECONDS));
        Thread.sleep(20);

        Xattr.set(file, "tag", "red");

        assertThat(stat("", "a.txt").ctimeNanos()).isGreaterThan(before);
        assertThat(stat("", "a.txt").mtimeNanos()).isLessThanOrEqualTo(before);
    }

    @Test
    void fingerprintsTheUserExtendedAttributesOfFilesAndFolders() throws Exception {
        Path file = Files.writeString(root.resolve("a.txt"), "hello");
        Path folder = Files.createDirectory(root.resolve("dir"));
        Files.writeString(root.resolve("plain.txt"), "hello");
        Xattr.set(file, "tag", "red");
        Xattr.set(file, "origin", "https://example.org");
        Xattr.set(folder, "tag", "blue");

        assertThat(tree.xattrs(root, RelativePath.parse("a.txt").get()))
                .isEqualTo(Either.right(Option.some(
                        Xattrs.of(LinkedHashMap.of("origin", bytes("https://example.org"), "tag", bytes("red"))))));
        assertThat(tree.xattrs(root, RelativePath.parse("dir").get()))
                .isEqualTo(Either.right(Option.some(Xattrs.of(LinkedHashMap.of("tag", bytes("blue"))))));
        assertThat(tree.xattrs(root, RelativePath.parse("plain.txt").get()))
                .isEqualTo(Either.right(Option.some(Xattrs.NONE)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void keepsSetuidSetgidAndStickyBits() throws Exception {
        Path file = Files.writeString(root.resolve("tool"), "#!/bin/sh\n");
        Path shared = Files.createDirectory(root.resolve("shared"));
        Shell.run("chmod", "4755", file.toString());
        Shell.run("chmod", "3777", shared.toString());

        assertThat(PosixStat.fastPath())
                .as("the build opens sun.nio.fs as the launcher does")
                .isTrue();
        assertThat(stat("", "tool").mode()).isEqualTo(04755);
        assertThat(stat("", "shared").mode()).isEqualTo(03777);
    }

    @Test
    void recordsSymlinksAsLinksAndNeverFollowsThem() throws IOException {
        Files.createDirectory(root.resolve("real"));
        Files.writeString(root.resolve("real/inside.txt"), "x");
        Files.createSymbolicLink(root.resolve("to-dir"), Path.of("real"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere/at/all"));

        FileStat toDir = stat("", "to-dir");
        FileStat dangling = stat("", "dangling");

        assertThat(toDir.kind()).isEqualTo(EntryKind.SYMLINK);
        assertThat(toDir.linkTarget()).contains("real");
        assertThat(dangling.kind()).isEqualTo(EntryKind.SYMLINK);
        assertThat(dangling.linkTarget()).contains("nowhere/at/all");
    }

    @Test
    void skipsFifosAsUnsupported() throws Exception {
        Shell.run("mkfifo", root.resolve("pipe").toString());

        Listed pipe = list("").head();

        assertThat(pipe).isInstanceOf(Listed.Unsupported.class);
        assertThat(((Listed.Unsupported) pipe).what()).contains("FIFO");
    }

    @Test
    void reportsANameThatIsNotUtf8InsteadOfMisreadingIt() throws Exception {
        Shell.run("sh", "-c", "cd \"$1\" && touch \"$(printf 'bad\\377name')\"", "sh", root.toString());
        Files.writeString(root.resolve("good-\u00e9.txt"), "fine");

        Seq<Listed> listed = list("");

        assertThat(listed).hasSize(2);
        Listed bad = listed.find(l -> l.name().startsWith("bad")).get();
        assertThat(bad).isInstanceOf(Listed.Unreadable.class);
        assertThat(((Listed.Unreadable) bad).nameIsExact()).isFalse();
        assertThat(listed.find(l -> l.name().equals("good-\u00e9.txt")).get()).isInstanceOf(Listed.Found.class);
    }

    @Test
    void refusesALinkWhoseTargetIsNotUtf8() throws Exception {
        Shell.run("sh", "-c", "cd \"$1\" && ln -s \"$(printf 'to-\\377')\" odd-link", "sh", root.toString());

        Listed odd = list("").head();

        assertThat(odd).isInstanceOf(Listed.Unreadable.class);
        assertThat(((Listed.Unreadable) odd).reason()).contains("target is not valid UTF-8");
        assertThat(((Listed.Unreadable) odd).nameIsExact()).isTrue();
    }

    @Test
    void hashesTheWholeContentWithSha256() throws Exception {
        byte[] content = new byte[3 * ContentHasher.BUFFER_SIZE + 17];
        new java.util.Random(7).nextBytes(content);
        Files.write(root.resolve("big.bin"), content);
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

        ContentHash hash = tree.hash(root, RelativePath.parse("big.bin").get(), stat("", "big.bin"))
                .get();

        assertThat(hash.hex()).isEqualTo(expected);
    }

    @Test
    void refusesAHashWhenTheFileNoLongerMatchesItsStat() throws Exception {
        Files.writeString(root.resolve("a.txt"), "before");
        FileStat before = stat("", "a.txt");
        Files.writeString(root.resolve("a.txt"), "after, and longer");

        assertThat(tree.hash(root, RelativePath.parse("a.txt").get(), before)
                        .getLeft()
                        .reason())
                .contains("changed");
    }

    @Test
    void refusesAHashWhenTheFileWasRewrittenWithItsSizeAndTimePutBack() throws Exception {
        Path file = Files.writeString(root.resolve("a.txt"), "before");
        FileStat before = stat("", "a.txt");
        Thread.sleep(20); // past the clock tick of the first write
        Files.writeString(file, "after!");
        Files.setLastModifiedTime(file, FileTime.from(before.mtimeNanos(), TimeUnit.NANOSECONDS));

        assertThat(tree.hash(root, RelativePath.parse("a.txt").get(), before).getLeft())
                .isInstanceOf(EntryFailure.Stale.class)
                .hasToString("it changed while it was being read (it is read again on the next scan)");
    }

    @Test
    @org.junit.jupiter.api.Timeout(
            value = 30,
            threadMode =
                    org.junit.jupiter.api.Timeout.ThreadMode
                            .SEPARATE_THREAD) // before, the hash's open waited for a writer to come to the pipe: for
    // good
    void aFileSwappedForAPipeAfterItWasListedIsNotReadAndNothingWaits() throws Exception {
        Files.writeString(root.resolve("a.txt"), "listed as a file");
        FileStat a = stat("", "a.txt");
        Files.delete(root.resolve("a.txt"));
        Shell.run("mkfifo", root.resolve("a.txt").toString());

        assertThat(tree.hash(root, RelativePath.parse("a.txt").get(), a).getLeft())
                .hasToString("it changed while it was being read (it is read again on the next scan)");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aPipeOrALinkNamedAsAnIgnoreFileHoldsNoLinesAndNothingWaits() throws Exception {
        Shell.run("mkfifo", root.resolve(".conduitignore").toString());
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("rules.txt"), "*.tmp\n");
        Files.createSymbolicLink(root.resolve("sub/.conduitignore"), root.resolve("rules.txt"));

        assertThat(tree.readLines(root, RelativePath.parse(".conduitignore").get())
                        .get())
                .as("not read: neither rules nor a wait")
                .isEmpty();
        assertThat(tree.readLines(root, RelativePath.parse("sub/.conduitignore").get())
                        .get())
                .as("a link is not followed for rules, as a full scan skips it")
                .isEmpty();
        assertThat(tree.readLines(root, RelativePath.parse("missing").get()).get())
                .as("no file, no rules")
                .isEmpty();
        Files.write(root.resolve("odd"), new byte[] {'a', (byte) 0xff, '\n'});
        assertThat(tree.readLines(root, RelativePath.parse("odd").get())
                        .getLeft()
                        .reason())
                .contains("UTF-8");
        Files.writeString(root.resolve("rules"), "*.tmp\n# note\n");
        assertThat(tree.readLines(root, RelativePath.parse("rules").get()).get().get())
                .containsExactly("*.tmp", "# note");
    }

    @Test
    void explainsWhatCannotBeListed() {
        EntryFailure failure =
                tree.list(root, RelativePath.parse("missing").get()).getLeft();
        assertThat(failure).isInstanceOf(EntryFailure.Vanished.class);
        assertThat(failure.reason()).isEqualTo("it disappeared");
    }

    /**
     * Root reads everything, and CI runs as root: the listing is made by a JVM of its own as {@code nobody}, to whom
     * the folder belongs and who may not read it.
     */
    @Test
    void anUnreadableFolderIsReportedWithItsReason() throws Exception {
        Path secret = Files.createDirectory(root.resolve("secret"));
        Files.writeString(secret.resolve("inside.txt"), "x");
        Files.createDirectory(root.resolve("open"));
        Files.writeString(root.resolve("open/inside.txt"), "x");
        ChildJvm.handOver(root);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        try {
            assertThat(listAsAnotherUser("secret")).isEqualTo("error: permission denied");
            assertThat(listAsAnotherUser("open"))
                    .as("the same user reads the rest")
                    .isEqualTo("listed: inside.txt");
        } finally {
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private String listAsAnotherUser(String folder) throws Exception {
        Process child = ChildJvm.unprivileged(ListFolder.class, root.toString(), folder)
                .redirectErrorStream(true)
                .start();
        String said = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return said;
    }

    @Test
    void identifiesARootAndRefusesWhatIsNotADirectory() throws IOException {
        Path file = Files.writeString(root.resolve("file"), "x");
        Path alias = Files.createSymbolicLink(root.resolve("alias"), root);
        assertThat(tree.identify(root).get().identity().fileKey()).isNotEmpty();
        assertThat(tree.identify(alias).get().canonical()).isEqualTo(root.toRealPath());
        assertThat(tree.identify(alias).get().identity())
                .isEqualTo(tree.identify(root).get().identity());
        assertThat(tree.identify(file).getLeft().kind()).isEqualTo(FileTree.RootProblem.Kind.NOT_A_DIRECTORY);
        assertThat(tree.identify(root.resolve("nope")).getLeft().kind()).isEqualTo(FileTree.RootProblem.Kind.MISSING);
        Path loop = Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
        FileTree.RootProblem looping = tree.identify(loop).getLeft();
        assertThat(looping.kind()).isEqualTo(FileTree.RootProblem.Kind.UNREADABLE);
        assertThat(looping.reason()).containsIgnoringCase("too many levels of symbolic links");
    }
}
