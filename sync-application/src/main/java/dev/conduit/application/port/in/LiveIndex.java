package dev.conduit.application.port.in;

import dev.conduit.domain.conduit.Endpoint;

/**
 * Which roots a running service keeps indexed from file-system events: a sync resolves from their index as it is,
 * without scanning them first. A root is live only while it is watched, no event seen under it is still unapplied,
 * and nothing was missed (no overflow, no watch limit, no restart since its last scan): a sync never decides from an
 * index known to be stale.
 */
@FunctionalInterface
public interface LiveIndex {

    /** No root is live: every sync scans both roots first (the command line without a service). */
    LiveIndex NONE = endpoint -> false;

    boolean isLive(Endpoint endpoint);

    /**
     * Brings the root's index up to date with the events already seen under it, where the service can, and says
     * whether the root is live now. A sync asks this in place of scanning the root, on the thread that would scan it:
     * a root's events are then applied beside the other root's scan, not before the sync begins.
     */
    default boolean catchUp(Endpoint endpoint) {
        return isLive(endpoint);
    }
}
