package dev.conduit.application.service;

import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncPhase;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.SyncProgress;
import dev.conduit.domain.path.RelativePath;
import java.time.Clock;
import java.time.Duration;
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
    private static final Duration LOOK = Duration.ofMillis(250);
    /** How far back the current speed looks. */
    private static final long WINDOW_NANOS = 5_000_000_000L;

    private final SyncHistory history;
    private final SyncListener listener;
    private final Clock clock;
    private final Conduit conduit;
    private final Generation generation;
    private final PlanCount count;
    private final List<Outcomes> tracked = new ArrayList<>();
    private final ArrayDeque<Sample> samples = new ArrayDeque<>(); // oldest first
    private final Scheduler scheduler;
    private final Scheduler.Repeating timer;
    private SyncPhase phase = SyncPhase.INDEXING;
    private volatile String current = "";
    private long lastPublished;
    private boolean closed;

    Progress(
            SyncHistory history,
            SyncListener listener,
            Clock clock,
            Scheduler scheduler,
            Conduit conduit,
            Generation generation,
            PlanCount count) {
        this.history = history;
        this.listener = listener;
        this.clock = clock;
        this.scheduler = scheduler;
        this.conduit = conduit;
        this.generation = generation;
        this.count = count;
        this.lastPublished = scheduler.nanoTime();
        this.timer = scheduler.repeat("conduit-progress", LOOK, this::publishIfDue);
    }

    /** Counts what these outcomes report, with the others tracked. */
    synchronized Outcomes track(Outcomes outcomes) {
        tracked.add(outcomes);
        return outcomes;
    }

    /** A new phase begins: said at once, with a snapshot; no snapshot of the phase before can follow it. */
    synchronized void phase(SyncPhase next) {
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
        timer.close();
        synchronized (this) { // a snapshot being published is finished before the sync goes on
            closed = true;
        }
    }

    private synchronized void publishIfDue() {
        if (!closed && scheduler.nanoTime() - lastPublished >= EVERY_NANOS) {
            try {
                publish();
            } catch (RuntimeException failure) { // progress is best effort: the sync itself reports its failures
                lastPublished = scheduler.nanoTime();
            }
        }
    }

    private void publish() {
        long now = scheduler.nanoTime();
        lastPublished = now;
        long files = 0;
        long bytes = 0;
        for (Outcomes outcomes : tracked) {
            Outcomes.Moved moved = outcomes.moved();
            files += moved.files();
            bytes += moved.bytes();
        }
        samples.addLast(new Sample(now, bytes));
        while (samples.size() > 2 && now - samples.peekFirst().nanos() > WINDOW_NANOS) {
            samples.removeFirst();
        }
        Sample oldest = samples.peekFirst();
        long elapsed = now - oldest.nanos();
        long speed = elapsed > 0 ? Math.round((bytes - oldest.bytes()) * 1e9 / elapsed) : 0;
        SyncProgress progress = new SyncProgress(
                phase.label(),
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

    /** The bytes moved by a moment of the ticker. */
    private record Sample(long nanos, long bytes) {}
}
