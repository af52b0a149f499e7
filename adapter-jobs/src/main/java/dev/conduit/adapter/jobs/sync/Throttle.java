package dev.conduit.adapter.jobs.sync;

import dev.conduit.domain.conduit.BandwidthLimit;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The bandwidth limit of a job, shared by its workers: a token bucket filled at the limit's rate. A worker takes
 * tokens for the bytes it is about to send and, when the bucket runs short, sleeps until the tokens it took are
 * earned (the bucket may go into debt, so later workers wait behind earlier ones and the total rate holds). The bucket
 * starts empty and holds at most a quarter of a second's worth: idle time earns a short burst, never a long one.
 * Unlimited jobs never wait.
 */
public final class Throttle {

    /** How much idle time may be spent at once, in nanoseconds of the limit's rate. */
    private static final long BURST_NANOS = 250_000_000L;

    private final long bytesPerSecond;
    private final LongSupplier nanos;
    private final Sleeper sleeper;
    private final double capacity;
    private double tokens;
    private long filledAt;

    public Throttle(BandwidthLimit limit) {
        this(limit, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    Throttle(BandwidthLimit limit, LongSupplier nanos, Sleeper sleeper) {
        this.bytesPerSecond = limit.bytesPerSecond();
        this.nanos = nanos;
        this.sleeper = sleeper;
        this.capacity = bytesPerSecond * (BURST_NANOS / 1e9);
        this.filledAt = nanos.getAsLong();
    }

    /** Takes the tokens for {@code bytes}, sleeping as long as they take to earn. */
    public void acquire(long bytes) throws InterruptedException {
        if (bytesPerSecond <= 0 || bytes <= 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = nanos.getAsLong();
            tokens = Math.min(capacity, tokens + (now - filledAt) * bytesPerSecond / 1e9);
            filledAt = now;
            tokens -= bytes;
            wait = tokens < 0 ? (long) Math.ceil(-tokens * 1e9 / bytesPerSecond) : 0;
        }
        if (wait > 0) {
            sleeper.sleep(wait);
        }
    }

    /** Waits; a test's sleeper moves its own clock instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }
}
