package dev.conduit.application.service;

import dev.conduit.domain.sync.SyncProgress;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.QueryConduits;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.sync.Generation;
import dev.conduit.domain.sync.Verification;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** Status and history, read from the library; a conduit is syncing while some process holds its lock. */
public final class QueryConduitsService implements QueryConduits {

    private final ConduitRepository conduits;
    private final SyncHistory history;
    private final SyncLocks locks;

    public QueryConduitsService(ConduitRepository conduits, SyncHistory history, SyncLocks locks) {
        this.conduits = conduits;
        this.history = history;
        this.locks = locks;
    }

    @Override
    public Either<Failure, Seq<Status>> status(Option<String> ref) {
        Either<Failure, Seq<Conduit>> chosen = ref.isEmpty() ? Either.right(conduits.all())
            : ConduitRefs.find(conduits, ref.get()).map(List::of);
        return chosen.map(all -> all.map(this::statusOf));
    }

    @Override
    public Either<Failure, Seq<Generation>> history(String ref, int limit) {
        return ConduitRefs.find(conduits, ref).map(conduit -> history.generations(conduit.id(), limit));
    }

    private Status statusOf(Conduit conduit) {
        boolean syncing = locks.isLocked(conduit.id());
        Option<Generation> last = history.generations(conduit.id(), 1).headOption();
        Option<SyncProgress> progress = syncing
            ? last.filter(generation -> generation.verification().equals(Verification.PENDING))
                .flatMap(generation -> history.progressOf(conduit.id(), generation.number()))
            : Option.none();
        return new Status(conduit, syncing, progress, history.totals(conduit.id()), last, 0);
    }
}
