package dev.conduit.adapter.jobs.remote;

import dev.conduit.adapter.jobs.sync.FileCopyJob;
import dev.conduit.adapter.jobs.sync.Sender;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.plan.SyncAction;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The local copy job that writes what a peer pushes: one per session (its strategy keeps the temporary files in
 * flight, to remove them if the process is stopped), each run reading from the sender its order is given with.
 */
final class ReceivingJob {

    private final Map<JobOrder, Sender> senders = Collections.synchronizedMap(new IdentityHashMap<>());
    private final CopyJob job;

    ReceivingJob(LocalSide local) {
        this.job = FileCopyJob.receiving(local.tree(), local.trash(), local.clock(), local.bandwidth(), senders::get);
    }

    void run(JobOrder order, Sender sender, Iterator<? extends SyncAction.Transfer> actions, JobListener listener) {
        senders.put(order, sender);
        try {
            job.run(order, actions, listener);
        } finally {
            senders.remove(order);
        }
    }

    /** The job itself: for the directories' last touches and the sweep of temporaries. */
    CopyJob job() {
        return job;
    }
}
