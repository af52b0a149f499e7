package dev.conduit.adapter.jobs.remote;

/**
 * How many bytes of pushed frames the receiving side can still take: the pusher takes from it before it sends, the
 * receiver's credits give back what it consumed. Bounds the memory both sides spend on a copy, whatever its size.
 */
final class Window {

    /** Bytes in flight at most: enough to keep a long fat link busy, small beside any heap. */
    static final long SIZE = 8L << 20;

    private long available = SIZE;
    private boolean ended;

    /**
     * Waits until {@code bytes} may be sent; false when the exchange ended meanwhile. {@code beforeWaiting} runs first
     * when it has to wait (the pusher sends what it buffered: the receiver's credit may wait for it).
     */
    boolean acquire(long bytes, Waiting beforeWaiting) throws InterruptedException, java.io.IOException {
        synchronized (this) {
            if (available >= Math.min(bytes, SIZE) || ended) {
                return take(bytes);
            }
        }
        beforeWaiting.run();
        synchronized (this) {
            while (available < Math.min(bytes, SIZE) && !ended) {
                wait();
            }
            return take(bytes);
        }
    }

    /** What runs before a wait for credit. */
    @FunctionalInterface
    interface Waiting {
        void run() throws java.io.IOException;
    }

    private boolean take(long bytes) {
        long wanted = Math.min(bytes, SIZE);
        available -= wanted;
        return !ended;
    }

    synchronized void release(long bytes) {
        available += bytes;
        notifyAll();
    }

    /** The receiving side is done (or gone): nothing more is sent. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    synchronized boolean ended() {
        return ended;
    }
}
