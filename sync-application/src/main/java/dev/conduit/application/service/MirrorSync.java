package dev.conduit.application.service;

import dev.conduit.application.port.in.EntryError;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.JobLedger;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.GenerationCounts;
import dev.conduit.domain.generation.Verification;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.limits.Limits;
import dev.conduit.domain.limits.Refusals;
import dev.conduit.domain.mirror.MirrorResolver;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.rename.Renames;
import io.vavr.Tuple;
import io.vavr.collection.Iterator;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A mirror sync, once both indexes are fresh: count the plan and pair its renames, then run the copy job and the
 * delete job (and the copies into folders a delete made room for), finish the folders' times, verify by resolving
 * again, and record the generation. The plan is streamed: each phase is resolved from fresh cursors over the two
 * indexes when it runs, never held whole.
 */
final class MirrorSync {

    private final IndexStore store;
    private final CopyJob copyJob;
    private final DeleteJob deleteJob;
    private final SyncHistory history;
    private final TrashLedger ledger;
    private final JobLedger jobLedger;
    private final JobRuns jobs;
    private final Clock clock;

    MirrorSync(
            IndexStore store,
            CopyJob copyJob,
            DeleteJob deleteJob,
            SyncHistory history,
            TrashLedger ledger,
            JobLedger jobLedger,
            JobRuns jobs,
            Clock clock) {
        this.store = store;
        this.copyJob = copyJob;
        this.deleteJob = deleteJob;
        this.history = history;
        this.ledger = ledger;
        this.jobLedger = jobLedger;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * The plan, streamed to {@code actions} phase by phase, and its totals; first the entries the target refuses,
     * to {@code listener} as the errors they will be.
     */
    PlanReport plan(Indexes indexes, Consumer<SyncAction> actions, SyncListener listener) {
        Prepared prepared = prepare(indexes);
        Renames renames = prepared.renames();
        Limits limits = prepared.limits();
        limits.refused()
                .all()
                .forEach(refusal -> listener.error(new EntryError(
                        refusal.direction().to(), refusal.path().value(), EntryFailure.notAllowed(refusal.reason()))));
        run(
                indexes,
                (s, t) -> MirrorResolver.transfers(s, t, limits).flatMap(renames::rewrite),
                true,
                stream -> stream.forEachRemaining(actions));
        run(
                indexes,
                (s, t) -> MirrorResolver.deletes(s, t, limits).flatMap(renames::rewrite),
                false,
                stream -> stream.forEachRemaining(actions));
        run(
                indexes,
                (s, t) -> MirrorResolver.replacements(s, t, limits),
                true,
                stream -> stream.forEachRemaining(actions));
        return prepared.count().report(indexes.conduit(), SyncConduit.Options.DEFAULT);
    }

    /** Carries out a prepared plan the caller has accepted: one generation. */
    SyncReport run(
            Indexes indexes,
            Prepared prepared,
            Instant started,
            StopRequest stop,
            SyncListener listener,
            Seq<EntryError> scanProblems) {
        Conduit current = indexes.conduit();
        PlanCount count = prepared.count();
        Renames renames = prepared.renames();
        Limits limits = prepared.limits();
        Generation generation = history.begin(current.id(), started);
        Progress progress = new Progress(history, listener, clock, current, generation, count);
        try {
            Outcomes outcomes = progress.track(new Outcomes(
                    Side.TARGET, indexes.source(), indexes.target(), ledger, jobLedger, listener, progress::tick));
            scanProblems.forEach(outcomes::error);
            limits.refused()
                    .all()
                    .forEach(refusal -> outcomes.failed(refusal.action(), EntryFailure.notAllowed(refusal.reason())));
            JobOrder order = JobRuns.order(current, generation, Direction.SOURCE_TO_TARGET, stop);

            if (count.actions > 0) {
                JobRuns.Planned queued = jobs.plan(
                        current.id(),
                        generation,
                        stop,
                        List.of(
                                Tuple.of("copy", Direction.SOURCE_TO_TARGET),
                                Tuple.of("delete", Direction.SOURCE_TO_TARGET)));
                progress.phase("copying");
                queued.run(
                        outcomes,
                        "copy",
                        Direction.SOURCE_TO_TARGET,
                        () -> run(
                                indexes,
                                (s, t) -> MirrorResolver.transfers(s, t, limits).flatMap(renames::rewrite),
                                true,
                                actions -> copyJob.run(order, actions, outcomes)));
                if (!stop.getAsBoolean()) { // asked to stop: no deletes until every copy is made
                    progress.phase("deleting");
                    queued.run(
                            outcomes,
                            "delete",
                            Direction.SOURCE_TO_TARGET,
                            () -> run(
                                    indexes,
                                    (s, t) ->
                                            MirrorResolver.deletes(s, t, limits).map(SyncAction.Delete.class::cast),
                                    false,
                                    deletes -> deleteJob.run(order, deletes, outcomes)));
                }
                java.util.Set<RelativePath> replaced = outcomes.replacedDirectories();
                if (!replaced.isEmpty() && !stop.getAsBoolean()) { // the deleted directories are gone from the index:
                    queued.run(
                            outcomes,
                            "copy",
                            Direction.SOURCE_TO_TARGET,
                            () -> run(
                                    indexes,
                                    (s, t) -> MirrorResolver.transfers(s, t, limits) // plain copies
                                            .filter(action -> replaced.contains(action.path())),
                                    true,
                                    actions -> copyJob.run(order, actions, outcomes)));
                }
                queued.cancelRest();
            }
            if (!stop.getAsBoolean()) { // every folder whose time differs, touched or not
                copyJob.finishDirectories(
                        order.to(),
                        finishedDirectories(indexes, outcomes.touchedDirectories(), count.foldersOutOfTime));
            }

            Verification verification = Verification.VERIFIED;
            if (stop.getAsBoolean()) {
                verification = Verification.PAUSED;
            } else if (count.actions > 0) { // nothing was done: nothing to verify, nothing to publish
                progress.phase("verifying");
                verification = verify(indexes, limits);
            }
            progress.close(); // no snapshot after the generation is closed
            GenerationCounts counts = outcomes.counts();
            Instant completed = clock.instant();
            Seq<String> problems = outcomes.problems();
            Option<String> lastError = problems.lastOption();
            history.finish(
                    current.id(),
                    generation.number(),
                    completed,
                    counts,
                    verification,
                    lastError,
                    java.util.Collections.emptyIterator());
            Generation done = generation.finished(completed, counts, verification);
            return new SyncReport(
                    current, done, problems, Duration.between(started, completed), 0, stop.getAsBoolean());
        } finally {
            progress.close();
        }
    }

    /** What the plan amounts to, in one pass over the join applying every phase's rule (the order is not needed). */
    private PlanCount total(Indexes indexes, Renames renames, Limits limits) {
        PlanCount count = new PlanCount();
        run(
                indexes,
                (s, t) -> MirrorResolver.everyPhase(s, t, limits, count::outOfTime),
                true,
                stream -> stream.forEachRemaining(action -> {
                    count.add(action);
                    renames.depart(action); // arrivals only in the claim pass: none held without departures
                }));
        count.targetFiles = indexes.target().countFiles();
        count.refused = limits.refused().all().size();
        return count;
    }

    /**
     * What the two file systems allow: the common ground of their metadata, and what the target refuses (found in
     * one more pass over the join, only when the target can refuse anything: no links, or case not told apart).
     */
    private Limits limits(Indexes indexes) {
        FileSystemTraits target = indexes.target().traits();
        if (!Refusals.possible(target)) {
            return new Limits(indexes.ground(), Refusals.NONE);
        }
        Refusals[] refused = {Refusals.NONE};
        run(
                indexes,
                (s, t) -> Iterator.of(MirrorResolver.refusals(s, t, target)),
                true,
                stream -> refused[0] = stream.next());
        return new Limits(indexes.ground(), refused[0]);
    }

    /**
     * The plan's totals and its renames: when the receiving side has files the sending side lacks, one more pass over
     * the transfers pairs them with new files (in plan order), and the totals count each pair as one move.
     */
    Prepared prepare(Indexes indexes) {
        Limits limits = limits(indexes);
        Renames renames = new Renames(limits.ground());
        PlanCount count = total(indexes, renames, limits);
        if (!renames.isEmpty() && count.filesToCopy > 0) {
            run(
                    indexes,
                    (s, t) -> MirrorResolver.transfers(s, t, limits),
                    true,
                    stream -> stream.forEachRemaining(action -> {
                        renames.arrive(action);
                        renames.claim(action).forEach(count::paired);
                    }));
            renames.pairFolders().forEach(count::movedFolder);
        }
        return new Prepared(count, renames, limits);
    }

    record Prepared(PlanCount count, Renames renames, Limits limits) {}

    private Verification verify(Indexes indexes, Limits limits) {
        PlanCount left = total(indexes, new Renames(limits.ground()), limits);
        return left.actions == 0
                ? Verification.VERIFIED
                : new Verification.Failed(left.actions + (left.actions == 1 ? " action" : " actions") + " left");
    }

    /** Streams one phase from fresh cursors over both indexes, closing them after. */
    private static <A> void run(
            Indexes indexes,
            java.util.function.BiFunction<java.util.Iterator<IndexEntry>, java.util.Iterator<IndexEntry>, Iterator<A>>
                    phase,
            boolean ascending,
            Consumer<java.util.Iterator<A>> consumer) {
        try (IndexStore.EntryCursor source = ascending
                        ? indexes.source().ascending()
                        : indexes.source().descending();
                IndexStore.EntryCursor target = ascending
                        ? indexes.target().ascending()
                        : indexes.target().descending()) {
            consumer.accept(phase.apply(source, target));
        }
    }

    /**
     * The folders whose bits and time are set last, deepest first: those the jobs touched (as the source's index has
     * them) and those found out of time by the plan (their source entries at hand).
     */
    private Seq<CopyJob.FinishedDirectory> finishedDirectories(
            Indexes indexes, Seq<RelativePath> touched, java.util.List<IndexEntry> outOfTime) {
        EndpointIndex source = indexes.source();
        java.util.Set<RelativePath> seen = new java.util.HashSet<>(touched.asJava());
        return touched.flatMap(directory -> store.entry(source.location(), source.inLocation(directory))
                        .filter(IndexEntry::isDirectory)
                        .map(source::relative))
                .appendAll(io.vavr.collection.List.ofAll(outOfTime).filter(entry -> seen.add(entry.path())))
                .sortBy(entry -> -entry.path().depth())
                .map(entry -> new CopyJob.FinishedDirectory(
                        entry.path(), entry.stat().mode(), entry.stat().mtimeNanos()));
    }
}
