package dev.conduit.application.service;

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
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.SyncMode;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.ReservedNames;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.sync.Direction;
import dev.conduit.domain.sync.Generation;
import dev.conduit.domain.sync.GenerationCounts;
import dev.conduit.domain.sync.MirrorResolver;
import dev.conduit.domain.sync.Renames;
import dev.conduit.domain.sync.SyncAction;
import dev.conduit.domain.sync.SyncProgress;
import dev.conduit.domain.sync.Verification;
import io.vavr.collection.Iterator;
import io.vavr.Tuple;
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
 * Orchestrates a sync: guards the roots, refreshes both indexes, resolves the plan from them, dispatches the copy job
 * and then the delete job, keeps the receiving index up to date with what they did, verifies by resolving again, and
 * records the generation. It never copies or deletes a byte itself.
 *
 * <p>The plan is never held whole: each phase is resolved as a stream over the two indexes when it runs, so a sync
 * of a million entries needs the memory of a few.
 */
public final class SyncService implements SyncConduit {

    private final ConduitRepository conduits;
    private final IndexLocation indexer;
    private final IndexStore store;
    private final CopyJob copyJob;
    private final DeleteJob deleteJob;
    private final SyncHistory history;
    private final TrashLedger ledger;
    private final SyncLocks locks;
    private final Clock clock;
    private final RootGuard roots;
    private final FileTree tree;
    private final BidirectionalSync bidirectional;
    private final JobLedger jobLedger;
    private final JobRuns jobs;

    public SyncService(ConduitRepository conduits, LocationRepository locations, IndexLocation indexer, IndexStore store,
                       FileTree tree, CopyJob copyJob, DeleteJob deleteJob, SyncHistory history, TrashLedger ledger,
                       SyncLocks locks, Baselines baselines, ConflictLog conflicts, JobLedger jobs, Clock clock) {
        this.conduits = conduits;
        this.indexer = indexer;
        this.store = store;
        this.copyJob = copyJob;
        this.deleteJob = deleteJob;
        this.history = history;
        this.ledger = ledger;
        this.locks = locks;
        this.clock = clock;
        this.roots = new RootGuard(conduits, locations, store, tree);
        this.tree = tree;
        this.jobLedger = jobs;
        this.jobs = new JobRuns(jobs, clock);
        this.bidirectional = new BidirectionalSync(store, baselines, conflicts, copyJob, deleteJob, history, ledger,
            jobs, this.jobs, clock);
    }

    @Override
    public Either<Failure, PlanReport> plan(String ref, Consumer<SyncAction> actions, SyncListener listener) {
        return ConduitRefs.find(conduits, ref)
            .flatMap(conduit -> roots.problem(conduit, false).fold(
                () -> Either.<Failure, Conduit>right(conduit),
                problem -> Either.left(new Failure(Failure.Kind.PAUSED, problem))))
            .flatMap(conduit -> refresh(conduit, listener, null))
            .map(indexes -> {
                if (isBidirectional(indexes.conduit())) {
                    return bidirectional.plan(indexes, actions, listener);
                }
                Prepared prepared = prepare(indexes);
                Renames renames = prepared.renames();
                run(indexes, (s, t) -> MirrorResolver.transfers(s, t).flatMap(renames::rewrite), true,
                    stream -> stream.forEachRemaining(actions));
                run(indexes, (s, t) -> MirrorResolver.deletes(s, t).flatMap(renames::rewrite), false,
                    stream -> stream.forEachRemaining(actions));
                run(indexes, MirrorResolver::replacements, true, stream -> stream.forEachRemaining(actions));
                return prepared.count().report(indexes.conduit(), SyncConduit.Options.DEFAULT);
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
                if (done.isDefined()) {                 // the sync has stopped and let go of the conduit
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
            return Either.left(Failure.refused(conduit.describe() + " is disabled (conduit enable "
                + conduit.id() + " to sync it)"));
        }
        Option<SyncLocks.Held> lock = locks.tryLock(conduit.id());
        if (lock.isEmpty()) {
            return Either.left(new Failure(Failure.Kind.BUSY, conduit.describe()
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
        conduits.clearStop(conduit.id());                   // a request left from before is not for this sync
        StopRequest stop = new StopRequest(conduits, conduit.id(), options.interrupted());
        Option<String> problem = roots.problem(conduit, options.force());
        if (problem.isDefined()) {
            conduits.update(conduit.paused(problem.get()));
            return Either.left(new Failure(Failure.Kind.PAUSED, problem.get()));
        }
        Conduit current = roots.accepted(conduit);
        java.util.List<String> scanProblems = new java.util.ArrayList<>();
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
            return Either.right(bidirectional.run(indexes, prepared, started, stop, listener,
                List.ofAll(scanProblems)));
        }
        Prepared prepared = prepare(indexes);
        PlanCount count = prepared.count();
        Renames renames = prepared.renames();
        PlanReport planned = count.report(current, options);
        if (planned.refusal().isDefined()) {
            return Either.left(Failure.refused(planned.refusal().get()));
        }

        Generation generation = history.begin(current.id(), started);
        Progress progress = new Progress(history, listener, clock, current, generation, count);
        try {
            Outcomes outcomes = progress.track(new Outcomes(indexes.source(), indexes.target(), ledger, jobLedger,
                listener, progress::tick));
            scanProblems.forEach(outcomes::error);
            JobOrder order = JobRuns.order(current, generation, Direction.SOURCE_TO_TARGET, stop);

            if (count.actions > 0) {
                JobRuns.Planned queued = jobs.plan(current.id(), generation, stop, List.of(
                    Tuple.of("copy", Direction.SOURCE_TO_TARGET), Tuple.of("delete", Direction.SOURCE_TO_TARGET)));
                progress.phase("copying");
                queued.run(outcomes, "copy", Direction.SOURCE_TO_TARGET,
                    () -> run(indexes, (s, t) -> MirrorResolver.transfers(s, t).flatMap(renames::rewrite), true,
                        actions -> copyJob.run(order, actions, outcomes)));
                if (!stop.getAsBoolean()) {                // asked to stop: no deletes until every copy is made
                    progress.phase("deleting");
                    queued.run(outcomes, "delete", Direction.SOURCE_TO_TARGET,
                        () -> run(indexes, (s, t) -> MirrorResolver.deletes(s, t).map(SyncAction.Delete.class::cast),
                            false, deletes -> deleteJob.run(order, deletes, outcomes)));
                }
                java.util.Set<RelativePath> replaced = outcomes.replacedDirectories();
                if (!replaced.isEmpty() && !stop.getAsBoolean()) {   // the deleted directories are gone from the index:
                    queued.run(outcomes, "copy", Direction.SOURCE_TO_TARGET,
                        () -> run(indexes, (s, t) -> MirrorResolver.transfers(s, t)   // their files are plain copies
                            .filter(action -> replaced.contains(action.path())), true,
                            actions -> copyJob.run(order, actions, outcomes)));
                }
                queued.cancelRest();
                copyJob.finishDirectories(order.to(), finishedDirectories(indexes, outcomes.touchedDirectories()));
            }

            Verification verification = Verification.VERIFIED;
            if (stop.getAsBoolean()) {
                verification = Verification.PAUSED;
            } else if (count.actions > 0) {                  // nothing was done: nothing to verify, nothing to publish
                progress.phase("verifying");
                verification = verify(indexes);
            }
            progress.close();                                // no snapshot after the generation is closed
            GenerationCounts counts = outcomes.counts();
            Instant completed = clock.instant();
            Seq<String> problems = outcomes.problems();
            Option<String> lastError = problems.lastOption();
            history.finish(current.id(), generation.number(), completed, counts, verification, lastError,
                java.util.Collections.emptyIterator());
            Generation done = generation.finished(completed, counts, verification);
            return Either.right(new SyncReport(current, done, problems, Duration.between(started, completed), 0,
                stop.getAsBoolean()));
        } finally {
            progress.close();
        }
    }

    /** Both indexes brought up to date with the conduit's ignore rules. */
    private Either<Failure, Indexes> refresh(Conduit conduit, SyncListener listener,
                                             java.util.List<String> problems) {
        listener.phase("indexing", 0, 0);
        Either<Failure, IndexReport> source = index(conduit, conduit.source(), listener, problems);
        if (source.isLeft()) {
            return Either.left(source.getLeft());
        }
        Either<Failure, IndexReport> target = index(conduit, conduit.target(), listener, problems);
        if (target.isLeft()) {
            return Either.left(target.getLeft());
        }
        if (problems != null) {                          // a sync, not a plan: temporaries of killed copies go
            sweep(conduit.target(), target.get());
            if (isBidirectional(conduit)) {
                sweep(conduit.source(), source.get());
            }
        }
        return Either.right(new Indexes(conduit,
            new EndpointIndex(store, source.get().location().id(), source.get().scope()),
            new EndpointIndex(store, target.get().location().id(), target.get().scope())));
    }

    private void sweep(Endpoint endpoint, IndexReport report) {
        Seq<RelativePath> temporaries = report.temporaries()
            .filter(path -> report.scope().isRoot() || report.scope().isAncestorOf(path))
            .map(path -> path.relativeTo(report.scope()));
        if (!temporaries.isEmpty()) {
            copyJob.sweepTemporaries(Path.of(endpoint.root()), temporaries);
        }
    }

    /**
     * The conduit's ignore patterns; for a bidirectional conduit also those of the other root's {@code .conduitignore}
     * (each root's own applies anyway): both sides must ignore the same paths, or a path ignored on one side only
     * would look deleted there.
     */
    private Seq<String> patterns(Conduit conduit, Endpoint other) {
        Seq<String> patterns = conduit.settings().ignorePatterns();
        if (!isBidirectional(conduit) || !conduit.settings().readIgnoreFiles()) {
            return patterns;
        }
        return tree.readLines(Path.of(other.root()), RelativePath.parse(ReservedNames.IGNORE_FILE).get())
            .map(lines -> lines.getOrElse(List.empty()))
            .getOrElse(List.empty())
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .prependAll(patterns);
    }

    private static boolean isBidirectional(Conduit conduit) {
        return conduit.settings().mode() == SyncMode.BIDIRECTIONAL;
    }

    private Either<Failure, IndexReport> index(Conduit conduit, Endpoint endpoint, SyncListener listener,
                                               java.util.List<String> problems) {
        boolean sending = endpoint.equals(conduit.source());
        IndexLocation.Command command = new IndexLocation.Command(Path.of(endpoint.root()),
            patterns(conduit, sending ? conduit.target() : conduit.source()), conduit.settings().readIgnoreFiles(),
            scanning(listener, endpoint),
            !sending || isBidirectional(conduit));     // a mirror's new source file is hashed by its copy, once
        return indexer.index(command)
            .mapLeft(failure -> new Failure(Failure.Kind.PAUSED, failure.describe()))
            .peek(report -> {
                listener.scanned(report);
                if (problems != null) {
                    for (ScanProblem problem : report.problems()) {
                        if (problem.error()) {
                            problems.add("index " + report.location().root() + "/" + problem.path() + ": "
                                + problem.reason());
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
                listener.progress(new SyncProgress("indexing", progress.entriesSeen(), 0, progress.bytesHashed(), 0,
                    0, progress.currentPath().isEmpty() ? endpoint.root() : endpoint.root() + "/"
                    + progress.currentPath(), clock.instant()));
            }
        };
    }

    /** What the plan amounts to, in one pass over the join applying every phase's rule (the order is not needed). */
    private PlanCount total(Indexes indexes, Renames renames) {
        PlanCount count = new PlanCount();
        run(indexes, MirrorResolver::everyPhase, true, stream -> stream.forEachRemaining(action -> {
            count.add(action);
            renames.offer(action);
        }));
        count.targetFiles = indexes.target().countFiles();
        return count;
    }

    /**
     * The plan's totals and its renames: when the receiving side has files the sending side lacks, one more pass over
     * the transfers pairs them with new files (in plan order), and the totals count each pair as one move.
     */
    private Prepared prepare(Indexes indexes) {
        Renames renames = new Renames();
        PlanCount count = total(indexes, renames);
        if (!renames.isEmpty() && count.filesToCopy > 0) {
            run(indexes, MirrorResolver::transfers, true,
                stream -> stream.forEachRemaining(action -> renames.claim(action).forEach(count::paired)));
            renames.pairFolders().forEach(count::movedFolder);
        }
        return new Prepared(count, renames);
    }

    private record Prepared(PlanCount count, Renames renames) {
    }

    private Verification verify(Indexes indexes) {
        PlanCount left = total(indexes, new Renames());
        return left.actions == 0 ? Verification.VERIFIED
            : new Verification.Failed(left.actions + (left.actions == 1 ? " action" : " actions") + " left");
    }

    /** Streams one phase from fresh cursors over both indexes, closing them after. */
    private static <A> void run(Indexes indexes,
                                java.util.function.BiFunction<java.util.Iterator<IndexEntry>,
                                    java.util.Iterator<IndexEntry>, Iterator<A>> phase,
                                boolean ascending, Consumer<java.util.Iterator<A>> consumer) {
        try (IndexStore.EntryCursor source = ascending ? indexes.source().ascending() : indexes.source().descending();
             IndexStore.EntryCursor target = ascending ? indexes.target().ascending() : indexes.target().descending()) {
            consumer.accept(phase.apply(source, target));
        }
    }

    private Seq<CopyJob.FinishedDirectory> finishedDirectories(Indexes indexes, Seq<RelativePath> directories) {
        EndpointIndex source = indexes.source();
        return directories.flatMap(directory -> store.entry(source.location(), source.inLocation(directory))
            .filter(IndexEntry::isDirectory)
            .map(entry -> new CopyJob.FinishedDirectory(directory, entry.stat().mode(), entry.stat().mtimeNanos())));
    }

}
