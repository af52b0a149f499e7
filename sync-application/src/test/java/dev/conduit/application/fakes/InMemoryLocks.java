package dev.conduit.application.fakes;

import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.domain.conduit.ConduitId;
import io.vavr.control.Option;
import java.util.HashSet;
import java.util.Set;

/** Sync locks in memory; {@link #heldElsewhere} plays a sync of another process. */
public final class InMemoryLocks implements SyncLocks {

    private final Set<ConduitId> held = new HashSet<>();
    private final Set<ConduitId> elsewhere = new HashSet<>();
    private int released;

    public synchronized InMemoryLocks heldElsewhere(ConduitId conduit) {
        elsewhere.add(conduit);
        return this;
    }

    @Override
    public synchronized Option<Held> tryLock(ConduitId conduit) {
        if (elsewhere.contains(conduit) || !held.add(conduit)) {
            return Option.none();
        }
        return Option.some(() -> {
            synchronized (this) {
                held.remove(conduit);
                released++;
            }
        });
    }

    @Override
    public synchronized boolean isLocked(ConduitId conduit) {
        return held.contains(conduit) || elsewhere.contains(conduit);
    }

    /** Whether no lock taken here is still held. */
    public synchronized boolean allReleased() {
        return held.isEmpty();
    }

    /** How many locks taken here were let go. */
    public synchronized int released() {
        return released;
    }
}
