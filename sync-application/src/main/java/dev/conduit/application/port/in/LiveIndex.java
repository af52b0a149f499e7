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
}
