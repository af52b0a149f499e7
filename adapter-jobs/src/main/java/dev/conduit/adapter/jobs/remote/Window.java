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

    /** Waits until {@code bytes} may be sent; false when the exchange ended meanwhile. */
    synchronized boolean acquire(long bytes) throws InterruptedException {
        long wanted = Math.min(bytes, SIZE);
        while (available < wanted && !ended) {
            wait();
        }
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
