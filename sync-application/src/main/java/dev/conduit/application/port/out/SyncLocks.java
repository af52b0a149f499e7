package dev.conduit.application.port.out;

import dev.conduit.domain.conduit.ConduitId;
import io.vavr.control.Option;

/**
 * One sync of a conduit at a time, across processes. A lock dies with the process that holds it, so a killed sync
 * never blocks the next one.
 */
public interface SyncLocks {

    /** The conduit's lock, or none when another sync holds it. */
    Option<Held> tryLock(ConduitId conduit);

    /** Whether a sync (in any process) holds the conduit's lock right now. */
    boolean isLocked(ConduitId conduit);

    /** A held lock; closing it lets the next sync in. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
