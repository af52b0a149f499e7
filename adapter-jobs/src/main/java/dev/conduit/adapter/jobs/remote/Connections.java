package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.domain.plan.SyncAction;
import java.util.Iterator;
import java.util.function.BooleanSupplier;

/** What a job over a lost connection does with the actions it never handed over. */
final class Connections {

    private Connections() {}

    /** Fails each action left, with {@code why}, when there is a why (none: the job ended by itself); else leaves them. */
    static void failRest(
            String why, Iterator<? extends SyncAction> rest, BooleanSupplier stopped, JobListener listener) {
        if (why == null) {
            return;
        }
        EntryFailure failure = EntryFailure.ioError(why);
        while (rest.hasNext() && !stopped.getAsBoolean()) {
            listener.failed(rest.next(), failure);
        }
    }
}
