package dev.conduit.application.port.in;

import dev.conduit.domain.conflict.ConflictRecord;
import dev.conduit.domain.reconcile.Keep;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** The conflicts of bidirectional conduits: the pending ones, the history of settled ones, and the users' answers. */
public interface ManageConflicts {

    /** Newest first; pending only unless {@code settledToo}; only the conduit's when one is named. */
    Either<Failure, Seq<ConflictRecord>> list(Option<String> conduitRef, boolean settledToo);

    /** Records the user's answer to a pending conflict: the next sync of its conduit carries it out. */
    Either<Failure, ConflictRecord> resolve(long id, Keep keep);
}
