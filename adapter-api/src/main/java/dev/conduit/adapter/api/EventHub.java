package dev.conduit.adapter.api;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's events (progress, phases, conflicts, errors, syncs started and finished) as JSON lines, handed to every
 * subscriber of {@code GET /v1/events}. A subscriber that falls behind by more than {@link #BACKLOG} events loses the
 * oldest progress rather than slowing the syncs down: publishing never blocks.
 */
public final class EventHub {

    static final int BACKLOG = 10_000;

    private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();
    private volatile boolean closed;

    /** One event, one line of JSON without its newline. */
    public void publish(String json) {
        for (Subscription subscription : subscriptions) {
            subscription.offer(json);
        }
    }

    public Subscription subscribe() {
        Subscription subscription = new Subscription();
        subscriptions.add(subscription);
        if (closed) {
            subscription.close();
        }
        return subscription;
    }

    /** Ends every subscription: the daemon is stopping. */
    public void close() {
        closed = true;
        subscriptions.forEach(Subscription::close);
    }

    /** What one subscriber has not read yet. */
    public final class Subscription implements AutoCloseable {

        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private volatile boolean ended;

        private void offer(String json) {
            if (queue.size() >= BACKLOG) {
                queue.poll();
            }
            queue.offer(json);
        }

        /** The next event, waiting at most {@code waitMillis}; empty when none came. */
        public Optional<String> next(long waitMillis) throws InterruptedException {
            return Optional.ofNullable(queue.poll(waitMillis, TimeUnit.MILLISECONDS));
        }

        /** Whether the hub closed this subscription and every event before that was read. */
        public boolean ended() {
            return ended && queue.isEmpty();
        }

        @Override
        public void close() {
            subscriptions.remove(this);
            ended = true;
        }
    }
}
