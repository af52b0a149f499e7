package dev.conduit.application.service;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.ManageTrash;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.application.port.out.TrashBins;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;

/**
 * Lists, restores and purges what syncs put in the trash; first settles the records a killed sync left pending, so
 * that every version in the trash is listed.
 */
public final class ManageTrashService implements ManageTrash {

    private final ConduitRepository conduits;
    private final TrashLedger ledger;
    private final TrashBins bins;
    private final Clock clock;
    private final PendingTrash pending;

    public ManageTrashService(
            ConduitRepository conduits, TrashLedger ledger, TrashBins bins, SyncLocks locks, Clock clock) {
        this.pending = new PendingTrash(ledger, bins, locks);
        this.conduits = conduits;
        this.ledger = ledger;
        this.bins = bins;
        this.clock = clock;
    }

    @Override
    public Either<Failure, Seq<TrashedVersion>> list(Option<String> conduitRef) {
        pending.settleIdle();
        if (conduitRef.isEmpty()) {
            return Either.right(ledger.list(Option.none()));
        }
        return ConduitRefs.find(conduits, conduitRef.get()).map(conduit -> ledger.list(Option.some(conduit.id())));
    }

    @Override
    public Either<Failure, TrashedVersion> restore(long id) {
        pending.settleIdle();
        Option<TrashedVersion> found = ledger.find(id);
        if (found.isEmpty()) {
            return Either.left(Failure.notFound("no version " + id + " in the trash (see conduit trash list)"));
        }
        TrashedVersion version = found.get();
        return bins.restore(version.storedAt(), version.originalAt(), version.path())
                .mapLeft(failure -> Failure.refused(
                        "cannot restore version " + id + " to " + version.originalAt() + ": " + failure.reason()))
                .map(restored -> {
                    ledger.forget(id);
                    return version;
                });
    }

    @Override
    public Either<Failure, Seq<TrashedVersion>> purge(Duration age) {
        java.util.List<TrashedVersion> purged = new java.util.ArrayList<>();
        java.util.List<String> problems = new java.util.ArrayList<>();
        pending.settleIdle();
        for (TrashedVersion version : ledger.trashedBefore(clock.instant().minus(age))) {
            Either<EntryFailure, Void> removed = bins.purge(version.storedAt());
            if (removed.isRight()) {
                ledger.forget(version.id());
                purged.add(version);
            } else {
                problems.add(
                        "version " + version.id() + ": " + removed.getLeft().reason());
            }
        }
        if (!problems.isEmpty()) {
            return Either.left(Failure.refused("purged " + purged.size() + " versions but could not remove "
                    + problems.size() + ": " + problems.get(0)));
        }
        return Either.right(List.ofAll(purged));
    }
}
