package dev.conduit.application.service;

import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.domain.conduit.ConduitId;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scans of a new conduit's local root begun before the conduit exists, for its first sync to take in place of
 * scanning that root again (ADR 0068): a new mirror's local source, scanned while its remote target is reached (ADR
 * 0065). A scan is handed to the conduit once the conduit is made, and taken by that conduit's first sync only: by
 * its scan of the same root with the same rules, when the scan succeeded and ended a moment before. That sync's
 * refresh forgets it either way, so it never stands for a later sync; a scan no conduit was made for is stopped. One
 * per library, shared by the use case that makes conduits and the one that syncs them.
 */
public final class ScansBegun {

    /** How long after its end a scan begun ahead still stands for the sync that follows it. */
    static final Duration FRESH = Duration.ofSeconds(30);

    private final Scheduler scheduler;
    private final Map<ConduitId, Begun> handed = new ConcurrentHashMap<>();

    public ScansBegun(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** One scan begun: handed to the conduit made for it, or stopped when none is. */
    final class Begun {
        private final IndexLocation.Command command;
        private final ExecutorService aside;
        private final Future<Either<IndexFailure, IndexReport>> scan;
        private final AtomicLong endedAt = new AtomicLong(Long.MIN_VALUE);

        private Begun(IndexLocation indexer, IndexLocation.Command command) {
            this.command = command;
            this.aside = scheduler.workers("conduit-scan-ahead", 1);
            this.scan = aside.submit(() -> {
                try {
                    return indexer.index(command);
                } finally {
                    endedAt.set(scheduler.nanoTime());
                }
            });
            aside.shutdown(); // its thread ends with the scan; it never keeps the process alive
        }

        /** Whether the scan has ended, its end time taken. */
        boolean ended() {
            return endedAt.get() != Long.MIN_VALUE;
        }

        /**
         * Hands the scan to the conduit made for it: that conduit's first sync may take it. Scans handed earlier that
         * no sync can take any more (ended longer than {@link #FRESH} ago) are let go of here.
         */
        void handTo(ConduitId conduit) {
            handed.values().removeIf(Begun::stale);
            handed.put(conduit, this);
        }

        private boolean stale() {
            return ended() && scheduler.nanoTime() - endedAt.get() > FRESH.toNanos();
        }

        /** Interrupts the scan (it stops at its next folder) and waits a moment for its thread; never handed. */
        void stop() {
            scan.cancel(true);
            aside.shutdownNow();
            try {
                aside.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Begins {@code command}'s scan on a thread of its own; {@link Begun#handTo} it once its conduit is made. */
    Begun begin(IndexLocation indexer, IndexLocation.Command command) {
        return new Begun(indexer, command);
    }

    /**
     * The scan handed to {@code conduit} and begun with {@code wanted}'s rules, once it has ended (waited for if it
     * runs still, as the root's scan lock would have made the sync wait): none when there is none for this root, it
     * was begun with other rules, it failed, or it ended longer than {@link #FRESH} ago. Once asked for by its root's
     * scan, it is not taken again either way.
     */
    Option<Either<IndexFailure, IndexReport>> take(ConduitId conduit, IndexLocation.Command wanted) {
        Begun scan = handed.get(conduit);
        if (scan == null || !scan.command.root().equals(wanted.root()) || !handed.remove(conduit, scan)) {
            return Option.none(); // the conduit's other root asks too, maybe first: it leaves this one's scan be
        }
        if (!scan.command.equals(wanted.withListener(scan.command.listener()))) {
            return Option.none();
        }
        Either<IndexFailure, IndexReport> report;
        try {
            report = scan.scan.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Option.none();
        } catch (ExecutionException | CancellationException failed) {
            return Option.none(); // scanned again, where what went wrong shows as it would have
        }
        return report.isRight() && !scan.stale() ? Option.some(report) : Option.none();
    }

    /** The conduits a scan is handed to and not yet taken or forgotten. */
    java.util.Set<ConduitId> handedTo() {
        return java.util.Set.copyOf(handed.keySet());
    }

    /** Forgets the scan handed to {@code conduit}, if its first sync did not take it: it stands for no later one. */
    void forget(ConduitId conduit) {
        handed.remove(conduit);
    }
}
