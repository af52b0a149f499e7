package dev.conduit.application.fakes;

import dev.conduit.application.port.out.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scheduler whose time moves only when the test says so: {@link #advance} (or a use case's {@link #sleep}) moves
 * the ticker and runs, on the caller's thread, every repeated task whose time came. Workers are real threads: the
 * indexer's scan needs them.
 */
public final class ManualScheduler implements Scheduler {

    private long now;
    private final List<Task> tasks = new ArrayList<>();

    private static final class Task {
        final String name;
        final long period;
        final Runnable work;
        long next;
        boolean closed;

        Task(String name, long period, Runnable work, long next) {
            this.name = name;
            this.period = period;
            this.work = work;
            this.next = next;
        }
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public void sleep(Duration duration) {
        advance(duration);
    }

    /** Moves the ticker on, running each repeated task as often as its period fits, in time order. */
    public void advance(Duration duration) {
        long until;
        synchronized (this) {
            until = now + duration.toNanos();
        }
        while (true) {
            Task due;
            synchronized (this) {
                due = tasks.stream()
                        .filter(task -> !task.closed && task.next <= until)
                        .min((a, b) -> Long.compare(a.next, b.next))
                        .orElse(null);
                if (due == null) {
                    now = until;
                    return;
                }
                now = due.next;
                due.next += due.period;
            }
            due.work.run();
        }
    }

    @Override
    public synchronized Repeating repeat(String name, Duration period, Runnable task) {
        Task repeated = new Task(name, period.toNanos(), task, now + period.toNanos());
        tasks.add(repeated);
        return () -> {
            synchronized (this) {
                repeated.closed = true;
            }
        };
    }

    /** The repeated tasks not closed yet, by name. */
    public synchronized List<String> running() {
        return tasks.stream()
                .filter(task -> !task.closed)
                .map(task -> task.name)
                .toList();
    }

    @Override
    public ExecutorService workers(String name, int threads) {
        return Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
