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
    Either<Failure, PlanReport> plan(PlanQuery query);

    /** Indexes, resolves, copies, deletes and verifies: one generation. */
    Either<Failure, SyncReport> sync(Command command);

    /**
     * Asks the conduit's sync, running in another process, to stop at its next safe point (between files, with
     * nothing half-written), and waits until it has. The next sync carries on where it stopped.
     */
    Either<Failure, Conduit> pause(String ref);

    /**
     * Sync the conduit {@code ref} names.
     *
     * @param listener hears the phases, the progress, the errors and the conflicts as they come
     */
    record Command(String ref, Options options, SyncListener listener) {

        /** With the default options: no force, the default delete limit, never interrupted. */
        public Command(String ref, SyncListener listener) {
            this(ref, Options.DEFAULT, listener);
        }
    }

    /**
     * Plan the sync of the conduit {@code ref} names, without carrying it out.
     *
     * @param actions  hears the plan, action by action
     * @param listener hears the scans, the entries the receiving side refuses, and the conflicts
     */
    /**
     * @param recorded plan from the indexes as recorded, scanning no root whose index is known (what a plan of a
     *                 conduit does while the conduit's own sync runs: ADR 0054)
     */
    record PlanQuery(
            String ref, Consumer<SyncAction> actions, SyncListener listener, boolean fullResolve, boolean recorded) {

        public PlanQuery(String ref, Consumer<SyncAction> actions, SyncListener listener, boolean fullResolve) {
            this(ref, actions, listener, fullResolve, false);
        }

        /** A plan that reads only what changed since the last verified sync, when it can (ADR 0031). */
        public PlanQuery(String ref, Consumer<SyncAction> actions, SyncListener listener) {
            this(ref, actions, listener, false);
        }

        /** The same plan, from the indexes as recorded. */
        public PlanQuery fromRecordedIndexes() {
            return new PlanQuery(ref, actions, listener, fullResolve, true);
        }
    }

    /**
     * @param force       accept a root that is suddenly empty or was replaced, and a plan beyond the delete limit
     * @param interrupted whether the user asked this process to stop (Ctrl-C): the sync then stops as if paused
     * @param fullResolve join both indexes whole, even when the change journal could say what changed (ADR 0031)
     * @param verifyAll   verify by resolving both indexes whole, not only the paths that changed
     * @param live        the roots whose index a running service keeps live: not scanned before resolving
     */
    record Options(
            boolean force,
            DeleteLimit deleteLimit,
            java.util.function.BooleanSupplier interrupted,
            boolean fullResolve,
            boolean verifyAll,
            LiveIndex live) {

        public static final Options DEFAULT = new Options(false, DeleteLimit.DEFAULT);

        public Options {
            if (deleteLimit == null || interrupted == null || live == null) {
                throw new IllegalArgumentException("deleteLimit, interrupted and live are required");
            }
        }

        /** Every root scanned before resolving (no service keeps any live). */
        public Options(
                boolean force,
                DeleteLimit deleteLimit,
                java.util.function.BooleanSupplier interrupted,
                boolean fullResolve,
                boolean verifyAll) {
            this(force, deleteLimit, interrupted, fullResolve, verifyAll, LiveIndex.NONE);
        }

        public Options(boolean force, DeleteLimit deleteLimit, java.util.function.BooleanSupplier interrupted) {
            this(force, deleteLimit, interrupted, false, false);
        }

        public Options(boolean force, DeleteLimit deleteLimit) {
            this(force, deleteLimit, () -> false);
        }

        /** The same options, with these roots taken from a live index. */
        public Options withLive(LiveIndex index) {
            return new Options(force, deleteLimit, interrupted, fullResolve, verifyAll, index);
        }

        /** The same options, also stopped at a safe point when {@code stop} says so (a stopping daemon, say). */
        public Options alsoInterruptedBy(java.util.function.BooleanSupplier stop) {
            java.util.function.BooleanSupplier asked = interrupted;
            return new Options(
                    force,
                    deleteLimit,
                    () -> asked.getAsBoolean() || stop.getAsBoolean(),
                    fullResolve,
                    verifyAll,
                    live);
        }
    }
}
