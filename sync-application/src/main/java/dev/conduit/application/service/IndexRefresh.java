package dev.conduit.application.service;

import dev.conduit.application.port.in.EntryError;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.in.LiveIndex;
import dev.conduit.application.port.in.PeerIgnoreFiles;
import dev.conduit.application.port.in.ScanProblem;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncPhase;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.conduit.SyncMode;
import dev.conduit.domain.generation.SyncProgress;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The pipeline's second step: both endpoints' indexes brought up to date with the conduit's ignore rules, each by its
 * endpoint. Before a sync (not a plan) the temporaries of killed copies are swept from the sides the sync writes.
 */
final class IndexRefresh {

    /** Why the indexes are refreshed: a plan only looks, a sync also sweeps and keeps the scans' errors. */
    enum Purpose {
        PLAN,
        SYNC
    }

    /** Both indexes, fresh, and the entries their scans could not read (reported as the sync's errors). */
    record Refreshed(Indexes indexes, Seq<EntryError> problems) {}

    private final Endpoints endpoints;
    private final LocationRepository locations;
    private final IndexStore store;
    private final Scheduler scheduler;
    private final Clock clock;
    private final ScansBegun begun;

    IndexRefresh(
            Endpoints endpoints,
            LocationRepository locations,
            IndexStore store,
            Scheduler scheduler,
            Clock clock,
            ScansBegun begun) {
        this.endpoints = endpoints;
        this.locations = locations;
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.begun = begun;
    }

    Either<Failure, Refreshed> refresh(Conduit conduit, Purpose purpose, SyncListener listener) {
        return refresh(conduit, purpose, listener, LiveIndex.NONE);
    }

    /**
     * The same, taking the index of each root that {@code live} keeps live as it is: that root is not scanned. The
     * roots that are scanned are scanned at once, the source on a thread of its own (two file systems, or two parts of
     * one, and the library's writes serialised by it): a sync waits for the slower scan, not for their sum. What they
     * found is told to the listener in the sides' order, the source's first.
     */
    Either<Failure, Refreshed> refresh(Conduit conduit, Purpose purpose, SyncListener listener, LiveIndex live) {
        try {
            return scanBoth(conduit, purpose, listener, live);
        } finally {
            if (purpose == Purpose.SYNC) {
                begun.forget(conduit.id()); // taken by this sync or by none: never by a later one (ADR 0068)
            }
        }
    }

    private Either<Failure, Refreshed> scanBoth(
            Conduit conduit, Purpose purpose, SyncListener listener, LiveIndex live) {
        listener.phase(SyncPhase.INDEXING, 0, 0);
        if (conduit.source().isRemote() || conduit.target().isRemote()) {
            return remoteFirst(conduit, purpose, listener, live);
        }
        ExecutorService aside = scheduler.workers("conduit-scan-source", 1);
        try {
            Future<Either<IndexFailure, Option<IndexReport>>> source =
                    aside.submit(() -> scan(conduit, Side.SOURCE, purpose, listener, live, Option.none()));
            Either<IndexFailure, Option<IndexReport>> target =
                    scan(conduit, Side.TARGET, purpose, listener, live, Option.none());
            return refreshed(conduit, purpose, listener, awaitScan(source), target);
        } finally {
            aside.shutdownNow();
        }
    }

    /**
     * Library sync first (ADR 0039): the remote side's copy is brought up to date from its peer before the local side
     * is scanned, so the local scan applies the remote root's ignore files as they are now, and no decision is made
     * from a copy older than this sync. A local side that takes no rules from the remote one (a mirror's source) is
     * scanned meanwhile, on a thread of its own: the sync waits for the slower of the two, not for their sum (ADR 0048).
     */
    private Either<Failure, Refreshed> remoteFirst(
            Conduit conduit, Purpose purpose, SyncListener listener, LiveIndex live) {
        Side remote = conduit.source().isRemote() ? Side.SOURCE : Side.TARGET;
        Side local = remote == Side.SOURCE ? Side.TARGET : Side.SOURCE;
        Endpoint here = local == Side.SOURCE ? conduit.source() : conduit.target();
        Option<Long> before = locations.findEnclosing(here).map(location -> store.journalPosition(location.id()));
        boolean alongside = command(conduit, local, listener).peerIgnore().isEmpty();
        ExecutorService aside = alongside ? scheduler.workers("conduit-scan-local", 1) : null;
        try {
            Future<Either<IndexFailure, Option<IndexReport>>> meanwhile =
                    alongside ? aside.submit(() -> scan(conduit, local, purpose, listener, live, Option.none())) : null;
            Either<IndexFailure, Option<IndexReport>> first =
                    scan(conduit, remote, purpose, listener, live, Option.none());
            if (first.isLeft()) { // nothing local is scanned (or what was is not used): the sync stops here
                if (meanwhile != null) {
                    awaitQuietly(meanwhile);
                }
                return refreshed(conduit, purpose, listener, first, first);
            }
            Option<PeerIgnoreFiles> rules = first.get().flatMap(IndexReport::ignoreFiles);
            Either<IndexFailure, Option<IndexReport>> second =
                    meanwhile != null ? awaitScan(meanwhile) : scan(conduit, local, purpose, listener, live, rules);
            if (command(conduit, remote, listener).peerIgnore().isDefined()
                    && second.exists(report -> report.exists(scanned -> ignoreFilesChanged(scanned, before)))) {
                // this root's rules changed: entries of the copy they now let in or keep out were not streamed again
                first.get()
                        .forEach(
                                copy -> locations.forgetExchange(copy.location().id()));
                first = scan(conduit, remote, purpose, listener, live, Option.none());
            }
            return remote == Side.SOURCE
                    ? refreshed(conduit, purpose, listener, first, second)
                    : refreshed(conduit, purpose, listener, second, first);
        } finally {
            if (aside != null) {
                aside.shutdownNow();
            }
        }
    }

    /** Waits for a scan whose result is not used (the sync stops): it ends before the sync reports. */
    private static void awaitQuietly(Future<?> scan) {
        try {
            scan.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException failed) {
            // the sync stops for the other side's reason
        }
    }

    private Either<Failure, Refreshed> refreshed(
            Conduit conduit,
            Purpose purpose,
            SyncListener listener,
            Either<IndexFailure, Option<IndexReport>> sourceScan,
            Either<IndexFailure, Option<IndexReport>> targetScan) {
        return scanned(conduit.source(), Side.SOURCE, sourceScan, listener)
                .flatMap(source -> scanned(conduit.target(), Side.TARGET, targetScan, listener)
                        .map(target -> {
                            if (purpose == Purpose.SYNC) { // temporaries of killed copies go
                                target.report().forEach(report -> sweep(conduit.target(), report));
                                if (isBidirectional(conduit)) {
                                    source.report().forEach(report -> sweep(conduit.source(), report));
                                }
                            }
                            return new Refreshed(
                                    new Indexes(conduit, source.index(), target.index(), keepsOwners(conduit)),
                                    source.problems().appendAll(target.problems()));
                        }));
    }

    /** Whether the scan wrote or removed an ignore file of its root since {@code before} (none: never scanned). */
    private boolean ignoreFilesChanged(IndexReport scanned, Option<Long> before) {
        if (before.isEmpty()) { // never scanned: the exchange read this root's files as they are
            return false;
        }
        IndexStore.JournalChanges changes =
                store.changedSince(scanned.location().id(), before.get(), ChangeJournal.MAX_CHANGES);
        return changes.tooMany()
                || changes.written()
                        .appendAll(changes.removed())
                        .exists(path -> path.name().equals(dev.conduit.domain.index.ReservedNames.IGNORE_FILE)
                                && (scanned.scope().isRoot() || scanned.scope().isAncestorOf(path)));
    }

    private EndpointIndex endpointIndex(IndexReport report) {
        return new EndpointIndex(
                store, report.location().id(), report.scope(), report.location().traits());
    }

    /** The index of a root inside a location that a service keeps live, as it is; none when it was never indexed. */
    private Option<EndpointIndex> liveIndex(Endpoint endpoint) {
        Path root = Path.of(endpoint.root());
        return locations
                .findEnclosing(endpoint)
                .map(location -> new EndpointIndex(
                        store,
                        location.id(),
                        RelativePath.parse(Path.of(location.root())
                                        .relativize(root)
                                        .toString())
                                .getOrElse(RelativePath.ROOT),
                        location.traits()));
    }

    private void sweep(Endpoint endpoint, IndexReport report) {
        Seq<RelativePath> temporaries = report.temporaries()
                .filter(path -> report.scope().isRoot() || report.scope().isAncestorOf(path))
                .map(path -> path.relativeTo(report.scope()));
        if (!temporaries.isEmpty()) {
            endpoints.at(endpoint).copies().sweepTemporaries(Path.of(endpoint.root()), temporaries);
        }
    }

    /**
     * Whether the conduit keeps owners: every side it writes into does (a mirror writes its target only; rsync keeps
     * owners when its receiving side runs as root).
     */
    private boolean keepsOwners(Conduit conduit) {
        boolean target = endpoints.at(conduit.target()).keepsOwners();
        return isBidirectional(conduit)
                ? target && endpoints.at(conduit.source()).keepsOwners()
                : target;
    }

    private static boolean isBidirectional(Conduit conduit) {
        return conduit.settings().mode() == SyncMode.BIDIRECTIONAL;
    }

    /**
     * One side's index, with its scan (none when a service keeps it live) and the entries the scan could not read, each
     * told to the listener as it is found.
     */
    private record Scanned(EndpointIndex index, Option<IndexReport> report, Seq<EntryError> problems) {}

    /**
     * One side's scan; none when a service keeps its index live (it is taken as it is).
     *
     * @param remoteRules the other side's ignore files as its peer listed them, when it is remote
     */
    private Either<IndexFailure, Option<IndexReport>> scan(
            Conduit conduit,
            Side side,
            Purpose purpose,
            SyncListener listener,
            LiveIndex live,
            Option<PeerIgnoreFiles> remoteRules) {
        Endpoint endpoint = side == Side.SOURCE ? conduit.source() : conduit.target();
        if (!endpoint.isRemote()
                && live.catchUp(endpoint)
                && liveIndex(endpoint).isDefined()) {
            return Either.right(Option.none());
        }
        IndexLocation.Command command =
                purpose == Purpose.PLAN ? command(conduit, side, listener).forPlan() : command(conduit, side, listener);
        if (command.peerIgnore().isDefined() && remoteRules.isDefined()) {
            command = command.withPeerIgnore(remoteRules);
        }
        if (!endpoint.isRemote() && purpose == Purpose.SYNC) { // a scan begun ahead of the conduit's first sync
            Option<Either<IndexFailure, IndexReport>> ahead = begun.take(conduit.id(), command);
            if (ahead.isDefined()) {
                return ahead.get().map(Option::some);
            }
        }
        return endpoints.at(endpoint).index(command).map(Option::some);
    }

    /** The other thread's scan; what it threw is thrown here, as if the scan had run on this thread. */
    private static <T> T awaitScan(Future<T> scan) {
        try {
            return scan.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the scan was interrupted", interrupted);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failed.getCause());
        }
    }

    private Either<Failure, Scanned> scanned(
            Endpoint endpoint, Side side, Either<IndexFailure, Option<IndexReport>> scan, SyncListener listener) {
        return scan.mapLeft(failure -> failure instanceof IndexFailure.ConnectionLost
                        ? Failure.refused(failure.describe()) // as when the host cannot be reached at all
                        : Failure.paused(failure.describe()))
                .map(found -> {
                    if (found.isEmpty()) {
                        return new Scanned(liveIndex(endpoint).get(), Option.none(), List.empty());
                    }
                    IndexReport report = found.get();
                    listener.scanned(report);
                    Seq<EntryError> errors = List.ofAll(report.problems())
                            .filter(ScanProblem::error)
                            .map(problem -> new EntryError(side, problem.path(), problem.failure()));
                    errors.forEach(listener::error);
                    return new Scanned(endpointIndex(report), Option.some(report), errors);
                });
    }

    /** The scan of one side that a sync would run: a service re-reads what it saw change with the same rules. */
    IndexLocation.Command command(Conduit conduit, Side side, SyncListener listener) {
        return command(conduit, side, scanning(listener, side == Side.SOURCE ? conduit.source() : conduit.target()));
    }

    /**
     * The scan of one side that a sync runs, its progress told to {@code listener}: for a remote root, what its
     * exchange asks of the peer ({@link PeerIndexExchange#scan}) and what the connect says it will ask (ADR 0055).
     */
    static IndexLocation.Command command(Conduit conduit, Side side, IndexListener listener) {
        Endpoint endpoint = side == Side.SOURCE ? conduit.source() : conduit.target();
        Endpoint other = side == Side.SOURCE ? conduit.target() : conduit.source();
        return command(conduit.settings(), endpoint, other, side, listener);
    }

    /** The same for a conduit of these settings and roots, before it exists (a new conduit's scan ahead). */
    static IndexLocation.Command command(
            dev.conduit.domain.conduit.ConduitSettings settings,
            Endpoint endpoint,
            Endpoint other,
            Side side,
            IndexListener listener) {
        // The other root's .conduitignore files apply here too, folder by folder, on every side the conduit writes:
        // in a mirror a target-only path the source ignores is neither copied nor deleted, and in a bidirectional
        // sync a path ignored on one side only would look deleted there. A mirror's source is only read, and other
        // conduits may read it too: its index keeps to its own rules (ADR 0021).
        boolean writesHere = side == Side.TARGET || settings.mode() == SyncMode.BIDIRECTIONAL;
        IndexLocation.Command command = new IndexLocation.Command(
                Path.of(endpoint.root()),
                settings.ignorePatterns(),
                settings.readIgnoreFiles(),
                listener,
                // a mirror's new source file is hashed by its copy, once; a remote one by its peer's scan: the copy
                // that reads it cannot tell the peer's library its hash (the next exchange would send it again). One
                // that goes to another host is hashed here first: a cut transfer resumes only from chunks checked
                // against a known hash (ADR 0038), and reading it twice here costs less than sending it twice.
                writesHere || endpoint.isRemote() || other.isRemote(),
                settings.readIgnoreFiles() && writesHere ? Option.some(otherRules(other)) : Option.none());
        return writesHere ? command : command.readingOnly();
    }

    /**
     * The other root's ignore files: read from this machine's disk when it is a folder here; when it is on another
     * host, an empty list until its exchange lists them ({@link #remoteFirst}).
     */
    private static PeerIgnoreFiles otherRules(Endpoint other) {
        return other.isRemote()
                ? new PeerIgnoreFiles.Listed(io.vavr.collection.HashMap.empty())
                : new PeerIgnoreFiles.OnDisk(Path.of(other.root()));
    }

    /**
     * A scan's progress as the sync's, at most once a second: entries examined (as files done) and bytes hashed, the
     * folder at hand; nothing is known of the totals yet. Only the caller hears it: the generation begins once the plan
     * is made, so {@code status} says "syncing" meanwhile.
     */
    private IndexListener scanning(SyncListener listener, Endpoint endpoint) {
        EverySecond due = new EverySecond(scheduler);
        return progress -> {
            if (due.now()) {
                listener.progress(new SyncProgress(
                        SyncPhase.INDEXING.label(),
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

    /** Says yes at most once a second, by the scheduler's ticker; the first second starts when it is made. */
    private static final class EverySecond {
        private final Scheduler scheduler;
        private long last;

        EverySecond(Scheduler scheduler) {
            this.scheduler = scheduler;
            this.last = scheduler.nanoTime();
        }

        synchronized boolean now() {
            long now = scheduler.nanoTime();
            if (now - last < 1_000_000_000L) {
                return false;
            }
            last = now;
            return true;
        }
    }
}
