package dev.conduit.application.service;

import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.application.port.out.SyncLibrary;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Side;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;

/**
 * The sync use case: finds the conduit, takes its lock, and hands it to the {@link SyncPipeline}, which runs every
 * step of a sync through the library's ports and the endpoints' ports. It never copies or deletes a byte itself.
 * {@link #pause} asks a sync in another process to stop and waits until it lets go of the conduit.
 */
public final class SyncService implements SyncConduit {

    /** How long {@link #pause} waits for the running sync to reach a safe point. */
    static final Duration PAUSE_WAIT = Duration.ofMinutes(10);

    /** How often {@link #pause} looks whether the running sync has let go. */
    private static final Duration PAUSE_LOOK = Duration.ofMillis(100);

    private final ConduitRepository conduits;
    private final SyncLocks locks;
    private final Scheduler scheduler;
    private final Clock clock;
    private final SyncPipeline pipeline;
    private final SyncLibrary library;
    private final Endpoints endpoints;
    private final ScansBegun begun;

    /**
     * @param library   the library's ports a sync uses
     * @param endpoints the endpoints' ports: index, files, jobs and trash of each root
     * @param scheduler elapsed time, waiting and threads
     */
    public SyncService(SyncLibrary library, Endpoints endpoints, Scheduler scheduler, Clock clock) {
        // scans begun ahead are handed through the use case that makes conduits: with none shared, none is taken
        this(library, endpoints, scheduler, clock, new ScansBegun(scheduler));
    }

    /** The same, its syncs taking the scans {@code begun} ahead of them (ADR 0068). */
    public SyncService(SyncLibrary library, Endpoints endpoints, Scheduler scheduler, Clock clock, ScansBegun begun) {
        this.conduits = library.conduits();
        this.locks = library.locks();
        this.scheduler = scheduler;
        this.clock = clock;
        this.begun = begun;
        this.pipeline = new SyncPipeline(library, endpoints, scheduler, clock, begun);
        this.library = library;
        this.endpoints = endpoints;
    }

    /**
     * Runs {@code work} with a pipeline over the conduit's endpoints: a conduit with an endpoint on another host has its
     * host connected for this sync (or plan) only, and let go when it ends (ADR 0039); when the host cannot be
     * reached, nothing was looked at or changed.
     */
    private <T> Either<Failure, T> withEndpoints(
            Conduit conduit, java.util.function.Function<SyncPipeline, Either<Failure, T>> work) {
        return withEndpoints(conduit, true, work);
    }

    /** The same; {@code scans}: whether the work scans the roots (a plan from recorded indexes does not). */
    private <T> Either<Failure, T> withEndpoints(
            Conduit conduit, boolean scans, java.util.function.Function<SyncPipeline, Either<Failure, T>> work) {
        if (!conduit.source().isRemote() && !conduit.target().isRemote()) {
            return work.apply(pipeline);
        }
        return endpoints
                .connect(
                        io.vavr.collection.List.of(conduit.source(), conduit.target()),
                        conduit.settings().remote(),
                        scans ? scansAhead(conduit) : io.vavr.collection.List.empty())
                .flatMap(connected -> {
                    try (Endpoints.Connected held = connected) {
                        return work.apply(new SyncPipeline(library, held, scheduler, clock, begun));
                    }
                });
    }

    /**
     * The scans the exchange will ask of the conduit's remote roots, made by the very functions the exchange's request
     * is made by ({@link IndexRefresh#command}, {@link PeerIndexExchange#scan}), said at the connect so that the agent
     * can begin them at once (ADR 0055).
     */
    private static io.vavr.collection.Seq<PeerIndex.ScanAhead> scansAhead(Conduit conduit) {
        return io.vavr.collection.List.of(Side.SOURCE, Side.TARGET)
                .filter(side -> (side == Side.SOURCE ? conduit.source() : conduit.target()).isRemote())
                .map(side -> PeerIndex.ScanAhead.of(
                        PeerIndexExchange.scan(IndexRefresh.command(conduit, side, IndexListener.NONE))));
    }

    /**
     * A plan; while the conduit's own sync runs (in any process), from the indexes as that sync has recorded them:
     * scanning its roots meanwhile would cost what the sync costs, to show a state the sync is changing (ADR 0054).
     */
    @Override
    public Either<Failure, PlanReport> plan(PlanQuery query) {
        return ConduitRefs.find(conduits, query.ref()).flatMap(conduit -> {
            if (!locks.isLocked(conduit.id())) {
                return withEndpoints(conduit, connected -> connected.plan(conduit, query));
            }
            return withEndpoints(conduit, false, connected -> connected.plan(conduit, query.fromRecordedIndexes()))
                    .map(PlanReport::madeWhileSyncing);
        });
    }

    @Override
    public Either<Failure, SyncReport> sync(Command command) {
        return ConduitRefs.find(conduits, command.ref()).flatMap(conduit -> {
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
                return withEndpoints(conduit, connected -> connected.sync(conduit, command));
            }
        });
    }

    @Override
    public Either<Failure, Conduit> pause(String ref) {
        return ConduitRefs.find(conduits, ref).flatMap(conduit -> {
            Option<SyncLocks.Held> idle = locks.tryLock(conduit.id());
            if (idle.isDefined()) {
                idle.get().close();
                return Either.left(Failure.refused(conduit.describe() + " is not syncing: there is nothing to pause"));
            }
            conduits.requestStop(conduit.id(), clock.instant());
            if (stoppedWithin(conduit, PAUSE_WAIT)) {
                conduits.clearStop(conduit.id());
                return Either.right(conduit);
            }
            return Either.left(Failure.refused(conduit.describe() + " did not reach a safe point in "
                    + PAUSE_WAIT.toMinutes() + " minutes; it stops when it does (see conduit status)"));
        });
    }

    /** Whether the conduit's sync stopped and let go of the conduit within {@code wait}. */
    private boolean stoppedWithin(Conduit conduit, Duration wait) {
        long deadline = scheduler.nanoTime() + wait.toNanos();
        while (scheduler.nanoTime() < deadline) {
            Option<SyncLocks.Held> done = locks.tryLock(conduit.id());
            if (done.isDefined()) {
                done.get().close();
                return true;
            }
            try {
                scheduler.sleep(PAUSE_LOOK);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
