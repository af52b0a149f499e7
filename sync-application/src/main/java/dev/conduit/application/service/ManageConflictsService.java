package dev.conduit.application.service;

import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.ManageConflicts;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.ConflictLog;
import dev.conduit.domain.conflict.ConflictRecord;
import dev.conduit.domain.reconcile.Keep;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** Lists conflicts and records answers; carrying an answer out is the next sync's work. */
public final class ManageConflictsService implements ManageConflicts {

    /** The most conflicts one listing shows. */
    static final int LIMIT = 10_000;

    private final ConduitRepository conduits;
    private final ConflictLog log;

    public ManageConflictsService(ConduitRepository conduits, ConflictLog log) {
        this.conduits = conduits;
        this.log = log;
    }

    @Override
    public Either<Failure, Seq<ConflictRecord>> list(Option<String> conduitRef, boolean settledToo) {
        if (conduitRef.isEmpty()) {
            return Either.right(log.list(Option.none(), settledToo, LIMIT));
        }
        return ConduitRefs.find(conduits, conduitRef.get())
                .map(conduit -> log.list(Option.some(conduit.id()), settledToo, LIMIT));
    }

    @Override
    public Either<Failure, ConflictRecord> resolve(long id, Keep keep) {
        Option<ConflictRecord> found = log.find(id);
        if (found.isEmpty()) {
            return Either.left(Failure.notFound("no conflict " + id + " (see conduit conflicts)"));
        }
        ConflictRecord conflict = found.get();
        if (!conflict.pending()) {
            return Either.left(Failure.refused("conflict " + id + " (" + conflict.path() + ") is already settled: "
                    + conflict.settlement().getOrElse("settled")));
        }
        log.answer(id, keep);
        return Either.right(log.find(id).getOrElse(conflict));
    }
}
