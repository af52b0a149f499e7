package dev.conduit.application.port.out;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** Hears what a job did, action by action. Called from the job's worker threads: implementations are thread-safe. */
public interface JobListener {

    /**
     * The action is done.
     *
     * @param result what the receiving side now holds at the path, as lstat saw it right after (with the hash of the
     *               bytes written, for a copied file); none after a delete
     * @param bytes  content bytes written
     */
    void done(SyncAction action, Option<IndexEntry> result, long bytes);

    /**
     * A file is on its way: {@code bytesSoFar} of it are written, not yet in place. Reported every MiB of a large
     * file and once a file is written (it may then wait for its batch's commit), so progress moves while one big file
     * is copied and does not lag behind the commits; {@link #done} or {@link #failed} follows.
     */
    default void transferring(SyncAction action, long bytesSoFar) {}

    /** The action was not carried out on the receiving side; nothing was lost. */
    void failed(SyncAction action, EntryFailure failure);

    /** The action was not carried out because the sending side's entry could not be read; nothing was lost. */
    default void unreadable(SyncAction action, EntryFailure failure) {
        failed(action, failure);
    }

    /**
     * Versions (deletes, or the old versions under copies) are about to be moved into the trash: they are recorded
     * first, pending, so that no crash can leave a version in the trash that the library does not know. For each,
     * {@link #trashed} or {@link #notTrashed} follows with its id; a record left without either (a crash) is settled
     * by the next sync. The ids, in the order of the versions.
     */
    Seq<Long> trashing(Seq<TrashedVersion.New> versions);

    /** The version recorded by {@link #trashing} is in the trash now. */
    void trashed(long id);

    /** The version recorded by {@link #trashing} could not be moved: it is where it was, and its record goes. */
    void notTrashed(long id);
}
