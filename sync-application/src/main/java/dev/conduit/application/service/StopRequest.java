package dev.conduit.application.service;

import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.domain.conduit.ConduitId;
import java.util.function.BooleanSupplier;

/**
 * Whether a running sync is asked to stop: by this process (Ctrl-C) or by {@code conduit pause} from another one,
 * which the library tells; asked at most four times a second. Once true, true for good.
 */
final class StopRequest implements BooleanSupplier {

    private static final long EVERY_NANOS = 250_000_000L;

    private final ConduitRepository conduits;
    private final ConduitId conduit;
    private final BooleanSupplier interrupted;
    private final Scheduler scheduler;
    private volatile boolean stopped;
    private volatile long checked;

    StopRequest(ConduitRepository conduits, ConduitId conduit, BooleanSupplier interrupted, Scheduler scheduler) {
        this.conduits = conduits;
        this.conduit = conduit;
        this.interrupted = interrupted;
        this.scheduler = scheduler;
        this.checked = scheduler.nanoTime();
    }

    @Override
    public boolean getAsBoolean() {
        if (stopped) {
            return true;
        }
        if (interrupted.getAsBoolean()) {
            stopped = true;
        } else if (scheduler.nanoTime() - checked >= EVERY_NANOS) {
            checked = scheduler.nanoTime();
            stopped = conduits.stopRequested(conduit);
        }
        return stopped;
    }
}
