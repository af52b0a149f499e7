package dev.conduit.application.port.out;

import dev.conduit.domain.index.Location;
import io.vavr.control.Option;

/**
 * One full scan of a location at a time, across processes and threads (ADR 0049). A scan that finds another scan of
 * its location under way waits for it to end, then scans itself: what the other recorded is then in the index, so
 * its own scan only compares (an unchanged tree is read, not written again). Waiting is an optimisation, never needed
 * for the index to be right: the wait is bounded, and a lease that cannot be had is no lease at all.
 */
public interface ScanLeases {

    /** No leases: every scan runs at once (tests, a library that cannot be written). */
    ScanLeases NONE = location -> () -> {};

    /**
     * Holds the location's scan lease, waiting while another scan holds it (at most a bound the adapter sets; a wait
     * longer than a second is told to {@link LibraryWaits#scanWaiting}).
     */
    Lease await(Location location);

    /**
     * The location's lease if no other scan holds it, at once, without waiting; none while another scan holds it. A
     * plan asks this way (ADR 0050): it reads the index as the other scan has recorded it so far rather than wait.
     * Leases that cannot be had at all are a lease here too, as in {@link #await}.
     */
    default Option<Lease> ifFree(Location location) {
        return Option.some(await(location));
    }

    /**
     * Tells ({@link LibraryWaits#scanAsRecorded}) that a plan reads the location's index as recorded, since another
     * scan holds its lease.
     */
    default void planningAsRecorded(Location location) {}

    /** A held lease; closing it lets the next scan of the location in. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
