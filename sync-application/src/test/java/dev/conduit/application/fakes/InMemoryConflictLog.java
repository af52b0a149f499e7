package dev.conduit.application.fakes;

import dev.conduit.application.port.out.ConflictLog;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.conflict.ConflictRecord;
import dev.conduit.domain.reconcile.Keep;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;

/** The conflict log of a library with no pending conflicts: what a sync records goes to the shared journal. */
public final class InMemoryConflictLog implements ConflictLog {

    private final java.util.List<String> journal;

    public InMemoryConflictLog(java.util.List<String> journal) {
        this.journal = journal;
    }

    @Override
    public Seq<ConflictRecord> pending(ConduitId conduit) {
        return List.empty();
    }

    @Override
    public synchronized void record(ConduitId conduit, long generation, Instant at, Seq<Conflict> found) {
        journal.add("conflicts " + generation + " "
                + found.map(conflict -> conflict.path().value()));
    }

    @Override
    public Seq<ConflictRecord> list(Option<ConduitId> conduit, boolean settledToo, int limit) {
        throw new UnsupportedOperationException("a sync lists no conflicts");
    }

    @Override
    public Option<ConflictRecord> find(long id) {
        throw new UnsupportedOperationException("a sync finds no conflict");
    }

    @Override
    public void answer(long id, Keep keep) {
        throw new UnsupportedOperationException("a sync answers no conflict");
    }

    @Override
    public long countPending(ConduitId conduit) {
        return 0;
    }
}
