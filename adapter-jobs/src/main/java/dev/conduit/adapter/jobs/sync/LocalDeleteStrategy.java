package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.sync.SyncAction;
import dev.conduit.domain.sync.DeleteReason;
import dev.conduit.domain.trash.TrashReason;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;

/**
 * Deletes in a local root. Files and links are checked against the index first and moved into the trash (or removed,
 * by the permanent policy); a directory is removed only once empty, so anything the index did not know about keeps
 * it, and itself, in place.
 */
final class LocalDeleteStrategy implements DeleteStrategy {

    private final LocalDisk disk;
    private final LocalTrash trash;

    LocalDeleteStrategy(LocalDisk disk, LocalTrash trash) {
        this.disk = disk;
        this.trash = trash;
    }

    @Override
    public void delete(JobOrder order, SyncAction.Delete action, JobListener listener) {
        Either<String, Option<FileStat>> now = disk.state(order.to(), action.path());
        if (now.isLeft()) {
            listener.failed(action, now.getLeft());
            return;
        }
        if (now.get().isEmpty()) {
            listener.done(action, Option.none(), 0);                       // already gone: nothing to keep
            return;
        }
        if (!disk.holdsIndexed(order.to(), now.get(), Option.some(action.current()))) {
            listener.failed(action, LocalDisk.CHANGED);
            return;
        }
        FileStat stat = now.get().get();
        boolean loser = action.why() == DeleteReason.CONFLICT_LOSER;
        Option<JobOrder.TrashBin> bin = loser ? order.losers() : order.trash();
        try {
            if (stat.isDirectory()) {
                Files.delete(LocalDisk.resolve(order.to(), action.path()));
            } else if (bin.isDefined()) {
                Either<String, Void> moved = trash.move(bin.get(), order.to(), action.path(), stat,
                    loser ? TrashReason.CONFLICT_LOSER : TrashReason.DELETED, listener);
                if (moved.isLeft()) {
                    listener.failed(action, moved.getLeft());
                    return;
                }
            } else {
                Files.delete(LocalDisk.resolve(order.to(), action.path()));
            }
            listener.done(action, Option.none(), 0);
        } catch (DirectoryNotEmptyException e) {
            listener.failed(action, "holds entries the index did not know; left as it is");
        } catch (IOException e) {
            listener.failed(action, "cannot delete: " + LocalDisk.reason(e));
        }
    }
}
