package dev.conduit.application.service;

import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.out.Baselines;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.Seq;
import java.time.Instant;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * What a sync mode supplies to the {@link SyncPipeline}: its survey of the indexes (a value handed to every later
 * step), the jobs and phases that carry out the plan, the folders finished after them, what is left when verifying,
 * and what it records with the generation. The pipeline owns the order; the mode owns the rules.
 *
 * @param <S> what its survey found
 */
sealed interface Mode<S extends Survey> permits MirrorSync, BidirectionalSync {

    /** Surveys and counts the plan over the fresh indexes. */
    S survey(Indexes indexes);

    /** The plan, streamed to {@code actions} in the order a sync would run it, and its totals. */
    PlanReport plan(Indexes indexes, S survey, Consumer<SyncAction> actions, SyncListener listener);

    /** The sides the jobs write into: their outcomes are tracked. */
    Seq<Side> receiving();

    /** Said before the generation begins (a bidirectional sync's conflicts). */
    default void announce(S survey, SyncListener listener) {}

    /** Said once the generation has begun, before any job (entries the receiving side refuses). */
    default void opened(Run run, S survey) {}

    /** The jobs the plan needs, in the order they run: queued in the ledger before the first starts. */
    Seq<JobRuns.Job> jobs(S survey);

    /** Runs the phases, each job in its turn. */
    void execute(Run run, JobRuns.Planned jobs, S survey);

    /** Gives the folders their final bits and times, once everything inside them is written. */
    void finishFolders(Run run, S survey);

    /** How many actions a survey of the indexes would find now (none once the sync did all it planned). */
    long left(Indexes indexes, S survey);

    /** The conflicts the generation counts. */
    default long conflicts(S survey) {
        return 0;
    }

    /** Records what the mode keeps beside the generation (the conflicts found), before it is closed. */
    default void recordConflicts(Run run, S survey, Instant completed) {}

    /** Hands the baseline's changes to {@code finish}, which closes the generation with them (none for a mirror). */
    default void closeWith(Run run, S survey, Consumer<Iterator<Baselines.Change>> finish) {
        finish.accept(java.util.Collections.emptyIterator());
    }

    /** The conduit's conflicts waiting for an answer once the generation is closed. */
    default long pendingConflicts(ConduitId conduit) {
        return 0;
    }
}
