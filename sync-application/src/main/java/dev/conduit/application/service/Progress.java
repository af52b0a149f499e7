package dev.conduit.application.service;

import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.SyncProgress;
import dev.conduit.domain.path.RelativePath;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a sync has got to, published at each phase and then once a second by a timer of its own, whether or not
 * anything moved (a stalled target shows as a speed falling to nothing, not as a figure left standing): to the
 * caller's {@link SyncListener} (the progress bar, {@code --json} events) and to the library (for {@code status} in
 * other processes). The speed is that of the last few seconds; the bytes count those of files still on their way.
 * Closed at the end of the sync, which stops the timer.
 */
final class Progress implements AutoCloseable {
    private static final long EVERY_NANOS = 1_000_000_000L;
    /** How often the timer looks whether a second has passed since the last snapshot. */
    private static final long LOOK_MILLIS = 250;
    /** How far back the current speed looks. */
    private static final long WINDOW_NANOS = 5_000_000_000L;

    private final SyncHistory history;
    private final SyncListener listener;
    private final Clock clock;
    private final Conduit conduit;
    private final Generation generation;
    private final PlanCount count;
    private final List<Outcomes> tracked = new ArrayList<>();
    private final ArrayDeque<long[]> samples = new ArrayDeque<>(); // {nanos, bytes}, oldest first
    private final java.util.concurrent.ScheduledExecutorService timer;
    private String phase = "indexing";
    private volatile String current = "";
    private long lastPublished = System.nanoTime();
    private boolean closed;

    Progress(
            SyncHistory history,
            SyncListener listener,
            Clock clock,
            Conduit conduit,
            Generation generation,
            PlanCount count) {
        this.history = history;
        this.listener = listener;
        this.clock = clock;
        this.conduit = conduit;
        this.generation = generation;
        this.count = count;
        this.timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("conduit-progress"));
        timer.scheduleWithFixedDelay(
                this::publishIfDue, LOOK_MILLIS, LOOK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Counts what these outcomes report, with the others tracked. */
    synchronized Outcomes track(Outcomes outcomes) {
        tracked.add(outcomes);
        return outcomes;
    }

    /** A new phase begins: said at once, with a snapshot; no snapshot of the phase before can follow it. */
    synchronized void phase(String next) {
        listener.phase(next, count.filesToCopy, count.bytesToCopy);
        phase = next;
        publish();
    }

    /** Called as work moves on: {@code path} is the entry at hand. */
    void tick(RelativePath path) {
        current = path.value();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) { // a snapshot being published is finished before the sync goes on
            closed = true;
        }
    }

    private synchronized void publishIfDue() {
        if (!closed && System.nanoTime() - lastPublished >= EVERY_NANOS) {
            try {
                publish();
            } catch (RuntimeException failure) { // progress is best effort: the sync itself reports its failures
                lastPublished = System.nanoTime();
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
        SyncProgress progress = new SyncProgress(
                phase,
                files,
                count.filesToCopy,
                bytes,
                count.bytesToCopy,
                Math.max(0, speed),
                current,
                clock.instant());
        history.progress(conduit.id(), generation.number(), progress);
        listener.progress(progress);
    }
}
