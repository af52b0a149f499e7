package dev.conduit.application.service;

import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.sync.Generation;
import dev.conduit.domain.sync.SyncProgress;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a sync has got to, published once a second and at each phase: to the caller's {@link SyncListener} (the
 * progress bar, {@code --json} events) and to the library (for {@code status} in other processes). The speed is that
 * of the last few seconds; the bytes count those of files still on their way.
 */
final class Progress {
    private static final long EVERY_NANOS = 1_000_000_000L;
    /** How far back the current speed looks. */
    private static final long WINDOW_NANOS = 5_000_000_000L;

    private final SyncHistory history;
    private final SyncListener listener;
    private final Clock clock;
    private final Conduit conduit;
    private final Generation generation;
    private final PlanCount count;
    private final List<Outcomes> tracked = new ArrayList<>();
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();    // {nanos, bytes}, oldest first
    private String phase = "indexing";
    private String current = "";
    private long lastPublished = System.nanoTime();

    Progress(SyncHistory history, SyncListener listener, Clock clock, Conduit conduit, Generation generation,
             PlanCount count) {
        this.history = history;
        this.listener = listener;
        this.clock = clock;
        this.conduit = conduit;
        this.generation = generation;
        this.count = count;
    }

    /** Counts what these outcomes report, with the others tracked. */
    synchronized Outcomes track(Outcomes outcomes) {
        tracked.add(outcomes);
        return outcomes;
    }

    void phase(String next) {
        listener.phase(next, count.filesToCopy, count.bytesToCopy);
        synchronized (this) {
            phase = next;
            publish();
        }
    }

    /** Called as work moves on, {@code path} being the entry at hand; publishes at most once a second. */
    void tick(RelativePath path) {
        synchronized (this) {
            current = path.value();
            if (System.nanoTime() - lastPublished >= EVERY_NANOS) {
                publish();
            }
        }
    }

    private void publish() {
        long now = System.nanoTime();
        lastPublished = now;
        long files = 0;
        long bytes = 0;
        for (Outcomes outcomes : tracked) {
            Outcomes.Moved moved = outcomes.moved();
            files += moved.files();
            bytes += moved.bytes();
        }
        samples.addLast(new long[] {now, bytes});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_NANOS) {
            samples.removeFirst();
        }
        long[] oldest = samples.peekFirst();
        long elapsed = now - oldest[0];
        long speed = elapsed > 0 ? Math.round((bytes - oldest[1]) * 1e9 / elapsed) : 0;
        SyncProgress progress = new SyncProgress(phase, files, count.filesToCopy, bytes, count.bytesToCopy,
            Math.max(0, speed), current, clock.instant());
        history.progress(conduit.id(), generation.number(), progress);
        listener.progress(progress);
    }
}
