package dev.conduit.application.port.out;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.GenerationCounts;
import dev.conduit.domain.generation.SyncProgress;
import dev.conduit.domain.generation.Verification;
import dev.conduit.domain.plan.SyncTotals;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;

/** Each conduit's generations (one per sync) and the totals over all of them. */
public interface SyncHistory {

    /**
     * Opens the next generation of the conduit, pending until {@link #finish}; it carries on the last one when that
     * was killed ({@link #closeInterrupted}) or paused.
     */
    Generation begin(ConduitId conduit, Instant startedAt);

    /**
     * Closes the conduit's generations that are still pending as {@code failed:interrupted}: called with the
     * conduit's lock held, when no other sync can be running, so those were left by a sync that was killed.
     *
     * @return how many there were
     */
    int closeInterrupted(ConduitId conduit);

    /** Where a running sync has got to, for {@code status} in another process. */
    void progress(ConduitId conduit, long generation, SyncProgress progress);

    /**
     * Closes the generation and adds it to the conduit's totals, and applies what the sync settled to the conduit's
     * baseline, in one transaction: a baseline never claims a sync that was not recorded.
     *
     * @param error    the last error of the sync in one line, if it had one
     * @param baseline the baseline's changes (none for a mirror), read once, inside the transaction
     */
    void finish(
            ConduitId conduit,
            long generation,
            Instant completedAt,
            GenerationCounts counts,
            Verification verification,
            Option<String> error,
            java.util.Iterator<Baselines.Change> baseline);

    /** The conduit's generations, newest first, at most {@code limit}. */
    Seq<Generation> generations(ConduitId conduit, int limit);

    /** The progress last published for this generation. */
    Option<SyncProgress> progressOf(ConduitId conduit, long generation);

    SyncTotals totals(ConduitId conduit);

    /**
     * The syncs of every conduit that started at or after {@code since} and came to an end.
     */
    dev.conduit.domain.generation.FinishedSyncs finishedSince(java.time.Instant since);

    /**
     * Records where the generation left both sides' change journals (ADR 0031), before it is closed: a killed
     * generation has none, and the sync after it resolves whole.
     */
    void checkpoint(ConduitId conduit, long generation, Checkpoint checkpoint);

    /** The conduit's last generation (the highest number), with its checkpoint when it recorded one. */
    Option<Last> last(ConduitId conduit);

    /** A location's journal position on each side of a conduit. */
    record Positions(long source, long target) {}

    /**
     * Where a generation read the change journals (ADR 0031).
     *
     * @param resolved the positions its plan was resolved at, after the scans and before the jobs
     * @param verified the positions its verification saw after the jobs: the next sync looks for changes after these
     * @param settings the fingerprint of the conduit's settings and both file systems that the plan depended on
     */
    record Checkpoint(Positions resolved, Positions verified, String settings) {}

    /** A conduit's last generation and, when it recorded one, its checkpoint. */
    record Last(Generation generation, Option<Checkpoint> checkpoint) {}
}
