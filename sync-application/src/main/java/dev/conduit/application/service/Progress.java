package dev.conduit.application.service;

import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.sync.Generation;
import dev.conduit.domain.sync.GenerationCounts;
import dev.conduit.domain.sync.SyncProgress;

import java.time.Clock;

/** Publishes where a sync has got to, for {@code status} in other processes: at each phase and once a second. */
final class Progress {
    private static final long EVERY_NANOS = 1_000_000_000L;

    private final SyncHistory history;
    private final Clock clock;
    private final Conduit conduit;
    private final Generation generation;
    private final PlanCount count;
    private String phase = "indexing";
    private long lastPublished = System.nanoTime();

    Progress(SyncHistory history, Clock clock, Conduit conduit, Generation generation, PlanCount count) {
        this.history = history;
        this.clock = clock;
        this.conduit = conduit;
        this.generation = generation;
        this.count = count;
    }

    void phase(String next, SyncListener listener, GenerationCounts done) {
        listener.phase(next, count.filesToCopy, count.bytesToCopy);
        synchronized (this) {
            phase = next;
            publish(done);
        }
    }

    /** Called as actions complete; writes at most once a second. */
    void tick(java.util.function.Supplier<GenerationCounts> done) {
        synchronized (this) {
            if (System.nanoTime() - lastPublished >= EVERY_NANOS) {
                publish(done.get());
            }
        }
    }

    private void publish(GenerationCounts done) {
        lastPublished = System.nanoTime();
        history.progress(conduit.id(), generation.number(), new SyncProgress(phase, done.filesCopied(),
            count.filesToCopy, done.bytesTransferred(), count.bytesToCopy, clock.instant()));
    }
}
