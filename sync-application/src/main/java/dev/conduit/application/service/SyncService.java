package dev.conduit.application.service;

import dev.conduit.application.port.in.EntryError;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.ScanProblem;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.ConflictLog;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.JobLedger;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.application.port.out.TrashBins;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.conduit.SyncMode;
import dev.conduit.domain.generation.SyncProgress;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Orchestrates a sync: takes the conduit's lock, closes what a killed sync left open (its generation, its jobs, its
 * unconfirmed trash records), guards the roots, refreshes
 * both indexes (sweeping the temporary files of killed copies), counts the plan and refuses one beyond the delete
 * limit, then hands it to {@link MirrorSync} or {@link BidirectionalSync}, which dispatch the jobs and record the
 * generation. It never copies or deletes a byte itself.
 *
 * <p>The plan is never held whole: each phase is resolved as a stream over the indexes when it runs, so a sync of a
 * million entries needs the memory of a few.
 */
public final class SyncService implements SyncConduit {

    private final ConduitRepository conduits;
    private final IndexLocation indexer;
    private final IndexStore store;
    private final CopyJob copyJob;
    private final SyncHistory history;
    private final SyncLocks locks;
    private final Clock clock;
    private final RootGuard roots;
    private final MirrorSync mirror;
    private final BidirectionalSync bidirectional;
    private final JobLedger jobLedger;
    private final JobRuns jobs;
    private final PendingTrash pendingTrash;

    public SyncService(
            ConduitRepository conduits,
            LocationRepository locations,
            IndexLocation indexer,
            IndexStore store,
            FileTree tree,
            CopyJob copyJob,
            DeleteJob deleteJob,
            SyncHistory history,
            TrashLedger ledger,
            TrashBins bins,
            SyncLocks locks,
            Baselines baselines,
            ConflictLog conflicts,
            JobLedger jobs,
            Clock clock) {
        this.conduits = conduits;
        this.indexer = indexer;
        this.store = store;
        this.copyJob = copyJob;
        this.history = history;
        this.locks = locks;
        this.clock = clock;
        this.roots = new RootGuard(conduits, locations, store, tree);
        this.jobLedger = jobs;
        this.jobs = new JobRuns(jobs, clock);
        this.pendingTrash = new PendingTrash(ledger, bins, locks);
        this.mirror = new MirrorSync(store, copyJob, deleteJob, history, ledger, jobs, this.jobs, clock);
        this.bidirectional = new BidirectionalSync(
                store, baselines, conflicts, copyJob, deleteJob, history, ledger, jobs, this.jobs, clock);
    }

    @Override
    public Either<Failure, PlanReport> plan(String ref, Consumer<SyncAction> actions, SyncListener listener) {
        return ConduitRefs.find(conduits, ref)
                .flatMap(conduit -> roots.problem(conduit, false)
                        .fold(
                                () -> Either.<Failure, Conduit>right(conduit),
                                problem -> Either.left(Failure.paused(problem))))
                .flatMap(conduit -> refresh(conduit, listener, null))
                .map(indexes -> {
                    if (isBidirectional(indexes.conduit())) {
                        return bidirectional.plan(indexes, actions, listener);
                    }
                    return mirror.plan(indexes, actions, listener);
                });
    }

    /** How long {@link #pause} waits for the running sync to reach a safe point. */
    static final Duration PAUSE_WAIT = Duration.ofMinutes(10);

    @Override
    public Either<Failure, Conduit> pause(String ref) {
        return ConduitRefs.find(conduits, ref).flatMap(conduit -> {
            Option<SyncLocks.Held> idle = locks.tryLock(conduit.id());
            if (idle.isDefined()) {
                idle.get().close();
                return Either.left(Failure.refused(conduit.describe() + " is not syncing: there is nothing to pause"));
            }
            conduits.requestStop(conduit.id(), clock.instant());
            long deadline = System.nanoTime() + PAUSE_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Option<SyncLocks.Held> done = locks.tryLock(conduit.id());
                if (done.isDefined()) { // the sync has stopped and let go of the conduit
                    done.get().close();
                    conduits.clearStop(conduit.id());
                    return Either.right(conduit);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return Either.left(Failure.refused(conduit.describe() + " did not reach a safe point in "
                    + PAUSE_WAIT.toMinutes() + " minutes; it stops when it does (see conduit status)"));
        });
    }

    @Override
    public Either<Failure, SyncReport> sync(String ref, Options options, SyncListener listener) {
        Either<Failure, Conduit> found = ConduitRefs.find(conduits, ref);
        if (found.isLeft()) {
            return Either.left(found.getLeft());
        }
        Conduit conduit = found.get();
        if (!conduit.enabled()) {
            return Either.left(Failure.refused(
                    conduit.describe() + " is disabled (conduit enable " + conduit.id() + " to sync it)"));
        }
        Option<SyncLocks.Held> lock = locks.tryLock(conduit.id());
        if (lock.isEmpty()) {
            return Either.left(Failure.busy(conduit.describe()
                    + " is already syncing in another process (wait for it, or see conduit status)"));
        }
        try (SyncLocks.Held held = lock.get()) {
            return guarded(conduit, options, listener);
        }
    }

    private Either<Failure, SyncReport> guarded(Conduit conduit, Options options, SyncListener listener) {
        Instant started = clock.instant();
        history.closeInterrupted(conduit.id());
        jobLedger.closeInterrupted(conduit.id(), started);
        pendingTrash.settleHeld(conduit.id()); // trash records a killed sync left unconfirmed
        conduits.clearStop(conduit.id()); // a request left from before is not for this sync
        StopRequest stop = new StopRequest(conduits, conduit.id(), options.interrupted());
        Option<String> problem = roots.problem(conduit, options.force());
        if (problem.isDefined()) {
            conduits.update(conduit.paused(problem.get()));
            return Either.left(Failure.paused(problem.get()));
        }
        Conduit current = roots.accepted(conduit);
        java.util.List<EntryError> scanProblems = new java.util.ArrayList<>();
        Either<Failure, Indexes> refreshed = refresh(current, listener, scanProblems);
        if (refreshed.isLeft()) {
            return Either.left(refreshed.getLeft());
        }
        Indexes indexes = refreshed.get();
        if (isBidirectional(current)) {
            BidirectionalSync.Prepared prepared = bidirectional.prepare(indexes);
            PlanReport planned = prepared.count().report(current, options);
            if (planned.refusal().isDefined()) {
                return Either.left(Failure.refused(planned.refusal().get()));
            }
            return Either.right(
                    bidirectional.run(indexes, prepared, started, stop, listener, List.ofAll(scanProblems)));
        }
        MirrorSync.Prepared prepared = mirror.prepare(indexes);
        PlanReport planned = prepared.count().report(current, options);
        if (planned.refusal().isDefined()) {
            return Either.left(Failure.refused(planned.refusal().get()));
        }
        return Either.right(mirror.run(indexes, prepared, started, stop, listener, List.ofAll(scanProblems)));
    }

    /** Both indexes brought up to date with the conduit's ignore rules. */
    private Either<Failure, Indexes> refresh(
            Conduit conduit, SyncListener listener, java.util.List<EntryError> problems) {
        listener.phase("indexing", 0, 0);
        Either<Failure, IndexReport> source = index(conduit, conduit.source(), listener, problems);
        if (source.isLeft()) {
            return Either.left(source.getLeft());
        }
        Either<Failure, IndexReport> target = index(conduit, conduit.target(), listener, problems);
        if (target.isLeft()) {
            return Either.left(target.getLeft());
        }
        if (problems != null) { // a sync, not a plan: temporaries of killed copies go
            sweep(conduit.target(), target.get());
            if (isBidirectional(conduit)) {
                sweep(conduit.source(), source.get());
            }
        }
        return Either.right(new Indexes(
                conduit,
                new EndpointIndex(
                        store,
                        source.get().location().id(),
                        source.get().scope(),
                        source.get().location().traits()),
                new EndpointIndex(
                        store,
                        target.get().location().id(),
                        target.get().scope(),
                        target.get().location().traits())));
    }

    private void sweep(Endpoint endpoint, IndexReport report) {
        Seq<RelativePath> temporaries = report.temporaries()
                .filter(path -> report.scope().isRoot() || report.scope().isAncestorOf(path))
                .map(path -> path.relativeTo(report.scope()));
        if (!temporaries.isEmpty()) {
            copyJob.sweepTemporaries(Path.of(endpoint.root()), temporaries);
        }
    }

    private static boolean isBidirectional(Conduit conduit) {
        return conduit.settings().mode() == SyncMode.BIDIRECTIONAL;
    }

    private Either<Failure, IndexReport> index(
            Conduit conduit, Endpoint endpoint, SyncListener listener, java.util.List<EntryError> problems) {
        boolean sending = endpoint.equals(conduit.source());
        Endpoint other = sending ? conduit.target() : conduit.source();
        // The other root's .conduitignore files apply here too, folder by folder, on every side the conduit writes:
        // in a mirror a target-only path the source ignores is neither copied nor deleted, and in a bidirectional
        // sync a path ignored on one side only would look deleted there. A mirror's source is only read, and other
        // conduits may read it too: its index keeps to its own rules (ADR 0021).
        boolean writesHere = !sending || isBidirectional(conduit);
        IndexLocation.Command command = new IndexLocation.Command(
                Path.of(endpoint.root()),
                conduit.settings().ignorePatterns(),
                conduit.settings().readIgnoreFiles(),
                scanning(listener, endpoint),
                writesHere, // a mirror's new source file is hashed by its copy, once
                conduit.settings().readIgnoreFiles() && writesHere
                        ? Option.some(Path.of(other.root()))
                        : Option.none());
        return indexer.index(command)
                .mapLeft(failure -> Failure.paused(failure.describe()))
                .peek(report -> {
                    listener.scanned(report);
                    Side side = sending ? Side.SOURCE : Side.TARGET;
                    for (ScanProblem problem : report.problems()) {
                        if (problem.error()) {
                            EntryError error = new EntryError(side, problem.path(), problem.failure());
                            listener.error(error);
                            if (problems != null) {
                                problems.add(error);
                            }
                        }
                    }
                });
    }

    /**
     * A scan's progress as the sync's, at most once a second: entries examined (as files done) and bytes hashed, the
     * folder at hand; nothing is known of the totals yet. Only the caller hears it: the generation begins once the plan
     * is made, so {@code status} says "syncing" meanwhile.
     */
    private IndexListener scanning(SyncListener listener, Endpoint endpoint) {
        long[] last = {System.nanoTime()};
        return progress -> {
            long now = System.nanoTime();
            if (now - last[0] >= 1_000_000_000L) {
                last[0] = now;
                listener.progress(new SyncProgress(
                        "indexing",
                        progress.entriesSeen(),
                        0,
                        progress.bytesHashed(),
                        0,
                        0,
                        progress.currentPath().isEmpty()
                                ? endpoint.root()
                                : endpoint.root() + "/" + progress.currentPath(),
                        clock.instant()));
            }
        };
    }
}
