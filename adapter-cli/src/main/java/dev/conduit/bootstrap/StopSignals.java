package dev.conduit.bootstrap;

import dev.conduit.adapter.api.Runs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT for a daemon: the first asks it to stop (its syncs at their next safe point), a second one stops
 * the wait for them. The JDK has no public API for signals; {@code sun.misc.Signal} is the supported way.
 */
final class StopSignals implements AutoCloseable {

    private final CountDownLatch first = new CountDownLatch(1);
    private final CountDownLatch second = new CountDownLatch(2);
    private final List<Restore> previous = new ArrayList<>();

    private StopSignals() {}

    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal signal = new Signal(name);
                signals.previous.add(new Restore(signal, Signal.handle(signal, received -> signals.received())));
            } catch (IllegalArgumentException ignoredHere) {
                // ignored by the parent (nohup, a background job): that signal cannot stop the daemon
            }
        }
        return signals;
    }

    private void received() {
        first.countDown();
        second.countDown();
    }

    void awaitFirst() {
        try {
            first.await();
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until no run is under way, at most {@code patience}, or until a second signal; whether none is. */
    boolean awaitRuns(Runs runs, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (runs.awaitNone(Duration.ofMillis(200))) {
                return true;
            }
            if (second.await(0, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        previous.forEach(restore -> Signal.handle(restore.signal(), restore.handler()));
    }

    private record Restore(Signal signal, SignalHandler handler) {}
}
