package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.plan.SyncAction;
import java.util.List;

/** How entries leave the receiving side: the part of the delete job that depends on where that side is. */
interface DeleteStrategy {

    /**
     * Deletes a run of entries in the order given (children before parents), reporting each; takes no more of them
     * once the order is {@link JobOrder#stopped() stopped}. A failure of one entry is reported and the rest goes on.
     */
    void delete(JobOrder order, List<SyncAction.Delete> actions, JobListener listener);
}
