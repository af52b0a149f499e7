package dev.conduit.application.service;

import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.LiveIndex;
import dev.conduit.application.port.in.RunService;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.application.port.out.FileWatcher;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.application.port.out.SyncLibrary;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.Roots;
import dev.conduit.domain.conduit.Side;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service while it runs. A tick (a fraction of the quiet period) re-reads the conduits, watches the roots of the
 * enabled ones that are not paused, and hands a conduit to a worker when its roots have events that have been quiet
 * for the quiet period, or its schedule makes it due: the worker applies the events to the index ({@link LiveIndexer})
 * and then syncs when due. At most one piece of work per conduit; at most {@code maxParallel} at once.
 */
final class LiveService implements RunService.Running {

    /** How often the conduits are read again from the library (another process adds, edits, pauses them). */
    private static final Duration REREAD = Duration.ofSeconds(1);

    /** How long {@link #close} waits for syncs under way to reach a safe point. */
    private static final Duration STOP_WAIT = Duration.ofMinutes(10);
    /** How long a sync asked for waits for the service to bring the conduit's index up to date. */
    private static final Duration INDEX_PATIENCE = Duration.ofMinutes(2);

    private final RunService.Options options;
    private final SyncConduit sync;
    private final SyncLibrary library;
    private final LiveIndexer indexer;
    private final Watching watching;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Map<String, WatchedRoot> roots = new ConcurrentHashMap<>();
    private final Map<ConduitId, ConduitRun> runs = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private final ExecutorService workers;
    private volatile Seq<Conduit> enabled = List.empty();
    private volatile boolean closed;
    private volatile Scheduler.Repeating ticker = () -> {};
    /** When the conduits were last read from the library (by the scheduler's ticker); read again each second. */
    private volatile long lastRead;
    /** The conduits must be read again at the next tick: never read yet, or the service paused or synced one. */
    private volatile boolean reread = true;

    LiveService(
            RunService.Options options,
            SyncConduit sync,
            SyncLibrary library,
            LiveIndexer indexer,
            Watching watching,
            Scheduler scheduler,
            Clock clock) {
        this.options = options;
        this.sync = sync;
        this.library = library;
        this.indexer = indexer;
        this.watching = watching;
        this.scheduler = scheduler;
        this.clock = clock;
        this.workers = scheduler.workers("conduit-service", options.maxParallel());
    }

    /** Makes a watched root, and starts its watch. */
    record Watching(FileWatcher watcher, Scheduler scheduler, Clock clock, Duration pollEvery) {

        WatchedRoot watch(String root) {
            WatchedRoot watched = new WatchedRoot(root, scheduler, clock, pollEvery);
            watched.watching(watcher.watch(Path.of(root), watched));
            return watched;
        }
    }

    void start() {
        tick();
        ticker = scheduler.repeat("conduit-service-tick", tickPeriod(options.quietPeriod()), this::tick);
    }

    /** A quarter of the quiet period, between 10 ms and half a second. */
    static Duration tickPeriod(Duration quiet) {
        Duration quarter = quiet.dividedBy(4);
        Duration floor = Duration.ofMillis(10);
        Duration ceiling = Duration.ofMillis(500);
        return quarter.compareTo(floor) < 0 ? floor : quarter.compareTo(ceiling) > 0 ? ceiling : quarter;
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            Seq<Conduit> now = enabled;
            if (reread || scheduler.nanoTime() - lastRead >= REREAD.toNanos()) { // added, edited, paused meanwhile
                reread = false;
                now = library.conduits().all().filter(Conduit::enabled);
                enabled = now;
                lastRead = scheduler.nanoTime();
                watchRootsOf(now.filter(conduit -> !conduit.isPaused()));
            }
            now.forEach(this::consider);
        } catch (RuntimeException failed) {
            // the library busy or gone for a moment: the next tick tries again
        }
    }

    /** Watches every root of these conduits on this machine, and no other: a remote one is scanned at each sync. */
    private void watchRootsOf(Seq<Conduit> watched) {
        Set<String> wanted = watched.flatMap(LiveService::localRoots).toSet();
        wanted.filter(root -> !roots.containsKey(root)).forEach(root -> roots.put(root, watching.watch(root)));
        List.ofAll(roots.keySet())
                .filter(root -> !wanted.contains(root))
                .forEach(root -> roots.remove(root).close());
    }

    /** Hands the conduit to a worker when its roots have quiet events or its schedule makes it due. */
    private void consider(Conduit conduit) {
        ConduitRun run = runs.computeIfAbsent(
                conduit.id(),
                id -> new ConduitRun(conduit, library.history().totals(id).lastCompletedAt()));
        run.update(conduit);
        if (conduit.isPaused() || run.isBusy()) {
            return;
        }
        boolean indexDue = rootsOf(conduit).exists(root -> root.isDue(options.quietPeriod()));
        boolean syncDue = conduit.settings().schedule().isDue(run.due(options.quietPeriod(), clock.instant()));
        if (!(indexDue || syncDue) || active.get() >= options.maxParallel() || !run.take()) {
            return;
        }
        active.incrementAndGet();
        try {
            workers.execute(() -> work(run));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            active.decrementAndGet();
            run.release();
        }
    }

    /** The roots of the conduit's endpoints on this machine (ADR 0039: a remote endpoint is never watched). */
    private static Seq<String> localRoots(Conduit conduit) {
        return List.of(conduit.source(), conduit.target())
                .filter(endpoint -> !endpoint.isRemote())
                .map(Endpoint::root);
    }

    private Seq<WatchedRoot> rootsOf(Conduit conduit) {
        return localRoots(conduit).distinct().flatMap(root -> io.vavr.control.Option.of(roots.get(root)));
    }

    /** On a worker: what changed into the index, then the sync if the schedule makes it due. */
    private void work(ConduitRun run) {
        try {
            if (applyAll(run) && !closed) {
                Conduit conduit = run.conduit();
                if (conduit.settings().schedule().isDue(run.due(options.quietPeriod(), clock.instant()))) {
                    syncNow(run, SyncConduit.Options.DEFAULT, SyncListener.NONE);
                }
            }
        } catch (RuntimeException failed) {
            // a library error: the conduit is considered again at the next tick
        } finally {
            run.release();
            active.decrementAndGet();
        }
    }

    /** Applies what waits under both roots; false when the conduit was paused or a root could not be read. */
    private boolean applyAll(ConduitRun run) {
        return apply(run, Side.SOURCE) && apply(run, Side.TARGET);
    }

    /** Applies what waits under one root (none when it is not watched here); false as {@link #applyAll} says. */
    private boolean apply(ConduitRun run, Side side) {
        Conduit conduit = run.conduit();
        Endpoint endpoint = side == Side.SOURCE ? conduit.source() : conduit.target();
        WatchedRoot root = endpoint.isRemote() ? null : roots.get(endpoint.root());
        if (root == null) {
            return true;
        }
        switch (indexer.apply(conduit, side, root)) {
            case CHANGED -> changedUnder(root);
            case NOTHING -> {}
            case PAUSED, FAILED -> {
                reread = true;
                if (root.isGone() && roots.remove(endpoint.root(), root)) {
                    root.close(); // watched again, and scanned whole, at a next tick
                }
                return false;
            }
        }
        return true;
    }

    /** Every conduit with this root hears of the change, as seen when its last event came. */
    private void changedUnder(WatchedRoot root) {
        java.time.Instant at = root.lastEvent().getOrElse(clock::instant);
        enabled.filter(conduit -> localRoots(conduit).contains(root.root())).forEach(conduit -> {
            ConduitRun run = runs.get(conduit.id());
            if (run != null) {
                run.changed(at);
            }
        });
    }

    /** One sync of the conduit, the run taken: from the live index where it is, stopped when the service closes. */
    private Either<Failure, SyncReport> syncNow(ConduitRun run, SyncConduit.Options given, SyncListener listener) {
        java.time.Instant started = clock.instant();
        SyncConduit.Options options = given.alsoInterruptedBy(() -> closed).withLive(live(run));
        run.syncing(true);
        try {
            return sync.sync(new SyncConduit.Command(run.conduit().id().toString(), options, listener));
        } finally {
            run.synced(started, clock.instant());
            run.syncing(false);
            reread = true; // a sync resumes a paused conduit, or pauses one whose root went
        }
    }

    /**
     * The roots of this conduit whose index is live: watched, every event applied, nothing missed, not shared with
     * another conduit (whose ignore rules may differ), and the conduit synced once since the start (a first sync
     * scans, and sweeps what a killed process left).
     */
    private LiveIndex live(ConduitRun run) {
        ConduitId id = run.conduit().id();
        return new LiveIndex() {
            @Override
            public boolean isLive(Endpoint endpoint) {
                WatchedRoot root = endpoint.isRemote() ? null : roots.get(endpoint.root());
                return root != null
                        && run.hasSyncedOnce()
                        && !root.isStale()
                        && root.freshness().isLive()
                        && enabled.forAll(other -> other.id().equals(id)
                                || !overlaps(other.source(), endpoint) && !overlaps(other.target(), endpoint));
            }

            /** The events seen under the root applied first (the sync's scan slot, beside the other root's scan). */
            @Override
            public boolean catchUp(Endpoint endpoint) {
                Conduit conduit = run.conduit();
                boolean applied = run.hasSyncedOnce()
                        && (!endpoint.equals(conduit.source()) || apply(run, Side.SOURCE))
                        && (!endpoint.equals(conduit.target()) || apply(run, Side.TARGET));
                return applied && isLive(endpoint);
            }
        };
    }

    private static boolean overlaps(Endpoint one, Endpoint other) {
        return one.host().equals(other.host())
                && (Roots.isWithin(one.root(), other.root()) || Roots.isWithin(other.root(), one.root()));
    }

    private static boolean takeForSync(ConduitRun run) {
        try {
            return run.takeForSync(INDEX_PATIENCE.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Either<Failure, SyncReport> sync(SyncConduit.Command command) {
        return ConduitRefs.find(library.conduits(), command.ref()).flatMap(conduit -> {
            ConduitRun run = runs.computeIfAbsent(
                    conduit.id(),
                    id -> new ConduitRun(conduit, library.history().totals(id).lastCompletedAt()));
            run.update(conduit);
            if (!takeForSync(run)) {
                return Either.left(Failure.busy(conduit.describe()
                        + " is already syncing in the service (wait for it, or see conduit status)"));
            }
            try { // the events waiting under its roots are applied in the sync, in place of their scans
                return syncNow(run, command.options(), command.listener());
            } finally {
                run.release();
            }
        });
    }

    @Override
    public Seq<RunService.ConduitState> state() {
        java.time.Instant now = clock.instant();
        return enabled.map(conduit -> {
            ConduitRun run = runs.get(conduit.id());
            return new RunService.ConduitState(
                    conduit.id(),
                    conduit.name().value(),
                    conduit.settings().schedule(),
                    conduit.isPaused() || run == null
                            ? io.vavr.control.Option.none()
                            : conduit.settings().schedule().nextRun(run.due(options.quietPeriod(), now)),
                    freshness(conduit, conduit.source()),
                    freshness(conduit, conduit.target()),
                    run != null && run.isSyncing(),
                    run != null && run.isBusy(),
                    scans(conduit, run));
        });
    }

    /** Why the next sync of the conduit scans its roots even while they are watched (as {@link #live} decides). */
    private io.vavr.control.Option<String> scans(Conduit conduit, ConduitRun run) {
        if (run == null || !run.hasSyncedOnce()) {
            return io.vavr.control.Option.some(RunService.ConduitState.FIRST_SYNC_SCANS);
        }
        boolean shared = enabled.exists(other -> !other.id().equals(conduit.id())
                && List.of(conduit.source(), conduit.target())
                        .exists(endpoint -> overlaps(other.source(), endpoint) || overlaps(other.target(), endpoint)));
        return shared
                ? io.vavr.control.Option.some(RunService.ConduitState.SHARED_ROOT_SCANS)
                : io.vavr.control.Option.none();
    }

    private RunService.Freshness freshness(Conduit conduit, Endpoint endpoint) {
        if (conduit.isPaused()) {
            return new RunService.Freshness.NotWatched(
                    "paused: " + conduit.pausedBecause().get());
        }
        if (endpoint.isRemote()) {
            return new RunService.Freshness.NotWatched("remote (" + endpoint.written() + "): scanned at each sync");
        }
        WatchedRoot root = roots.get(endpoint.root());
        return root == null ? new RunService.Freshness.NotWatched("not watched yet") : root.freshness();
    }

    @Override
    public void close() {
        closed = true;
        ticker.close();
        workers.shutdown();
        try {
            workers.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        List.ofAll(roots.values()).forEach(WatchedRoot::close);
        roots.clear();
    }
}
