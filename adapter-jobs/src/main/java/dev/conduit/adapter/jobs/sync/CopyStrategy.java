package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.util.List;

/**
 * How transfers reach the receiving side: the part of the copy job that depends on where the two roots are (both
 * local today; a remote peer later). The job decides order, parallelism and batching; the strategy moves bytes.
 */
interface CopyStrategy {

    void makeDirectory(JobOrder order, SyncAction.MakeDirectory action, JobListener listener);

    void setMetadata(JobOrder order, SyncAction.SetMetadata action, JobListener listener);

    /**
     * Renames a receiving-side file to the new name the sending side gave it, once both contents are shown to be the
     * same; reports it. False when it could not be shown or done, and the file must be copied instead (nothing was
     * changed then).
     */
    boolean move(JobOrder order, SyncAction.Move action, JobListener listener);

    /**
     * Writes the new version beside its destination, invisible until committed; or says why it cannot. A large file
     * reports how far it has got to {@code listener} as it goes ({@link JobListener#transferring}).
     */
    Either<NotStaged, Staged> stage(JobOrder order, SyncAction.Copy action, Throttle throttle, JobListener listener);

    /**
     * Why a version was not staged, and on which side: the sending side's file could not be read, or the receiving
     * side could not take it. Nothing was changed on either side.
     */
    record NotStaged(boolean unreadableSource, EntryFailure failure) {

        static NotStaged receiving(EntryFailure failure) {
            return new NotStaged(false, failure);
        }

        static NotStaged unreadable(EntryFailure failure) {
            return new NotStaged(true, failure);
        }
    }

    /**
     * Makes staged versions durable and puts them in place, each atomically, and reports each one: a batch is
     * flushed to disk together before any of it is renamed, so the cost of durability is paid once per batch.
     */
    void commit(JobOrder order, List<Staged> batch, JobListener listener);

    Seq<CopyJob.Finished> finishDirectories(Path root, Seq<CopyJob.FinishedDirectory> directories);

    void sweepTemporaries(Path root, Seq<RelativePath> temporaries);

    /** A version written but not yet in place. */
    interface Staged {

        SyncAction.Copy action();

        long bytes();
    }
}
