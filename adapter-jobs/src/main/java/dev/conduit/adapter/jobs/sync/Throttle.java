package dev.conduit.adapter.jobs.sync;

import dev.conduit.domain.conduit.BandwidthLimit;

import java.util.concurrent.TimeUnit;

/**
 * A bandwidth limit shared by a job's workers: each reserves the time its bytes take at the limit, after everything
 * reserved before it, and sleeps until that time is over. Unlimited jobs never wait.
 */
final class Throttle {

    private final long bytesPerSecond;
    private long nextFreeNanos;

    Throttle(BandwidthLimit limit) {
        this.bytesPerSecond = limit.bytesPerSecond();
        this.nextFreeNanos = System.nanoTime();
    }

    void acquire(long bytes) throws InterruptedException {
        if (bytesPerSecond <= 0 || bytes <= 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextFreeNanos);
            nextFreeNanos = start + (long) (bytes * 1e9 / bytesPerSecond);
            wait = nextFreeNanos - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
