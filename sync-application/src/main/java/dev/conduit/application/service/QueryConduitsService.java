package dev.conduit.application.service;

import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.QueryConduits;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.ConflictLog;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.JobLedger;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Schedule;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.JobRecord;
import dev.conduit.domain.generation.SyncProgress;
import dev.conduit.domain.generation.Verification;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.plan.SyncTotals;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;

/** Status and history, read from the library; a conduit is syncing while some process holds its lock. */
public final class QueryConduitsService implements QueryConduits {

    private final ConduitRepository conduits;
    private final SyncHistory history;
    private final SyncLocks locks;
    private final LocationRepository locations;
    private final IndexStore store;
    private final TrashLedger ledger;
    private final ConflictLog conflicts;
    private final JobLedger jobs;
    private final Clock clock;

    public QueryConduitsService(
            ConduitRepository conduits,
            SyncHistory history,
            SyncLocks locks,
            LocationRepository locations,
            IndexStore store,
            TrashLedger ledger,
            ConflictLog conflicts,
            JobLedger jobs) {
        this(conduits, history, locks, locations, store, ledger, conflicts, jobs, Clock.systemUTC());
    }

    public QueryConduitsService(
            ConduitRepository conduits,
            SyncHistory history,
            SyncLocks locks,
            LocationRepository locations,
            IndexStore store,
            TrashLedger ledger,
            ConflictLog conflicts,
            JobLedger jobs,
            Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
        this.conduits = conduits;
        this.history = history;
        this.locks = locks;
        this.locations = locations;
        this.store = store;
        this.ledger = ledger;
        this.conflicts = conflicts;
    }

    @Override
    public Seq<Conduit> conduits() {
        return conduits.all();
    }

    @Override
    public Either<Failure, Conduit> conduit(String ref) {
        return ConduitRefs.find(conduits, ref);
    }

    @Override
    public Stats stats() {
        Seq<Conduit> all = conduits.all();
        Seq<SyncTotals> totals = all.map(conduit -> history.totals(conduit.id()));
        Seq<Location> indexed = locations.all();
        Seq<TrashedVersion> trashed = ledger.list(Option.none());
        return new Stats(
                all.size(),
                all.count(Conduit::enabled),
                all.count(Conduit::isPaused),
                totals.map(SyncTotals::syncs).sum().longValue(),
                totals.map(SyncTotals::filesSynced).sum().longValue(),
                totals.map(SyncTotals::bytesTransferred).sum().longValue(),
                indexed.size(),
                indexed.map(location -> store.count(location.id())).sum().longValue(),
                trashed.size(),
                trashed.map(TrashedVersion::size).sum().longValue(),
                history.finishedSince(clock.instant().minus(java.time.Duration.ofDays(1))),
                history.finishedSince(java.time.Instant.EPOCH));
    }

    @Override
    public Either<Failure, Seq<Status>> status(Option<String> ref) {
        Either<Failure, Seq<Conduit>> chosen = ref.isEmpty()
                ? Either.right(conduits.all())
                : ConduitRefs.find(conduits, ref.get()).map(List::of);
        return chosen.map(all -> all.map(this::statusOf));
    }

    @Override
    public Either<Failure, Seq<Generation>> history(String ref, int limit) {
        return ConduitRefs.find(conduits, ref).map(conduit -> {
            Seq<Generation> generations = history.generations(conduit.id(), limit);
            return locks.isLocked(conduit.id()) ? generations : generations.map(Generation::orphaned);
        });
    }

    /**
     * A conduit's status. With no process holding its lock, a generation still pending, and its jobs still running or
     * queued, were left by a process that died: they are shown as the next sync will record them (interrupted, failed,
     * cancelled), not as if they were under way.
     */
    private Status statusOf(Conduit conduit) {
        boolean syncing = locks.isLocked(conduit.id());
        Option<Generation> last = history.generations(conduit.id(), 1).headOption();
        Option<SyncProgress> progress = syncing
                ? last.filter(generation -> generation.verification().equals(Verification.PENDING))
                        .flatMap(generation -> history.progressOf(conduit.id(), generation.number()))
                : Option.none();
        Seq<JobRecord> lastJobs = last.map(generation -> jobs.jobs(conduit.id(), generation.number()))
                .getOrElse(List.empty());
        return new Status(
                conduit,
                syncing,
                progress,
                history.totals(conduit.id()),
                syncing ? last : last.map(Generation::orphaned),
                conflicts.countPending(conduit.id()),
                syncing ? lastJobs : lastJobs.map(JobRecord::orphaned),
                nextRun(conduit, history.totals(conduit.id()).lastCompletedAt()),
                false,
                Option.none(),
                Option.none());
    }

    /**
     * When the conduit's schedule runs it next, as a service would with no change seen yet; none for a conduit that
     * is disabled or paused (a service does not run those on its own).
     */
    private Option<java.time.Instant> nextRun(Conduit conduit, Option<java.time.Instant> lastCompleted) {
        if (!conduit.enabled() || conduit.isPaused()) {
            return Option.none();
        }
        return conduit.settings().schedule().nextRun(Schedule.Due.at(lastCompleted, clock.instant()));
    }
}
