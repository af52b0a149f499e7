package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.sync.SyncAction;

/** How an entry leaves the receiving side: the part of the delete job that depends on where that side is. */
interface DeleteStrategy {

    void delete(JobOrder order, SyncAction.Delete action, JobListener listener);
}
