package dev.conduit.application.port.in;

import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.plan.SyncAction;

/** Hears how a sync goes. Called from job threads too: implementations are thread-safe and quick. */
public interface SyncListener {

    SyncListener NONE = new SyncListener() {};

    /** A new phase begins, with the plan's totals (none while indexing). */
    default void phase(SyncPhase phase, long files, long bytes) {}

    /**
     * Where the sync has got to: once a second while it works, and as each phase begins. The same figures reach the
     * library for {@code status} in other processes.
     */
    default void progress(dev.conduit.domain.generation.SyncProgress progress) {}

    /** An index scan found something worth saying. */
    default void scanned(IndexReport report) {}

    /** An action was carried out ({@code bytes} of content written). */
    default void done(SyncAction action, long bytes) {}

    /** An entry could not be scanned, read or written; it is left as it was and the sync goes on. */
    default void error(EntryError error) {}

    /** A bidirectional plan found a conflict; its settlement says what happens to it. */
    default void conflict(Conflict conflict) {}
}
