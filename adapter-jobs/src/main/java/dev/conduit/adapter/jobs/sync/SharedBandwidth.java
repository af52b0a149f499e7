package dev.conduit.adapter.jobs.sync;

import dev.conduit.domain.conduit.BandwidthLimit;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bandwidth limits of one process (ADR 0045): the copies of every conduit whose limit is the same value take
 * their bytes from one {@link Throttle}, so conduits synced at once (a daemon's {@code --max-parallel}) that share a
 * limit share its rate instead of each taking all of it. Conduits with different limits keep their own; unlimited ones
 * never wait. A bucket idle between syncs holds at most its short burst, so keeping one per limit value for the life
 * of the process is the same as making it anew.
 */
@Singleton
public final class SharedBandwidth {

    private final Map<Long, Throttle> buckets = new ConcurrentHashMap<>();

    @Inject
    public SharedBandwidth() {}

    /** The throttle of every copy limited to {@code limit} in this process. */
    public Throttle throttle(BandwidthLimit limit) {
        if (!limit.isLimited()) {
            return new Throttle(limit);
        }
        return buckets.computeIfAbsent(limit.bytesPerSecond(), rate -> new Throttle(limit));
    }
}
