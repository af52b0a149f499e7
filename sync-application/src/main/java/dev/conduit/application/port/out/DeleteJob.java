package dev.conduit.application.port.out;

import dev.conduit.domain.plan.SyncAction;
import java.util.Iterator;

/**
 * Carries out the deletes of a plan in {@link JobOrder#to()}, in the order given (children before parents): into the
 * trash when the order has one, for good otherwise. An entry that no longer matches the index is left and reported;
 * a directory is removed only when it is empty.
 */
public interface DeleteJob {

    void run(JobOrder order, Iterator<SyncAction.Delete> actions, JobListener listener);
}
