package dev.conduit.application.service;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.ManageTrash;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.application.port.out.TrashBins;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.Side;
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

    private final Option<Endpoints> endpoints;

    public ManageTrashService(
            ConduitRepository conduits, TrashLedger ledger, TrashBins bins, SyncLocks locks, Clock clock) {
        this(conduits, ledger, bins, locks, clock, Option.none());
    }

    /**
     * @param bins      this machine's trash
     * @param endpoints the endpoints' ports: a version trashed on another host is restored or purged by its agent
     */
    public ManageTrashService(
            ConduitRepository conduits,
            TrashLedger ledger,
            TrashBins bins,
            SyncLocks locks,
            Clock clock,
            Option<Endpoints> endpoints) {
        this.endpoints = endpoints;
        // a version left pending on another host is settled by its conduit's next sync, which reaches that host
        this.pending = endpoints.isEmpty()
                ? new PendingTrash(ledger, bins, locks) // every endpoint is a folder of this machine
                : new PendingTrash(ledger, version -> onAnotherHost(conduits, version) ? NOT_HERE : bins, locks);
        this.conduits = conduits;
        this.ledger = ledger;
        this.bins = bins;
        this.clock = clock;
    }

    /** The trash of another host, as this machine sees it: nothing can be said of what it holds. */
    private static final TrashBins NOT_HERE = new TrashBins() {
        @Override
        public Either<EntryFailure, Void> restore(
                String storedAt, String originalAt, dev.conduit.domain.path.RelativePath path) {
            return Either.left(EntryFailure.refused("is on another host"));
        }

        @Override
        public Presence presence(String storedAt) {
            return Presence.UNKNOWN;
        }

        @Override
        public Either<EntryFailure, Void> purge(String storedAt) {
            return Either.left(EntryFailure.refused("is on another host"));
        }
    };

    private static boolean onAnotherHost(ConduitRepository conduits, TrashedVersion version) {
        return version.conduit()
                .flatMap(conduits::findById)
                .exists(conduit -> (version.side() == Side.SOURCE ? conduit.source() : conduit.target()).isRemote());
    }

    @Override
    public Either<Failure, Seq<TrashedVersion>> list(Option<String> conduitRef) {
        pending.settleIdle(clock.instant());
        if (conduitRef.isEmpty()) {
            return Either.right(ledger.list(Option.none()));
        }
        return ConduitRefs.find(conduits, conduitRef.get()).map(conduit -> ledger.list(Option.some(conduit.id())));
    }

    @Override
    public Either<Failure, TrashedVersion> restore(long id) {
        pending.settleIdle(clock.instant());
        Option<TrashedVersion> found = ledger.find(id);
        if (found.isEmpty()) {
            return Either.left(Failure.notFound("no version " + id + " in the trash (see conduit trash list)"));
        }
        TrashedVersion version = found.get();
        try (Places places = new Places()) {
            return places.bins(version)
                    .flatMap(where -> where.restore(version.storedAt(), version.originalAt(), version.path())
                            .mapLeft(failure -> Failure.refused("cannot restore version " + id + " to "
                                    + version.originalAt() + ": " + failure.reason())))
                    .map(restored -> {
                        ledger.forget(id);
                        return version;
                    });
        }
    }

    /**
     * Where each version's trash is: this machine's, or the trash of the remote endpoint it was trashed on (reached
     * through its agent, one connection per conduit, all closed at the end).
     */
    private final class Places implements AutoCloseable {
        private final java.util.Map<ConduitId, Endpoints.Connected> open = new java.util.HashMap<>();

        Either<Failure, TrashBins> bins(TrashedVersion version) {
            if (endpoints.isEmpty()) { // every endpoint is a folder of this machine
                return Either.right(bins);
            }
            Option<Endpoint> remote = version.conduit()
                    .flatMap(conduits::findById)
                    .map(conduit -> version.side() == Side.SOURCE ? conduit.source() : conduit.target())
                    .filter(Endpoint::isRemote);
            if (remote.isEmpty()) {
                return Either.right(bins);
            }
            if (endpoints.isEmpty()) {
                return Either.left(Failure.refused("version " + version.id() + " is on "
                        + remote.get().written() + ", which cannot be reached from here"));
            }
            ConduitId conduit = version.conduit().get();
            Endpoints.Connected connected = open.get(conduit);
            if (connected == null) {
                Either<Failure, Endpoints.Connected> made = endpoints
                        .get()
                        .connect(
                                List.of(remote.get()),
                                conduits.findById(conduit).get().settings().remote());
                if (made.isLeft()) {
                    return Either.left(made.getLeft());
                }
                connected = made.get();
                open.put(conduit, connected);
            }
            return Either.right(connected.at(remote.get()).trash());
        }

        @Override
        public void close() {
            open.values().forEach(Endpoints.Connected::close);
        }
    }

    @Override
    public Either<Failure, Seq<TrashedVersion>> purge(Duration age) {
        java.util.List<TrashedVersion> purged = new java.util.ArrayList<>();
        java.util.List<String> problems = new java.util.ArrayList<>();
        pending.settleIdle(clock.instant());
        try (Places places = new Places()) {
            for (TrashedVersion version : ledger.trashedBefore(clock.instant().minus(age))) {
                Either<Failure, Void> removed = places.bins(version)
                        .flatMap(where ->
                                where.purge(version.storedAt()).mapLeft(failure -> Failure.refused(failure.reason())));
                if (removed.isRight()) {
                    ledger.forget(version.id());
                    purged.add(version);
                } else {
                    problems.add(
                            "version " + version.id() + ": " + removed.getLeft().message());
                }
            }
        }
        if (!problems.isEmpty()) {
            return Either.left(Failure.refused("purged " + purged.size() + " versions but could not remove "
                    + problems.size() + ": " + problems.get(0)));
        }
        return Either.right(List.ofAll(purged));
    }
}
