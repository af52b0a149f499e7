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
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.DeletePolicy;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.sync.Generation;
import dev.conduit.domain.sync.GenerationCounts;
import dev.conduit.domain.sync.MirrorResolver;
import dev.conduit.domain.sync.Renames;
import dev.conduit.domain.sync.SyncAction;
import dev.conduit.domain.sync.SyncProgress;
import dev.conduit.domain.sync.Verification;
import io.vavr.collection.Iterator;
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

    public SyncService(ConduitRepository conduits, LocationRepository locations, IndexLocation indexer, IndexStore store,
                       FileTree tree, CopyJob copyJob, DeleteJob deleteJob, SyncHistory history, TrashLedger ledger,
                       SyncLocks locks, Clock clock) {
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
    }

    @Override
    public Either<Failure, PlanReport> plan(String ref, Consumer<SyncAction> actions, SyncListener listener) {
        return ConduitRefs.find(conduits, ref)
            .flatMap(conduit -> roots.problem(conduit, false).fold(
                () -> Either.<Failure, Conduit>right(conduit),
                problem -> Either.left(new Failure(Failure.Kind.PAUSED, problem))))
            .flatMap(conduit -> refresh(conduit, listener, null))
            .map(indexes -> {
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
        Prepared prepared = prepare(indexes);
        PlanCount count = prepared.count();
        Renames renames = prepared.renames();
        PlanReport planned = count.report(current, options);
        if (planned.refusal().isDefined()) {
            return Either.left(Failure.refused(planned.refusal().get()));
        }

        Generation generation = history.begin(current.id(), started);
        Progress progress = new Progress(current, generation, count);
        Outcomes outcomes = new Outcomes(indexes.source(), indexes.target(), ledger, listener, progress::tick);
        scanProblems.forEach(outcomes::error);
        JobOrder order = new JobOrder(Path.of(current.source().root()), Path.of(current.target().root()),
            current.settings().parallel(), current.settings().bandwidth(),
            current.settings().delete() == DeletePolicy.TRASH
                ? Option.some(new JobOrder.TrashBin(current.id(), generation.number(), Side.TARGET))
                : Option.none());

        if (count.actions > 0) {
            progress.phase("copying", listener, outcomes);
            run(indexes, (s, t) -> MirrorResolver.transfers(s, t).flatMap(renames::rewrite), true,
                actions -> copyJob.run(order, actions, outcomes));
            outcomes.flush();
            progress.phase("deleting", listener, outcomes);
            run(indexes, (s, t) -> MirrorResolver.deletes(s, t).map(SyncAction.Delete.class::cast), false,
                deletes -> deleteJob.run(order, deletes, outcomes));
            outcomes.flush();
            java.util.Set<RelativePath> replaced = outcomes.replacedDirectories();
            if (!replaced.isEmpty()) {                 // the deleted directories are gone from the index by now:
                run(indexes, (s, t) -> MirrorResolver.transfers(s, t)       // their files are plain copies
                    .filter(action -> replaced.contains(action.path())), true,
                    actions -> copyJob.run(order, actions, outcomes));
                outcomes.flush();
            }
            copyJob.finishDirectories(order.to(), finishedDirectories(indexes, outcomes.touchedDirectories()));
        }

        Verification verification = Verification.VERIFIED;
        if (count.actions > 0) {                         // nothing was done: nothing to verify, nothing to publish
            progress.phase("verifying", listener, outcomes);
            verification = verify(indexes);
        }
        GenerationCounts counts = outcomes.counts();
        Instant completed = clock.instant();
        Seq<String> problems = outcomes.problems();
        Option<String> lastError = problems.lastOption();
        history.finish(current.id(), generation.number(), completed, counts, verification, lastError);
        Generation done = new Generation(current.id(), generation.number(), started, Option.some(completed), counts,
            verification);
        return Either.right(new SyncReport(current, done, problems, Duration.between(started, completed)));
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
        EndpointIndex targetIndex = new EndpointIndex(store, target.get().location().id(), target.get().scope());
        Seq<RelativePath> temporaries = target.get().temporaries()
            .filter(path -> target.get().scope().isRoot() || target.get().scope().isAncestorOf(path))
            .map(path -> path.relativeTo(target.get().scope()));
        if (!temporaries.isEmpty() && problems != null) {
            copyJob.sweepTemporaries(Path.of(conduit.target().root()), temporaries);
        }
        return Either.right(new Indexes(conduit,
            new EndpointIndex(store, source.get().location().id(), source.get().scope()), targetIndex));
    }

    private Either<Failure, IndexReport> index(Conduit conduit, Endpoint endpoint, SyncListener listener,
                                               java.util.List<String> problems) {
        boolean sending = endpoint.equals(conduit.source());
        IndexLocation.Command command = new IndexLocation.Command(Path.of(endpoint.root()),
            conduit.settings().ignorePatterns(), conduit.settings().readIgnoreFiles(), IndexListener.NONE,
            !sending);                                      // a new source file is hashed by its copy, once
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

    /** What the plan amounts to, in one pass over the join applying every phase's rule (the order is not needed). */
    private PlanCount total(Indexes indexes, Renames renames) {
        PlanCount count = new PlanCount();
        run(indexes, MirrorResolver::everyPhase, true, stream -> stream.forEachRemaining(action -> {
            count.add(action);
            renames.offer(action);
        }));
        count.receivingFiles = indexes.target().countFiles();
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

    /** Both endpoints' indexes, refreshed. */
    private record Indexes(Conduit conduit, EndpointIndex source, EndpointIndex target) {
    }

    /** What a plan amounts to, counted in one pass. */
    private static final class PlanCount {
        long actions;
        long filesToCopy;
        long bytesToCopy;
        long deletes;
        long moves;
        long receivingFiles;

        void add(SyncAction action) {
            actions++;
            if (action instanceof SyncAction.Copy copy) {
                filesToCopy++;
                bytesToCopy += copy.wanted().stat().isFile() ? copy.wanted().stat().size() : 0;
            } else if (action instanceof SyncAction.Delete && !action.kind().equals(
                dev.conduit.domain.index.EntryKind.DIRECTORY)) {
                deletes++;
            }
        }

        /** A copy and a delete that became one move. */
        void paired(SyncAction.Move move) {
            actions--;
            filesToCopy--;
            bytesToCopy -= move.wanted().stat().size();
            deletes--;
            moves++;
        }

        PlanReport report(Conduit conduit, Options options) {
            Option<String> refusal = options.force() ? Option.none()
                : options.deleteLimit().refusal(deletes, receivingFiles);
            return new PlanReport(conduit, actions, filesToCopy, bytesToCopy, moves, deletes, receivingFiles, refusal);
        }
    }

    /** Publishes where the sync has got to, for {@code status} in other processes. */
    private final class Progress {
        private static final long EVERY_NANOS = 1_000_000_000L;

        private final Conduit conduit;
        private final Generation generation;
        private final PlanCount count;
        private String phase = "indexing";
        private long lastPublished = System.nanoTime();

        Progress(Conduit conduit, Generation generation, PlanCount count) {
            this.conduit = conduit;
            this.generation = generation;
            this.count = count;
        }

        void phase(String next, SyncListener listener, Outcomes outcomes) {
            listener.phase(next, count.filesToCopy, count.bytesToCopy);
            synchronized (this) {
                phase = next;
                publish(outcomes);
            }
        }

        /** Called as actions complete; writes at most once a second. */
        void tick(Outcomes outcomes) {
            synchronized (this) {
                if (System.nanoTime() - lastPublished >= EVERY_NANOS) {
                    publish(outcomes);
                }
            }
        }

        private void publish(Outcomes outcomes) {
            lastPublished = System.nanoTime();
            GenerationCounts done = outcomes.counts();
            history.progress(conduit.id(), generation.number(), new SyncProgress(phase, done.filesCopied(),
                count.filesToCopy, done.bytesTransferred(), count.bytesToCopy, clock.instant()));
        }
    }
}
