package dev.conduit.application.port.in;

import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.plan.DeleteLimit;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.control.Either;
import java.util.function.Consumer;

/** Plan and run the sync of a conduit. */
public interface SyncConduit {

    /**
     * Brings both indexes up to date and hands out the plan, action by action in the order a sync would run it.
     * Changes nothing on disk or in the conduit's sync state.
     */
    Either<Failure, PlanReport> plan(String ref, Consumer<SyncAction> actions, SyncListener listener);

    /** Indexes, resolves, copies, deletes and verifies: one generation. */
    Either<Failure, SyncReport> sync(String ref, Options options, SyncListener listener);

    /**
     * Asks the conduit's sync, running in another process, to stop at its next safe point (between files, with
     * nothing half-written), and waits until it has. The next sync carries on where it stopped.
     */
    Either<Failure, Conduit> pause(String ref);

    /**
     * @param force       accept a root that is suddenly empty or was replaced, and a plan beyond the delete limit
     * @param interrupted whether the user asked this process to stop (Ctrl-C): the sync then stops as if paused
     */
    record Options(boolean force, DeleteLimit deleteLimit, java.util.function.BooleanSupplier interrupted) {

        public static final Options DEFAULT = new Options(false, DeleteLimit.DEFAULT);

        public Options(boolean force, DeleteLimit deleteLimit) {
            this(force, deleteLimit, () -> false);
        }
    }
}
