package dev.conduit.application.port.out;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Elapsed time, waiting and threads for the use cases, which start none themselves: a ticker that never goes back
 * (wall-clock instants come from the injected {@link java.time.Clock}), a task repeated on a timer, and a pool of
 * workers. Implemented with daemon threads by an adapter; tests may use one they drive by hand.
 */
public interface Scheduler {

    /** A monotonic reading in nanoseconds, for elapsed time only (as {@link System#nanoTime()}). */
    long nanoTime();

    /** Waits this long, or less when the thread is interrupted (its interrupt flag is then set again). */
    void sleep(Duration duration) throws InterruptedException;

    /** Runs {@code task} every {@code period}, first after one period, until the handle is closed. */
    Repeating repeat(String name, Duration period, Runnable task);

    /** A pool of {@code threads} workers named {@code name} that never keep the process alive; the caller shuts it. */
    ExecutorService workers(String name, int threads);

    /** A repeated task; closing it stops the repetition (a run under way finishes). */
    interface Repeating extends AutoCloseable {
        @Override
        void close();
    }
}
