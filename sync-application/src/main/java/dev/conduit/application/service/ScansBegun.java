package dev.conduit.application.service;

import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.out.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scans of a local root begun ahead of the sync that follows in the same command, which takes one in place of scanning
 * that root again (ADR 0068): a new mirror's local source, scanned while its remote target is reached (ADR 0065). A
 * scan is taken once, by a sync's scan of the same root with the same rules, and only if it ended a moment before:
 * anything else (another command, other rules, a scan that failed or was stopped, one left since) scans as before.
 * One per library, shared by the use case that begins them and the one that syncs.
 */
public final class ScansBegun {

    /** How long after its end a scan begun ahead still stands for the sync that follows it. */
    static final Duration FRESH = Duration.ofSeconds(30);

    private final Scheduler scheduler;
    private final Map<Path, Begun> begun = new ConcurrentHashMap<>();

    public ScansBegun(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** One scan begun: stopped (interrupted, its thread waited for a moment) when no sync is to take it. */
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

        /** Interrupts the scan (it stops at its next folder), waits a moment for its thread, and forgets it. */
        void stop() {
            begun.remove(command.root(), this);
            aside.shutdownNow();
            try {
                aside.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Begins {@code command}'s scan on a thread of its own, for the next sync's scan of its root to take. */
    Begun begin(IndexLocation indexer, IndexLocation.Command command) {
        Begun scan = new Begun(indexer, command);
        begun.put(command.root(), scan);
        return scan;
    }

    /**
     * The scan begun ahead of {@code wanted}, once it has ended (waited for if it runs still, as the root's scan lock
     * would have made {@code wanted} wait): none when there is none for its root, it was begun with other rules, it
     * failed or was stopped, or it ended longer than {@link #FRESH} ago. Whatever it is, it is not taken again.
     */
    Option<Either<IndexFailure, IndexReport>> take(IndexLocation.Command wanted) {
        Begun scan = begun.remove(wanted.root());
        if (scan == null || !scan.command.equals(wanted.withListener(scan.command.listener()))) {
            return Option.none();
        }
        Either<IndexFailure, IndexReport> report;
        try {
            report = scan.scan.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Option.none();
        } catch (ExecutionException | java.util.concurrent.CancellationException failed) {
            return Option.none(); // scanned again, where what went wrong shows as it would have
        }
        boolean fresh = scheduler.nanoTime() - scan.endedAt.get() <= FRESH.toNanos();
        return report.isRight() && fresh ? Option.some(report) : Option.none();
    }
}
