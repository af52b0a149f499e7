package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.plan.SyncAction;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Iterator;

/**
 * The delete job: runs deletes one after another in the order given, children before parents (a rename into the
 * trash is quick; running them in parallel would break that order).
 */
public final class FileDeleteJob implements DeleteJob {

    /**
     * Deletes handed to the strategy at once: the versions they trash are recorded in the library in one write (a
     * write per version cost as much as the renames themselves).
     */
    static final int RUN = 256;

    private final DeleteStrategy local;

    @Inject
    public FileDeleteJob(FileTree tree, TrashFolder trash, Clock clock) {
        this(new LocalDeleteStrategy(new LocalDisk(tree), new LocalTrash(trash, clock)));
    }

    /** The job over a strategy of one's choosing: how tests make the disk fail. */
    FileDeleteJob(DeleteStrategy strategy) {
        this.local = strategy;
    }

    @Override
    public void run(JobOrder order, Iterator<SyncAction.Delete> actions, JobListener listener) {
        DeleteStrategy strategy = strategyFor(order);
        while (actions.hasNext() && !order.stopped()) { // asked to stop: the rest waits for the next sync
            java.util.List<SyncAction.Delete> run = new java.util.ArrayList<>(RUN);
            while (run.size() < RUN && actions.hasNext()) {
                run.add(actions.next());
            }
            strategy.delete(order, run, listener);
        }
    }

    /** Both roots are on this machine today; a remote endpoint will bring its own strategy. */
    private DeleteStrategy strategyFor(JobOrder order) {
        return local;
    }
}
