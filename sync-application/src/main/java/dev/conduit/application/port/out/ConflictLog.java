package dev.conduit.application.port.out;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.conflict.ConflictRecord;
import dev.conduit.domain.reconcile.Keep;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;

/** Every conflict the syncs of bidirectional conduits found, how each was settled, and the ones waiting for a user. */
public interface ConflictLog {

    /** The conduit's pending conflicts, with the users' answers so far. */
    Seq<ConflictRecord> pending(ConduitId conduit);

    /**
     * Records what one sync found, in one transaction: a pending conflict is added or kept (its answer dropped when
     * the versions changed since); a settled one closes the path's pending record or is added as settled; a pending
     * record whose path is no longer in conflict is closed as such.
     */
    void record(ConduitId conduit, long generation, Instant at, Seq<Conflict> found);

    /** Conflicts newest first, only pending ones unless {@code settledToo}; only the conduit's when one is given. */
    Seq<ConflictRecord> list(Option<ConduitId> conduit, boolean settledToo, int limit);

    Option<ConflictRecord> find(long id);

    /** Records the user's answer to a pending conflict; the next sync carries it out. */
    void answer(long id, Keep keep);

    long countPending(ConduitId conduit);
}
