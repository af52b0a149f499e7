package dev.conduit.application.fakes;

import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.GenerationCounts;
import dev.conduit.domain.generation.SyncProgress;
import dev.conduit.domain.generation.Verification;
import dev.conduit.domain.plan.SyncTotals;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Collections;

/**
 * The history of generations in memory: each {@link #begin} hands out the next generation (number and resumed
 * generation as the test sets them), every snapshot and every close is kept, and each step goes to the shared journal.
 */
public final class InMemoryHistory implements SyncHistory {

    private final java.util.List<String> journal;
    private long number = 1;
    private Option<Long> resumedFrom = Option.none();

    /** Every progress snapshot published, in order. */
    public final java.util.List<SyncProgress> snapshots = Collections.synchronizedList(new java.util.ArrayList<>());

    /** Every generation closed, with the baseline changes written with it. */
    public final java.util.List<Finished> finished = new java.util.ArrayList<>();

    /** A close of a generation. */
    public record Finished(
            ConduitId conduit,
            long generation,
            Instant completedAt,
            GenerationCounts counts,
            Verification verification,
            Option<String> error,
            Seq<String> baseline) {}

    private Option<io.vavr.Tuple2<InMemoryIndexStore, dev.conduit.domain.index.LocationId>> baselineIn = Option.none();

    public InMemoryHistory(java.util.List<String> journal) {
        this.journal = journal;
    }

    /** Each close writes its baseline's changes into the store's location, as the library's baseline would keep. */
    public InMemoryHistory keepingBaselineIn(InMemoryIndexStore store, dev.conduit.domain.index.LocationId location) {
        this.baselineIn = Option.some(io.vavr.Tuple.of(store, location));
        return this;
    }

    /** The next generation begun has this number, and carries on {@code resumed} if given. */
    public InMemoryHistory next(long number, Option<Long> resumed) {
        this.number = number;
        this.resumedFrom = resumed;
        return this;
    }

    @Override
    public synchronized Generation begin(ConduitId conduit, Instant startedAt) {
        journal.add("begin " + number + " at " + startedAt);
        return new Generation(
                conduit, number, startedAt, Option.none(), GenerationCounts.ZERO, Verification.PENDING, resumedFrom);
    }

    @Override
    public synchronized int closeInterrupted(ConduitId conduit) {
        return 0;
    }

    @Override
    public void progress(ConduitId conduit, long generation, SyncProgress progress) {
        snapshots.add(progress);
    }

    /** The baseline's changes as paths, a removal marked with " -". */
    @Override
    public synchronized void finish(
            ConduitId conduit,
            long generation,
            Instant completedAt,
            GenerationCounts counts,
            Verification verification,
            Option<String> error,
            java.util.Iterator<Baselines.Change> baseline) {
        java.util.List<String> changes = new java.util.ArrayList<>();
        java.util.List<Baselines.Change> kept = new java.util.ArrayList<>();
        baseline.forEachRemaining(change -> {
            changes.add(change.path().value() + (change.entry().isDefined() ? "" : " -"));
            kept.add(change);
        });
        baselineIn.forEach(at -> at._1()
                .write(
                        at._2(),
                        new dev.conduit.application.port.out.IndexStore.IndexBatch(
                                List.ofAll(kept)
                                        .filter(change -> change.entry().isEmpty())
                                        .map(Baselines.Change::path),
                                List.empty(),
                                List.ofAll(kept).flatMap(Baselines.Change::entry))));
        finished.add(new Finished(conduit, generation, completedAt, counts, verification, error, List.ofAll(changes)));
        journal.add("finish " + generation + " " + verification.label());
    }

    /** Every checkpoint recorded, by generation. */
    public final java.util.Map<Long, SyncHistory.Checkpoint> checkpoints = new java.util.HashMap<>();

    @Override
    public synchronized void checkpoint(ConduitId conduit, long generation, SyncHistory.Checkpoint checkpoint) {
        checkpoints.put(generation, checkpoint);
    }

    /** The last generation finished, as the library would have it (a generation begun and not finished is not). */
    @Override
    public synchronized Option<SyncHistory.Last> last(ConduitId conduit) {
        return List.ofAll(finished)
                .filter(done -> done.conduit().equals(conduit))
                .lastOption()
                .map(done -> new SyncHistory.Last(
                        new Generation(
                                conduit,
                                done.generation(),
                                done.completedAt(),
                                Option.some(done.completedAt()),
                                done.counts(),
                                done.verification()),
                        Option.of(checkpoints.get(done.generation()))));
    }

    @Override
    public Seq<Generation> generations(ConduitId conduit, int limit) {
        throw new UnsupportedOperationException("a sync lists no generations");
    }

    @Override
    public Option<SyncProgress> progressOf(ConduitId conduit, long generation) {
        throw new UnsupportedOperationException("a sync reads no progress");
    }

    @Override
    public dev.conduit.domain.generation.FinishedSyncs finishedSince(java.time.Instant since) {
        throw new UnsupportedOperationException("a sync reads no statistics");
    }

    @Override
    public SyncTotals totals(ConduitId conduit) {
        if (lastCompleted == null) {
            throw new UnsupportedOperationException("a sync reads no totals");
        }
        return new SyncTotals(0, 0, 0, lastCompleted, Option.none());
    }

    /** When the conduit last completed a sync, as the totals tell it to a service; unset: a sync reads no totals. */
    public volatile Option<Instant> lastCompleted;
}
