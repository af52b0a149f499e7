package dev.conduit.adapter.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import dev.conduit.adapter.jobs.IoFailures;
import dev.conduit.adapter.jobs.index.IndexModule;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.conduit.BandwidthLimit;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.DeleteReason;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fails the way real ones do — full (ENOSPC), or a folder the user may not write (EACCES) — injected
 * through the jobs' strategies, so that what the jobs do then is proven wherever the tests run, whether or not they
 * may mount a small file system (FullDiskIT) or meet a permission (UnprivilegedSyncE2E, as {@code nobody}).
 */
class FailingDiskTest {

    @TempDir
    Path work;

    private Path source;
    private Path target;
    private FileTree tree;
    private LocalDisk disk;
    private LocalTrash trash;
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void disk() throws Exception {
        source = Files.createDirectories(work.resolve("source"));
        target = Files.createDirectories(work.resolve("target"));
        tree = Guice.createInjector(new IndexModule()).getInstance(FileTree.class);
        disk = new LocalDisk(tree);
        trash = new LocalTrash(new TrashFolder(work.resolve("library/trash")), Clock.systemUTC());
    }

    @Test
    void aFullDiskStopsTheCopyJobTakingMoreCopies() throws Exception {
        java.util.List<SyncAction.Transfer> copies = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Files.writeString(source.resolve("f" + i), "content " + i);
            copies.add(copy("f" + i));
        }
        FailingCopies full = new FailingCopies(
                path -> Option.some(new FileSystemException(path.toString(), null, "No space left on device")));

        new FileCopyJob(full).run(order(2), copies.iterator(), recorder);

        assertThat(recorder.failed)
                .isNotEmpty()
                .allSatisfy(failure -> assertThat(failure).endsWith("cannot copy: " + IoFailures.NO_SPACE));
        assertThat(recorder.failures)
                .allSatisfy(failure ->
                        assertThat(failure).isInstanceOf(dev.conduit.application.port.in.EntryFailure.NoSpace.class));
        assertThat(full.attempts.get())
                .as("only the copies already under way or waiting for a worker were tried")
                .isLessThanOrEqualTo(2 + 2 * 4);
        assertThat(recorder.done).isEmpty();
        assertThat(target).isEmptyDirectory();
    }

    @Test
    void aTargetFolderThatCannotBeWrittenFailsItsFilesAndTheRestIsCopied() throws Exception {
        java.util.List<SyncAction.Transfer> copies = new java.util.ArrayList<>();
        for (String name : java.util.List.of("a", "locked-1", "b", "locked-2", "c")) {
            Files.writeString(source.resolve(name), "content of " + name);
            copies.add(copy(name));
        }
        FailingCopies denied = new FailingCopies(path -> path.value().startsWith("locked")
                ? Option.some(new AccessDeniedException(path.value()))
                : Option.none());

        new FileCopyJob(denied).run(order(2), copies.iterator(), recorder);

        assertThat(recorder.failed)
                .containsExactlyInAnyOrder(
                        "copy locked-1: cannot copy: permission denied",
                        "copy locked-2: cannot copy: permission denied");
        assertThat(recorder.done).containsExactlyInAnyOrder("copy a", "copy b", "copy c");
        assertThat(target.resolve("b")).hasContent("content of b");
        assertThat(target.resolve("locked-1")).doesNotExist();
    }

    @Test
    void anEntryThatCannotBeDeletedFailsAloneAndTheRestIsDeleted() throws Exception {
        java.util.List<SyncAction.Delete> deletes = new java.util.ArrayList<>();
        for (String name : java.util.List.of("a", "locked", "b")) {
            Files.writeString(target.resolve(name), "old " + name);
            deletes.add(new SyncAction.Delete(
                    Direction.SOURCE_TO_TARGET, indexed(target, name), DeleteReason.NOT_IN_SOURCE));
        }
        DeleteStrategy real = new LocalDeleteStrategy(disk, trash);
        DeleteStrategy denied = (order, actions, listener) -> {
            for (SyncAction.Delete action : actions) {
                if (action.path().value().equals("locked")) {
                    listener.failed(
                            action,
                            IoFailures.failure(new AccessDeniedException("locked"))
                                    .in("cannot delete: "));
                } else {
                    real.delete(order, java.util.List.of(action), listener);
                }
            }
        };

        new FileDeleteJob(denied).run(order(1), deletes.iterator(), recorder);

        assertThat(recorder.failed).containsExactly("delete locked: cannot delete: permission denied");
        assertThat(recorder.done).containsExactly("delete a", "delete b");
        assertThat(target.resolve("locked")).hasContent("old locked");
        assertThat(target.resolve("a")).doesNotExist();
    }

    private JobOrder order(int parallel) {
        return new JobOrder(source, target, parallel, BandwidthLimit.UNLIMITED, Option.none());
    }

    private SyncAction.Copy copy(String path) throws Exception {
        return new SyncAction.Copy(Direction.SOURCE_TO_TARGET, indexed(source, path), Option.none());
    }

    private IndexEntry indexed(Path root, String path) throws Exception {
        return Indexed.now(tree, root, path);
    }

    /**
     * The local strategy, but the write of a file fails as the system would have it fail (the same reason in words
     * as a real failure of {@link LocalCopyStrategy} gives) where {@code failure} says so.
     */
    private final class FailingCopies implements CopyStrategy {
        private final CopyStrategy real = new LocalCopyStrategy(disk, trash, Clock.systemUTC());
        private final java.util.function.Function<RelativePath, Option<IOException>> failure;
        final AtomicInteger attempts = new AtomicInteger();

        FailingCopies(java.util.function.Function<RelativePath, Option<IOException>> failure) {
            this.failure = failure;
        }

        @Override
        public Either<NotStaged, Staged> stage(
                JobOrder order, SyncAction.Copy action, Throttle throttle, JobListener listener) {
            attempts.incrementAndGet();
            Option<IOException> failed = failure.apply(action.path());
            return failed.isDefined()
                    ? Either.left(
                            NotStaged.receiving(IoFailures.failure(failed.get()).in("cannot copy: ")))
                    : real.stage(order, action, throttle, listener);
        }

        @Override
        public void makeDirectory(JobOrder order, SyncAction.MakeDirectory action, JobListener listener) {
            real.makeDirectory(order, action, listener);
        }

        @Override
        public void setMetadata(JobOrder order, SyncAction.SetMetadata action, JobListener listener) {
            real.setMetadata(order, action, listener);
        }

        @Override
        public boolean move(JobOrder order, SyncAction.Move action, JobListener listener) {
            return real.move(order, action, listener);
        }

        @Override
        public void commit(JobOrder order, java.util.List<Staged> batch, JobListener listener) {
            real.commit(order, batch, listener);
        }

        @Override
        public Seq<CopyJob.Finished> finishDirectories(Path root, Seq<CopyJob.FinishedDirectory> directories) {
            return real.finishDirectories(root, directories);
        }

        @Override
        public void sweepTemporaries(Path root, Seq<RelativePath> temporaries) {
            real.sweepTemporaries(root, temporaries);
        }
    }
}
