package dev.conduit.application.port.in;

import dev.conduit.domain.sync.DeleteLimit;
import dev.conduit.domain.sync.SyncAction;
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
     * @param force accept a root that is suddenly empty or was replaced, and a plan beyond the delete limit
     */
    record Options(boolean force, DeleteLimit deleteLimit) {

        public static final Options DEFAULT = new Options(false, DeleteLimit.DEFAULT);
    }
}
