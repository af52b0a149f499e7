package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.plan.DeleteReason;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.trash.TrashReason;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The versions the run will trash are recorded in one write first (ADR 0017); each record is then confirmed by its
     * move, or released when its entry turns out changed, gone, or is not reached because the job was stopped.
     */
    @Override
    public void delete(JobOrder order, List<SyncAction.Delete> actions, JobListener listener) {
        List<SyncAction.Delete> trashed = new ArrayList<>();
        List<LocalTrash.Candidate> candidates = new ArrayList<>();
        for (SyncAction.Delete action : actions) {
            Option<JobOrder.TrashBin> bin = binOf(order, action);
            if (!action.current().isDirectory() && bin.isDefined()) {
                trashed.add(action);
                candidates.add(new LocalTrash.Candidate(
                        bin.get(),
                        order.to(),
                        action.path(),
                        action.current().stat(),
                        action.why() == DeleteReason.CONFLICT_LOSER
                                ? TrashReason.CONFLICT_LOSER
                                : TrashReason.DELETED));
            }
        }
        Map<SyncAction.Delete, Either<EntryFailure, LocalTrash.Place>> places = new IdentityHashMap<>();
        List<Either<EntryFailure, LocalTrash.Place>> reserved = trash.reserve(candidates, listener);
        for (int i = 0; i < trashed.size(); i++) {
            places.put(trashed.get(i), reserved.get(i));
        }
        for (SyncAction.Delete action : actions) {
            Option<Either<EntryFailure, LocalTrash.Place>> place = Option.of(places.get(action));
            if (order.stopped()) { // the rest waits for the next sync
                release(place, listener);
                continue;
            }
            try {
                delete(order, action, place, listener);
            } catch (RuntimeException unexpected) {
                listener.failed(
                        action,
                        EntryFailure.ioError(unexpected.toString())
                                .in("cannot delete: ")); // a record left pending is settled later
            }
        }
    }

    private void delete(
            JobOrder order,
            SyncAction.Delete action,
            Option<Either<EntryFailure, LocalTrash.Place>> place,
            JobListener listener) {
        Either<EntryFailure, Option<FileStat>> now = disk.state(order.to(), action.path());
        if (now.isLeft()
                || now.get().isEmpty()
                || !disk.holdsIndexed(order.to(), now.get(), Option.some(action.current()))) {
            release(place, listener);
            if (now.isLeft()) {
                listener.failed(action, now.getLeft());
            } else if (now.get().isEmpty()) {
                listener.done(action, Option.none(), 0); // already gone: nothing to keep
            } else {
                listener.failed(action, EntryFailure.stale());
            }
            return;
        }
        try {
            if (place.isDefined()) {
                Either<EntryFailure, Void> moved = place.get().flatMap(reserved -> trash.move(reserved, listener));
                if (moved.isLeft()) {
                    listener.failed(action, moved.getLeft());
                    return;
                }
            } else {
                try (RootedFolder folder = RootedFolder.holding(order.to(), action.path())) {
                    Files.delete(folder.entry(action.path())); // a folder, or the permanent policy
                }
            }
            listener.done(action, Option.none(), 0);
        } catch (DirectoryNotEmptyException e) {
            listener.failed(action, EntryFailure.refused("holds entries the index did not know; left as it is"));
        } catch (IOException e) {
            listener.failed(action, LocalDisk.failure(e).in("cannot delete: "));
        }
    }

    private void release(Option<Either<EntryFailure, LocalTrash.Place>> place, JobListener listener) {
        place.flatMap(Either::toOption).forEach(reserved -> trash.release(reserved, listener));
    }

    private static Option<JobOrder.TrashBin> binOf(JobOrder order, SyncAction.Delete action) {
        return action.why() == DeleteReason.CONFLICT_LOSER ? order.losers() : order.trash();
    }
}
