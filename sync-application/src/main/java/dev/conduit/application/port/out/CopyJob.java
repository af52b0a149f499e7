package dev.conduit.application.port.out;

import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.Seq;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Carries out the transfers of a plan: directories made, files and links copied, metadata fixed, always from
 * {@link JobOrder#from()} into {@link JobOrder#to()}. Writes are atomic; a receiving entry that no longer matches what
 * the action expected is left as it is and reported. Deletes are the {@link DeleteJob}'s: the copy job is handed
 * {@linkplain SyncAction.Transfer transfers} only.
 */
public interface CopyJob {

    /**
     * Runs the actions, parents first as they come: a directory is made before anything is copied into it. Returns
     * once every action is done or has failed.
     */
    void run(JobOrder order, Iterator<? extends SyncAction.Transfer> actions, JobListener listener);

    /**
     * Gives directories their final permission bits and modification times, best effort, once everything inside them
     * is written (a folder made read-only at once could not be filled; its time would change with every entry).
     *
     * @param directories deepest first
     * @return each directory given its bits and time, as lstat found it right after, when lstat found the same
     *     directory (device and inode) before and after: what the receiving index may record of it (ADR 0059)
     */
    Seq<Finished> finishDirectories(Path root, Seq<FinishedDirectory> directories);

    /** A directory whose bits and time were set, as lstat found it right after. */
    record Finished(RelativePath path, FileStat stat) {}

    /** Removes temporary files that killed copies left in {@code root}; ones a live process is writing stay. */
    void sweepTemporaries(Path root, Seq<RelativePath> temporaries);

    /**
     * What a directory should end up with: its permission bits and its modification time in nanoseconds; and its
     * owner and group where they are to be set here ({@code -1} leaves them: a folder the plan made or whose metadata
     * it set has them already; the root is given them here, where owners are kept).
     */
    record FinishedDirectory(RelativePath path, int mode, long mtimeNanos, int uid, int gid) {

        /** A directory whose owner is left as it is. */
        public FinishedDirectory(RelativePath path, int mode, long mtimeNanos) {
            this(path, mode, mtimeNanos, -1, -1);
        }
    }
}
