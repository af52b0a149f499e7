package dev.conduit.adapter.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import dev.conduit.adapter.jobs.index.IndexModule;
import dev.conduit.application.port.out.CopyJob;
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
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation of the jobs on the receiving side, planned while {@code target/d} was a folder and run after it was
 * moved away and replaced by a link to a folder outside the roots (ADR 0024): each is refused for its entry, and
 * nothing outside the roots (the link's folder, the moved folder) changes.
 */
class LinkOnTheWayIT {

    private static final JobOrder.TrashBin BIN = new JobOrder.TrashBin(new ConduitId(1), 7, Side.TARGET);
    private static final String REFUSED = "a folder on the way was replaced by a link";

    @TempDir
    Path work;

    private Path source;
    private Path target;
    private Path outside;
    private Path moved;
    private FileTree tree;
    private FileCopyJob copyJob;
    private FileDeleteJob deleteJob;
    private LocalCopyStrategy strategy;
    private final Recorder recorder = new Recorder();
    /** What the target held at d while it was a folder, as the index recorded it. */
    private IndexEntry folder;

    private IndexEntry file;

    @BeforeEach
    void aFolderSwappedForALinkAfterThePlan() throws Exception {
        source = Files.createDirectories(work.resolve("source"));
        target = Files.createDirectories(work.resolve("target"));
        outside = Files.createDirectories(work.resolve("outside"));
        moved = work.resolve("moved");
        tree = Guice.createInjector(new IndexModule()).getInstance(FileTree.class);
        TrashFolder trash = new TrashFolder(work.resolve("library/trash"));
        copyJob = new FileCopyJob(tree, trash, Clock.systemUTC(), new SharedBandwidth());
        deleteJob = new FileDeleteJob(tree, trash, Clock.systemUTC());
        strategy =
                new LocalCopyStrategy(new LocalDisk(tree), new LocalTrash(trash, Clock.systemUTC()), Clock.systemUTC());
        Files.createDirectories(source.resolve("d/e"));
        Files.writeString(source.resolve("d/f"), "new");
        Files.writeString(source.resolve("d/g"), "new version");
        Files.setLastModifiedTime(source.resolve("d/g"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        Files.createDirectories(target.resolve("d"));
        Files.writeString(target.resolve("d/g"), "old version");
        Files.writeString(target.resolve("x"), "at the top");
        folder = indexed(target, "d");
        file = indexed(target, "d/g");
        Files.writeString(outside.resolve("g"), "old version"); // the same name and content outside
        Files.setLastModifiedTime(outside.resolve("g"), Files.getLastModifiedTime(target.resolve("d/g")));
        Files.createDirectories(outside.resolve("e"));
        Files.move(target.resolve("d"), moved);
        Files.createSymbolicLink(target.resolve("d"), Path.of("../outside"));
    }

    private JobOrder order(boolean withTrash) {
        return new JobOrder(source, target, 2, BandwidthLimit.UNLIMITED, withTrash ? Option.some(BIN) : Option.none());
    }

    private IndexEntry indexed(Path root, String path) throws Exception {
        return Indexed.now(tree, root, path);
    }

    private void copy(SyncAction.Transfer action) {
        copyJob.run(order(true), List.of(action).iterator(), recorder);
    }

    @Test
    void aNewFileIsNotWrittenThroughTheLink() throws Exception {
        Map<String, String> before = outsideTheRoots();

        copy(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, "d/f"), Option.none()));

        assertRefusedAndUntouched(before);
    }

    @Test
    void anOverwriteNeitherTrashesNorReplacesThroughTheLink() throws Exception {
        Map<String, String> before = outsideTheRoots();

        copy(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, "d/g"), Option.some(file)));

        assertRefusedAndUntouched(before);
        assertThat(recorder.trashed).isEmpty();
    }

    @Test
    void aFolderIsNotMadeThroughTheLink() throws Exception {
        Map<String, String> before = outsideTheRoots();

        copy(new SyncAction.MakeDirectory(Direction.SOURCE_TO_TARGET, indexed(source, "d/e"), Option.none()));

        assertRefusedAndUntouched(before);
    }

    @Test
    void modeAndTimeAreNotSetThroughTheLink() throws Exception {
        Map<String, String> before = outsideTheRoots();

        copy(new SyncAction.SetMetadata(Direction.SOURCE_TO_TARGET, indexed(source, "d/g"), file));

        assertRefusedAndUntouched(before);
    }

    @Test
    void aRenameNeitherTakesFromNorPutsThroughTheLink() throws Exception {
        Files.writeString(source.resolve("d/x"), "at the top");
        Files.writeString(source.resolve("y"), "old version");
        Map<String, String> before = outsideTheRoots();

        copy(new SyncAction.Move(Direction.SOURCE_TO_TARGET, indexed(target, "x"), indexed(source, "d/x")));
        copy(new SyncAction.Move(Direction.SOURCE_TO_TARGET, file, indexed(source, "y")));

        assertThat(recorder.failed).singleElement().asString().contains(REFUSED); // x to d/x
        assertThat(recorder.done).containsExactly("copy y"); // d/g is not reached: y is copied from the source
        assertThat(outsideTheRoots()).isEqualTo(before);
        assertThat(target.resolve("x")).hasContent("at the top");
    }

    @Test
    void aDeleteDoesNotLookForItsFileThroughTheLink() throws Exception {
        Map<String, String> before = outsideTheRoots();

        deleteJob.run(order(true), List.of(delete(file)).iterator(), recorder);
        deleteJob.run(order(false), List.of(delete(file), delete(folder)).iterator(), recorder);

        assertThat(recorder.done).isEmpty();
        assertThat(recorder.failed).hasSize(3);
        assertThat(recorder.failed.subList(0, 2))
                .allSatisfy(reason -> assertThat(reason).contains(REFUSED));
        assertThat(recorder.failed.get(2))
                .as("the stale-index guard: a folder that became a link")
                .isEqualTo("delete d: " + LocalDisk.CHANGED);
        assertThat(target.resolve("d")).isSymbolicLink();
        assertThat(recorder.trashed).isEmpty();
        assertThat(outsideTheRoots()).isEqualTo(before);
    }

    @Test
    void folderTimesAndTemporariesAreNotTouchedThroughTheLink() throws Exception {
        String leftover = ReservedNames.temporary(Integer.MAX_VALUE - 1, 1); // a writer that is gone
        Files.writeString(outside.resolve(leftover), "not ours");
        Map<String, String> before = outsideTheRoots();

        copyJob.finishDirectories(
                target,
                io.vavr.collection.List.of(
                        new CopyJob.FinishedDirectory(RelativePath.parse("d/e").get(), 0700, 0L)));
        copyJob.sweepTemporaries(
                target,
                io.vavr.collection.List.of(RelativePath.parse("d/" + leftover).get()));

        assertThat(outsideTheRoots()).isEqualTo(before);
    }

    @Test
    void aRestoreDoesNotWriteThroughTheLink() throws Exception {
        Path stored = Files.createDirectories(work.resolve("library/trash/1/7/target/d"))
                .resolve("f");
        Files.writeString(stored, "a trashed version");
        Map<String, String> before = outsideTheRoots();

        assertThat(new LocalTrashBins()
                        .restore(
                                stored.toString(),
                                target.resolve("d/f").toString(),
                                RelativePath.parse("d/f").get())
                        .getLeft()
                        .reason())
                .contains(REFUSED);
        assertThat(new LocalTrashBins()
                        .restore(
                                stored.toString(),
                                target.resolve("d/f").toString(),
                                RelativePath.parse("e/f").get())
                        .getLeft()
                        .reason())
                .contains("does not end with its path");

        assertThat(outsideTheRoots()).isEqualTo(before);
        assertThat(stored).hasContent("a trashed version");
    }

    @Test
    void theRootItselfMayBeALinkAndAFolderOfItsNot() throws Exception {
        Path linkedRoot = Files.createSymbolicLink(work.resolve("linked-target"), target);
        Files.delete(target.resolve("d"));
        Files.createDirectories(target.resolve("d"));

        copyJob.run(
                new JobOrder(source, linkedRoot, 2, BandwidthLimit.UNLIMITED, Option.none()),
                List.<SyncAction.Transfer>of(
                                new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, "d/f"), Option.none()))
                        .iterator(),
                recorder);

        assertThat(recorder.failed).isEmpty();
        assertThat(target.resolve("d/f")).hasContent("new");
    }

    @Test
    void aFileWrittenInAFolderThatIsThenSwappedForALinkIsNotPutInPlace() throws Exception {
        Path away = work.resolve("away");
        CopyStrategy.Staged staged = stagedInAFolder();
        Files.move(target.resolve("d"), away);
        Files.createSymbolicLink(target.resolve("d"), Path.of("../outside"));
        Map<String, String> before = outsideTheRoots();

        strategy.commit(order(true), java.util.List.of(staged), recorder);

        assertRefusedAndUntouched(before);
        try (Stream<Path> left = Files.list(away)) {
            assertThat(left).as("its temporary file, removed").isEmpty();
        }
    }

    @Test
    void aFileWrittenInAFolderThatIsThenMovedAwayIsNotPutInPlace() throws Exception {
        CopyStrategy.Staged staged = stagedInAFolder();
        Files.move(target.resolve("d"), work.resolve("away"));
        Files.createDirectories(target.resolve("d"));

        strategy.commit(order(true), java.util.List.of(staged), recorder);

        assertThat(recorder.failed).singleElement().asString().contains(RootedFolder.MOVED_AWAY);
        try (Stream<Path> left = Stream.concat(Files.list(work.resolve("away")), Files.list(target.resolve("d")))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFolderOnTheWayOnAnotherFileSystemIsRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")), "mounting needs root (CI runs as root)");
        Path mounted = Files.createDirectories(target.resolve("m"));
        assertThat(new ProcessBuilder("mount", "-t", "tmpfs", "tmpfs", mounted.toString())
                        .inheritIO()
                        .start()
                        .waitFor())
                .isZero();
        try {
            copy(new SyncAction.MakeDirectory(
                    Direction.SOURCE_TO_TARGET,
                    new IndexEntry(
                            RelativePath.parse("m/e").get(),
                            indexed(source, "d/e").stat(),
                            Option.none(),
                            0),
                    Option.none()));

            assertThat(recorder.failed).singleElement().asString().contains(RootedFolder.OTHER_FILE_SYSTEM);
            try (Stream<Path> left = Files.list(mounted)) {
                assertThat(left).isEmpty();
            }
        } finally {
            new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor();
        }
    }

    /** d a folder again, and d/f written into it, waiting for its commit. */
    private CopyStrategy.Staged stagedInAFolder() throws Exception {
        Files.delete(target.resolve("d"));
        Files.createDirectories(target.resolve("d"));
        return strategy.stage(
                        order(true),
                        new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, "d/f"), Option.none()),
                        new Throttle(BandwidthLimit.UNLIMITED),
                        recorder)
                .get();
    }

    private void assertRefusedAndUntouched(Map<String, String> before) throws Exception {
        assertThat(recorder.done).isEmpty();
        assertThat(recorder.failed).singleElement().asString().contains(REFUSED);
        assertThat(outsideTheRoots()).isEqualTo(before);
    }

    /** Every entry outside the roots, with its kind, content, mode and time: what must not change. */
    private Map<String, String> outsideTheRoots() throws Exception {
        Map<String, String> seen = new TreeMap<>();
        for (Path folder : new Path[] {outside, moved}) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path path : (Iterable<Path>) walk::iterator) {
                    boolean regular = Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
                    seen.put(
                            path.toString(),
                            (regular ? Files.readString(path) : "folder") + " "
                                    + Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) + " "
                                    + Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
                }
            }
        }
        return seen;
    }

    private static SyncAction.Delete delete(IndexEntry entry) {
        return new SyncAction.Delete(Direction.SOURCE_TO_TARGET, entry, DeleteReason.NOT_IN_SOURCE);
    }
}
