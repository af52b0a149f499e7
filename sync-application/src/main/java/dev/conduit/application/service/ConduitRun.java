package dev.conduit.application.service;

import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Schedule;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * One conduit as the service runs it: whether work on it is under way (at most one at a time), when its last sync
 * ended, the latest change seen under its roots that no sync has taken yet, and whether it synced once since the
 * service started (that first sync scans both roots whole, and sweeps what a killed process left).
 */
final class ConduitRun {

    private Conduit conduit;
    private static final long WAIT_STEP_MILLIS = 50;

    private boolean busy;
    private boolean syncing;
    private Option<Instant> lastCompleted;
    private Option<Instant> changedAt = Option.none();
    private boolean syncedOnce;

    ConduitRun(Conduit conduit, Option<Instant> lastCompleted) {
        this.conduit = conduit;
        this.lastCompleted = lastCompleted;
    }

    synchronized Conduit conduit() {
        return conduit;
    }

    synchronized void update(Conduit current) {
        this.conduit = current;
    }

    /** Takes the conduit for work; false when work on it is under way already. */
    synchronized boolean take() {
        if (busy) {
            return false;
        }
        busy = true;
        return true;
    }

    /**
     * Takes the conduit for a sync asked for: waits while the service only brings its index up to date (a sync asked
     * right after an edit must not be refused for that), at most about {@code patienceMillis}; false while it syncs.
     */
    synchronized boolean takeForSync(long patienceMillis) throws InterruptedException {
        for (long waited = 0; busy && !syncing && waited < patienceMillis; waited += WAIT_STEP_MILLIS) {
            wait(WAIT_STEP_MILLIS);
        }
        return take();
    }

    synchronized void release() {
        busy = false;
        notifyAll();
    }

    synchronized boolean isBusy() {
        return busy;
    }

    synchronized boolean isSyncing() {
        return syncing;
    }

    synchronized void syncing(boolean now) {
        syncing = now;
    }

    synchronized boolean hasSyncedOnce() {
        return syncedOnce;
    }

    /** A change under one of its roots was taken into the index; it was seen at {@code at}. */
    synchronized void changed(Instant at) {
        if (changedAt.isEmpty() || changedAt.get().isBefore(at)) {
            changedAt = Option.some(at);
        }
    }

    /**
     * A sync that started at {@code started} ended at {@code ended} (whatever its outcome: an interval is counted
     * from the last attempt, so a failing conduit is not retried at every tick). Changes seen before it started are
     * taken; those seen since call for another.
     */
    synchronized void synced(Instant started, Instant ended) {
        lastCompleted = Option.some(ended);
        syncedOnce = true;
        if (changedAt.exists(at -> !at.isAfter(started))) {
            changedAt = Option.none();
        }
    }

    synchronized Schedule.Due due(Duration quietPeriod, Instant now) {
        return new Schedule.Due(lastCompleted, changedAt, quietPeriod, now);
    }
}
