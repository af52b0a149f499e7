package dev.conduit.adapter.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import dev.conduit.adapter.jobs.Xattr;
import dev.conduit.adapter.jobs.index.IndexModule;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.conduit.BandwidthLimit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.ReservedNames;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.DeleteReason;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.trash.TrashReason;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy and delete jobs on real directories: what they write, and what they refuse to touch. */
class LocalJobsIT {

    private static final JobOrder.TrashBin BIN = new JobOrder.TrashBin(new ConduitId(1), 7, Side.TARGET);

    @TempDir
    Path work;

    private Path source;
    private Path target;
    private FileTree tree;
    private FileCopyJob copyJob;
    private FileDeleteJob deleteJob;
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void jobs() throws Exception {
        source = Files.createDirectories(work.resolve("source"));
        target = Files.createDirectories(work.resolve("target"));
        tree = Guice.createInjector(new IndexModule()).getInstance(FileTree.class);
        TrashFolder trash = new TrashFolder(work.resolve("library/trash"));
        copyJob = new FileCopyJob(tree, trash, Clock.systemUTC(), new SharedBandwidth());
        deleteJob = new FileDeleteJob(tree, trash, Clock.systemUTC());
    }

    private JobOrder order(boolean withTrash) {
        return new JobOrder(source, target, 2, BandwidthLimit.UNLIMITED, withTrash ? Option.some(BIN) : Option.none());
    }

    private IndexEntry indexed(Path root, String path) throws Exception {
        return Indexed.now(tree, root, path);
    }

    /** The same, with its extended attributes as the index would know them. */
    private IndexEntry withXattrs(Path root, String path) throws Exception {
        IndexEntry entry = indexed(root, path);
        return new IndexEntry(
                entry.path(),
                entry.stat(),
                entry.hash(),
                tree.xattrs(root, entry.path()).get(),
                entry.indexedAtNanos());
    }

    private void copy(SyncAction.Transfer action) {
        copyJob.run(order(true), List.of(action).iterator(), recorder);
    }

    private void assertNoTemporaries(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            assertThat(walk.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(ReservedNames.TEMP_PREFIX));
        }
    }

    @Test
    void aCopyOverwritesAtomicallyKeepsTheOldVersionInTheTrashAndSetsTimeAndMode() throws Exception {
        Files.writeString(source.resolve("f"), "new content");
        Files.setLastModifiedTime(source.resolve("f"), FileTime.from(Instant.parse("2011-11-11T11:11:11.123456Z")));
        Files.setPosixFilePermissions(
                source.resolve("f"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-----"));
        Files.writeString(target.resolve("f"), "old");

        copy(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, "f"), Option.some(indexed(target, "f"))));

        assertThat(recorder.failed).isEmpty();
        assertThat(target.resolve("f")).hasContent("new content");
        assertThat(Files.getLastModifiedTime(target.resolve("f")).toInstant())
                .isEqualTo(Instant.parse("2011-11-11T11:11:11.123456Z"));
        assertThat(recorder.results.get(0).stat().mode()).isEqualTo(0740);
        assertThat(recorder.results.get(0).hash())
                .isEqualTo(indexed(source, "f").hash());
        assertThat(recorder.trashed).singleElement().satisfies(version -> {
            assertThat(version.reason()).isEqualTo(TrashReason.OVERWRITTEN);
            assertThat(Path.of(version.storedAt()))
                    .hasContent("old")
                    .startsWith(work.resolve("library/trash/1/7/target"));
            assertThat(version.originalAt()).isEqualTo(target.resolve("f").toString());
        });
        assertThat(recorder.atRecording)
                .as("recorded before it was linked into the trash")
                .containsExactly("original");
        assertNoTemporaries(target);
    }

    /** An order that keeps owners or not, as the application says (ADR 0040). */
    private JobOrder order(boolean withTrash, boolean owners) {
        JobOrder plain = order(withTrash);
        return new JobOrder(
                plain.from(),
                plain.to(),
                plain.parallel(),
                plain.bandwidth(),
                plain.trash(),
                plain.losers(),
                plain.stop(),
                owners);
    }

    private static String owner(Path entry) throws Exception {
        return Files.getAttribute(entry, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS) + ":"
                + Files.getAttribute(entry, "unix:gid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Where the order keeps owners, a copied file, a made folder, a copied link and a file whose metadata is set get
     * the source's owner and group, the setuid bit kept (set after the owner, which clears it); where it does not,
     * what is written stays the writer's. Needs root, which may give files away.
     */
    @Test
    void ownersAreGivenWhereTheOrderKeepsThemAndOnlyThere() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.conduit.testing.ChildJvm.isRoot(), "only root gives away");
        Files.writeString(source.resolve("f"), "theirs");
        Files.createDirectory(source.resolve("d"));
        Files.createSymbolicLink(source.resolve("l"), Path.of("f"));
        Files.writeString(source.resolve("same"), "same");
        Files.writeString(target.resolve("same"), "same");
        Files.setLastModifiedTime(target.resolve("same"), Files.getLastModifiedTime(source.resolve("same")));
        for (String path : new String[] {"f", "d", "l", "same"}) {
            dev.conduit.testing.Shell.run(
                    "chown", "-h", "1234:4321", source.resolve(path).toString());
        }
        dev.conduit.testing.Shell.run("chmod", "4755", source.resolve("f").toString());
        String mine = owner(target);
        List<SyncAction.Transfer> actions = List.of(
                new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, "f"), Option.none()),
                new SyncAction.MakeDirectory(Direction.SOURCE_TO_TARGET, indexed(source, "d"), Option.none()),
                new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, "l"), Option.none()),
                new SyncAction.SetMetadata(
                        Direction.SOURCE_TO_TARGET, indexed(source, "same"), indexed(target, "same")));

        copyJob.run(order(true, false), actions.iterator(), recorder);
        assertThat(recorder.failed).isEmpty();
        assertThat(List.of("f", "d", "l", "same").map(path -> uncheckedOwner(target.resolve(path))))
                .as("not kept: the writer's")
                .containsOnly(mine);

        for (String path : new String[] {"f", "d", "l"}) {
            dev.conduit.testing.Shell.run("rm", "-rf", target.resolve(path).toString());
        }
        List<SyncAction.Transfer> again = actions.init()
                .append(new SyncAction.SetMetadata(
                        Direction.SOURCE_TO_TARGET, indexed(source, "same"), indexed(target, "same")));
        copyJob.run(order(true, true), again.iterator(), recorder);

        assertThat(recorder.failed).isEmpty();
        assertThat(List.of("f", "d", "l", "same").map(path -> uncheckedOwner(target.resolve(path))))
                .as("kept: the source's")
                .containsOnly("1234:4321");
        assertThat((Integer) Files.getAttribute(target.resolve("f"), "unix:mode") & 07777)
                .isEqualTo(04755);
    }

    private static String uncheckedOwner(Path entry) {
        try {
            return owner(entry);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A copy job whose trash works on a file system without hard links, as FAT and exFAT are. */
    private FileCopyJob withoutHardLinks(LocalTrash.Operations disk) {
        LocalTrash trash = new LocalTrash(new TrashFolder(work.resolve("library/trash")), Clock.systemUTC(), disk);
        return new FileCopyJob(new LocalCopyStrategy(new LocalDisk(tree), trash, Clock.systemUTC()));
    }

    /** Refuses hard links as exFAT does (EPERM); renames as the local disk does, unless {@code failRename} says. */
    private static LocalTrash.Operations noLinks(java.util.function.Predicate<Path> failRename) {
        return new LocalTrash.Operations() {
            @Override
            public void link(Path link, Path existing) throws java.io.IOException {
                throw new java.nio.file.FileSystemException(
                        link.toString(), existing.toString(), "Operation not permitted");
            }

            @Override
            public void rename(Path from, Path to) throws java.io.IOException {
                if (failRename.test(from)) {
                    throw new java.nio.file.FileSystemException(from.toString(), to.toString(), "Input/output error");
                }
                LocalTrash.Operations.LOCAL.rename(from, to);
            }
        };
    }

    @Test
    void withoutHardLinksAnOverwrittenVersionIsRenamedIntoTheTrashAndTheNewOnePutInPlace() throws Exception {
        FileCopyJob job = withoutHardLinks(noLinks(from -> false));
        for (String version : new String[] {"first", "second"}) {
            Files.writeString(target.resolve("f"), "old, before the " + version);
            Files.writeString(source.resolve("f"), "the " + version);

            job.run(
                    order(true),
                    List.<SyncAction.Transfer>of(new SyncAction.Copy(
                                    Direction.SOURCE_TO_TARGET,
                                    indexed(source, "f"),
                                    Option.some(indexed(target, "f"))))
                            .iterator(),
                    recorder);

            assertThat(target.resolve("f")).hasContent("the " + version);
        }

        assertThat(recorder.failed).isEmpty();
        assertThat(recorder.trashed)
                .hasSize(2)
                .allSatisfy(version -> assertThat(version.reason()).isEqualTo(TrashReason.OVERWRITTEN));
        assertThat(Path.of(recorder.trashed.get(0).storedAt())).hasContent("old, before the first");
        assertThat(Path.of(recorder.trashed.get(1).storedAt())).hasContent("old, before the second");
        assertThat(new LocalTrashBins()
                        .restore(
                                recorder.trashed.get(0).storedAt(),
                                target.resolve("g").toString(),
                                dev.conduit.domain.path.RelativePath.parse("g").get()))
                .isEqualTo(io.vavr.control.Either.right(null));
        assertThat(target.resolve("g")).hasContent("old, before the first");
        assertNoTemporaries(target);
    }

    @Test
    void withoutHardLinksANewVersionThatCannotBePutInPlaceLeavesTheOldOneWhereItWas() throws Exception {
        FileCopyJob job = withoutHardLinks(
                noLinks(from -> ReservedNames.isTemporary(from.getFileName().toString())));
        Files.writeString(target.resolve("f"), "old");
        Files.writeString(source.resolve("f"), "new");

        job.run(
                order(true),
                List.<SyncAction.Transfer>of(new SyncAction.Copy(
                                Direction.SOURCE_TO_TARGET, indexed(source, "f"), Option.some(indexed(target, "f"))))
                        .iterator(),
                recorder);

        assertThat(recorder.failed).singleElement().asString().contains("cannot put it in place: input/output error");
        assertThat(target.resolve("f")).hasContent("old");
        assertThat(recorder.trashed).isEmpty();
        assertNoTemporaries(target);
        try (Stream<Path> trash = Files.walk(work.resolve("library/trash"))) {
            assertThat(trash.filter(Files::isRegularFile)).isEmpty();
        }
    }

    /** The blocks of 512 bytes the file system allocated for the file, as {@code stat -c %b} says. */
    static long allocatedBlocks(Path file) throws Exception {
        Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).start();
        String blocks = new String(stat.getInputStream().readAllBytes()).strip();
        assertThat(stat.waitFor()).isZero();
        return Long.parseLong(blocks);
    }

    @Test
    void aSparseFileStaysSparse() throws Exception {
        Path sparse = source.resolve("disk.img");
        byte[] data = new byte[64 * 1024];
        new java.util.Random(5).nextBytes(data);
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(50L << 20); // 50 MiB, ending in a hole
            file.seek(10L << 20);
            file.write(data);
            file.seek((30L << 20) + 123); // not on a block boundary
            file.write(data);
        }
        assertThat(allocatedBlocks(sparse) * 512).as("the source is sparse").isLessThan(1L << 20);

        copy(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, "disk.img"), Option.none()));

        Path copied = target.resolve("disk.img");
        assertThat(recorder.failed).isEmpty();
        assertThat(Files.size(copied)).isEqualTo(50L << 20);
        assertThat(indexed(target, "disk.img").hash())
                .isEqualTo(indexed(source, "disk.img").hash());
        assertThat(allocatedBlocks(copied) * 512)
                .as("allocated bytes of the copy")
                .isLessThan(1L << 20);
    }

    @Test
    void aCopyCarriesTheUserExtendedAttributes() throws Exception {
        Path file = Files.writeString(source.resolve("f"), "content");
        Xattr.set(file, "tag", "red");
        Xattr.set(file, "empty", "");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("r--r-----"));

        copy(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, withXattrs(source, "f"), Option.none()));

        assertThat(recorder.failed).isEmpty();
        assertThat(Xattr.all(target.resolve("f"))).isEqualTo(java.util.Map.of("tag", "red", "empty", ""));
        assertThat(recorder.results.get(0).xattrs())
                .isEqualTo(withXattrs(source, "f").xattrs());
        assertThat(recorder.results.get(0).stat().mode()).isEqualTo(0440);
    }

    @Test
    void aFolderIsMadeWithItsExtendedAttributes() throws Exception {
        Xattr.set(Files.createDirectory(source.resolve("d")), "tag", "blue");

        copy(new SyncAction.MakeDirectory(Direction.SOURCE_TO_TARGET, withXattrs(source, "d"), Option.none()));

        assertThat(recorder.failed).isEmpty();
        assertThat(Xattr.all(target.resolve("d"))).isEqualTo(java.util.Map.of("tag", "blue"));
        assertThat(recorder.results.get(0).xattrs())
                .isEqualTo(withXattrs(source, "d").xattrs());
    }

    /** A file with the same content and time on both sides. */
    private void sameOnBothSides(String path) throws Exception {
        for (Path root : new Path[] {source, target}) {
            Files.writeString(root.resolve(path), "same");
            Files.setLastModifiedTime(root.resolve(path), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        }
    }

    @Test
    void aChangeOfExtendedAttributesMakesTheTargetsExactlyTheSourcesEvenOnAReadOnlyFile() throws Exception {
        sameOnBothSides("f");
        Xattr.set(source.resolve("f"), "tag", "red");
        Xattr.set(source.resolve("f"), "new", "1");
        Xattr.set(target.resolve("f"), "tag", "blue");
        Xattr.set(target.resolve("f"), "old", "2");
        for (Path root : new Path[] {source, target}) {
            Files.setPosixFilePermissions(
                    root.resolve("f"), java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        }

        copy(new SyncAction.SetMetadata(Direction.SOURCE_TO_TARGET, withXattrs(source, "f"), withXattrs(target, "f")));

        assertThat(recorder.failed).isEmpty();
        assertThat(Xattr.all(target.resolve("f"))).isEqualTo(java.util.Map.of("tag", "red", "new", "1"));
        assertThat(recorder.results.get(0).xattrs())
                .isEqualTo(withXattrs(source, "f").xattrs());
        assertThat(recorder.results.get(0).stat().mode()).isEqualTo(0444);
        assertThat(withXattrs(target, "f").xattrs())
                .isEqualTo(withXattrs(source, "f").xattrs());
    }

    @Test
    void extendedAttributesThatChangedOnTheSendingSideSinceItWasIndexedAreNotCarried() throws Exception {
        sameOnBothSides("f");
        Xattr.set(source.resolve("f"), "tag", "red");
        IndexEntry planned = withXattrs(source, "f");
        Xattr.set(source.resolve("f"), "tag", "green");

        copy(new SyncAction.SetMetadata(Direction.SOURCE_TO_TARGET, planned, withXattrs(target, "f")));

        assertThat(recorder.failed).singleElement().asString().contains("changed on the sending side");
        Xattr.assertNone(target.resolve("f"));
    }

    @Test
    void aTargetThatChangedSinceItWasIndexedIsNeverOverwritten() throws Exception {
        Files.writeString(source.resolve("f"), "source");
        Files.writeString(target.resolve("f"), "indexed");
        IndexEntry stale = indexed(target, "f");
        Files.writeString(target.resolve("f"), "edited after the scan");

        copy(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, "f"), Option.some(stale)));

        assertThat(recorder.failed).singleElement().asString().contains("changed since it was indexed");
        assertThat(target.resolve("f")).hasContent("edited after the scan");
        assertThat(recorder.trashed).isEmpty();
        assertNoTemporaries(target);
    }

    /**
     * The stale-index guard cannot be fooled by a rewrite that puts size and modification time back: the file's change
     * time moved, so its content is read again, and it is not what the index recorded (ADR 0018).
     */
    @Test
    void aTargetRewrittenWithItsSizeAndTimePutBackIsNeitherOverwrittenNorDeleted() throws Exception {
        Files.writeString(source.resolve("f"), "source");
        Files.writeString(target.resolve("f"), "indexed");
        Files.writeString(target.resolve("g"), "indexed");
        IndexEntry staleF = settled(indexed(target, "f"));
        IndexEntry staleG = settled(indexed(target, "g"));
        rewriteKeepingSizeAndTime(target.resolve("f"), "edited!");
        rewriteKeepingSizeAndTime(target.resolve("g"), "edited!");

        copy(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, "f"), Option.some(staleF)));
        deleteJob.run(order(true), List.of(delete(staleG)).iterator(), recorder);

        assertThat(recorder.failed).containsExactly("copy f: " + LocalDisk.CHANGED, "delete g: " + LocalDisk.CHANGED);
        assertThat(target.resolve("f")).hasContent("edited!");
        assertThat(target.resolve("g")).hasContent("edited!");
        assertThat(recorder.trashed).isEmpty();
        assertNoTemporaries(target);
    }

    @Test
    void aTargetWhoseChangeTimeMovedButNotItsContentIsStillOverwrittenAndDeleted() throws Exception {
        Files.writeString(source.resolve("f"), "source");
        Files.writeString(target.resolve("f"), "indexed");
        Files.writeString(target.resolve("g"), "indexed");
        IndexEntry f = settled(indexed(target, "f"));
        IndexEntry g = settled(indexed(target, "g"));
        Thread.sleep(20); // past the clock tick of the writes
        Files.createLink(work.resolve("a link to f"), target.resolve("f")); // a new link, a chmod: not a rewrite
        var permissions = Files.getPosixFilePermissions(target.resolve("g"));
        Files.setPosixFilePermissions(target.resolve("g"), java.util.Set.of());
        Files.setPosixFilePermissions(target.resolve("g"), permissions);

        copy(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, "f"), Option.some(f)));
        deleteJob.run(order(true), List.of(delete(g)).iterator(), recorder);

        assertThat(recorder.failed).isEmpty();
        assertThat(target.resolve("f")).hasContent("source");
        assertThat(target.resolve("g")).doesNotExist();
    }

    /** The entry as a scan a while later would have recorded it: its change time no longer racy. */
    private static IndexEntry settled(IndexEntry entry) {
        return new IndexEntry(
                entry.path(),
                entry.stat(),
                entry.hash(),
                entry.stat().ctimeNanos() + dev.conduit.domain.index.RescanRules.RACY_WINDOW_NANOS + 1);
    }

    /** Other content of the same length, then the old modification time back: size and time say nothing changed. */
    private static void rewriteKeepingSizeAndTime(Path file, String content) throws Exception {
        FileTime before = Files.getLastModifiedTime(file);
        assertThat(content).hasSize((int) Files.size(file));
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, before);
    }

    @Test
    void aFileThatAppearedWhereTheIndexSawNothingIsNeverOverwritten() throws Exception {
        Files.writeString(source.resolve("f"), "source");
        Files.writeString(target.resolve("f"), "appeared");

        copy(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, "f"), Option.none()));

        assertThat(recorder.failed).singleElement().asString().contains("changed since it was indexed");
        assertThat(target.resolve("f")).hasContent("appeared");
    }

    @Test
    void aSourceThatChangedSinceItWasIndexedIsNotCopied() throws Exception {
        Files.writeString(source.resolve("f"), "indexed");
        IndexEntry stale = indexed(source, "f");
        Files.writeString(source.resolve("f"), "rewritten, longer");

        copy(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, stale, Option.none()));

        assertThat(recorder.failed).singleElement().asString().contains("the source changed");
        assertThat(target.resolve("f")).doesNotExist();
        assertNoTemporaries(target);
    }

    @Test
    void aSourceRewrittenWhileItIsBeingCopiedIsNotPutInPlace() throws Exception {
        byte[] content = new byte[8 << 20];
        new java.util.Random(3).nextBytes(content);
        Path file = Files.write(source.resolve("big"), content);
        IndexEntry indexed = indexed(source, "big");
        FileTime time = Files.getLastModifiedTime(file);
        JobOrder limited =
                new JobOrder(source, target, 1, BandwidthLimit.parse("4M").get(), Option.none());
        Thread writer = new Thread(() -> {
            try {
                while (recorder.transferring.isEmpty()) { // a MiB copied, seven to go
                    Thread.sleep(5);
                }
                try (java.io.RandomAccessFile open = new java.io.RandomAccessFile(file.toFile(), "rw")) {
                    open.seek(content.length - 1024);
                    open.write(new byte[1024]); // same size, and the same time again:
                }
                Files.setLastModifiedTime(file, time); // only the bytes can tell
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();

        copyJob.run(
                limited,
                List.<SyncAction.Transfer>of(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed, Option.none()))
                        .iterator(),
                recorder);
        writer.join();

        assertThat(recorder.transferring)
                .as("it said how far it had got")
                .isNotEmpty()
                .allMatch(bytes -> bytes > 0 && bytes <= content.length);
        assertThat(recorder.done).isEmpty();
        assertThat(recorder.failed).singleElement().asString().contains("the source changed while it was copied");
        assertThat(target.resolve("big")).doesNotExist();
        assertNoTemporaries(target);
    }

    @Test
    void linksAreCopiedAsLinksNeverFollowed() throws Exception {
        Files.createSymbolicLink(source.resolve("l"), Path.of("../../etc/passwd"));

        copy(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, "l"), Option.none()));

        assertThat(recorder.failed).isEmpty();
        assertThat(Files.isSymbolicLink(target.resolve("l"))).isTrue();
        assertThat(Files.readSymbolicLink(target.resolve("l"))).isEqualTo(Path.of("../../etc/passwd"));
    }

    @Test
    void deletesGoToTheTrashAndSpareWhatTheIndexDidNotSee() throws Exception {
        Files.createDirectories(target.resolve("d"));
        Files.writeString(target.resolve("d/gone"), "gone");
        Files.writeString(target.resolve("d/edited"), "indexed");
        IndexEntry gone = indexed(target, "d/gone");
        IndexEntry edited = indexed(target, "d/edited");
        IndexEntry folder = indexed(target, "d");
        Files.writeString(target.resolve("d/edited"), "edited after the scan");

        deleteJob.run(
                order(true),
                List.of(delete(gone), delete(edited), delete(folder)).iterator(),
                recorder);

        assertThat(target.resolve("d/gone")).doesNotExist();
        assertThat(target.resolve("d/edited")).hasContent("edited after the scan");
        assertThat(target.resolve("d")).isDirectory();
        assertThat(recorder.done).containsExactly("delete d/gone");
        assertThat(recorder.failed)
                .containsExactly(
                        "delete d/edited: changed since it was indexed; left as it is (the next sync sees the change)",
                        "delete d: holds entries the index did not know; left as it is");
        assertThat(recorder.trashed).singleElement().satisfies(version -> {
            assertThat(version.reason()).isEqualTo(TrashReason.DELETED);
            assertThat(Path.of(version.storedAt())).hasContent("gone");
        });
        assertThat(recorder.atRecording)
                .as("both files recorded before either moved")
                .containsExactly("original", "original");
        assertThat(recorder.recordings).as("in one write").isOne();
        assertThat(recorder.pending).as("the edited one's record withdrawn").isEmpty();
    }

    @Test
    void aVersionThatCannotBeMovedToTheTrashHasItsRecordWithdrawn() throws Exception {
        Files.writeString(target.resolve("f"), "kept");
        IndexEntry indexed = indexed(target, "f");
        recorder.afterRecording =
                versions -> // its place goes between its record and its move
                versions.forEach(version ->
                        Path.of(version.storedAt()).getParent().toFile().delete());

        deleteJob.run(order(true), List.of(delete(indexed)).iterator(), recorder);

        assertThat(recorder.failed).singleElement().asString().contains("cannot move it to the trash");
        assertThat(target.resolve("f")).hasContent("kept");
        assertThat(recorder.atRecording).as("recorded first").containsExactly("original");
        assertThat(recorder.pending).as("then withdrawn").isEmpty();
        assertThat(recorder.trashed).isEmpty();
    }

    @Test
    void thePermanentPolicyDeletesForGood() throws Exception {
        Files.writeString(target.resolve("f"), "f");

        deleteJob.run(order(false), List.of(delete(indexed(target, "f"))).iterator(), recorder);

        assertThat(target.resolve("f")).doesNotExist();
        assertThat(recorder.trashed).isEmpty();
        assertThat(work.resolve("library/trash/1")).doesNotExist();
    }

    @Test
    void temporariesOfDeadProcessesAreSweptThoseOfLiveOnesKept() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        String deadName = ReservedNames.temporary(dead.pid(), 1);
        String liveName = ReservedNames.temporary(ProcessHandle.current().pid(), 1);
        Files.writeString(target.resolve(deadName), "half");
        Files.writeString(target.resolve(liveName), "being written");

        copyJob.sweepTemporaries(
                target,
                List.of(
                        RelativePath.parse(deadName).get(),
                        RelativePath.parse(liveName).get()));

        assertThat(target.resolve(deadName)).doesNotExist();
        assertThat(target.resolve(liveName)).exists();
    }

    @Test
    void theSweepNeverTouchesANameThatIsNotExactlyOfTheFormItWrites() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        java.util.List<String> users = java.util.List.of(
                ".conduit-tmp-notes.txt",
                ".conduit-tmp-" + dead.pid() + "-x",
                ".conduit-tmp-" + dead.pid(),
                ".conduit-tmp-" + dead.pid() + "-1.bak");
        for (String name : users) {
            Files.writeString(target.resolve(name), "the user's");
        }

        copyJob.sweepTemporaries(
                target, List.ofAll(users).map(name -> RelativePath.parse(name).get()));

        for (String name : users) {
            assertThat(target.resolve(name)).hasContent("the user's");
        }
    }

    @Test
    void theBandwidthLimitHoldsTransfersBack() throws Exception {
        Files.write(source.resolve("big"), new byte[384 * 1024]);
        JobOrder limited =
                new JobOrder(source, target, 1, BandwidthLimit.parse("1M").get(), Option.none());

        long started = System.nanoTime();
        copyJob.run(
                limited,
                List.<SyncAction.Transfer>of(
                                new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, "big"), Option.none()))
                        .iterator(),
                recorder);

        assertThat(recorder.failed).isEmpty();
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(250);
    }

    private static SyncAction.Delete delete(IndexEntry entry) {
        return new SyncAction.Delete(Direction.SOURCE_TO_TARGET, entry, DeleteReason.NOT_IN_SOURCE);
    }
}
