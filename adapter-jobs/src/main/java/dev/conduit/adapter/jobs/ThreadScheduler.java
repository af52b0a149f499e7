package dev.conduit.adapter.jobs;

import dev.conduit.application.port.out.Scheduler;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The use cases' time and threads on the JVM: {@link System#nanoTime()}, {@link Thread#sleep}, and daemon threads
 * (a timer of its own for each repeated task, a fixed pool for workers).
 */
final class ThreadScheduler implements Scheduler {

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    @Override
    public Repeating repeat(String name, Duration period, Runnable task) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(name));
        long millis = period.toMillis();
        timer.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    @Override
    public ExecutorService workers(String name, int threads) {
        return Executors.newFixedThreadPool(threads, DaemonThreads.named(name));
    }
}
