package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * Passes every report on to another listener: a job's wrapper overrides only the reports it also acts on (a full disk
 * noticed, a place freed for the next action, a receiver told an action is over).
 */
public abstract class ForwardingJobListener implements JobListener {

    private final JobListener listener;

    protected ForwardingJobListener(JobListener listener) {
        this.listener = listener;
    }

    @Override
    public void done(SyncAction action, Option<IndexEntry> result, long bytes) {
        listener.done(action, result, bytes);
    }

    @Override
    public void transferring(SyncAction action, long bytesSoFar) {
        listener.transferring(action, bytesSoFar);
    }

    @Override
    public void failed(SyncAction action, EntryFailure failure) {
        listener.failed(action, failure);
    }

    @Override
    public void unreadable(SyncAction action, EntryFailure failure) {
        listener.unreadable(action, failure);
    }

    @Override
    public Seq<Long> trashing(Seq<TrashedVersion.New> versions) {
        return listener.trashing(versions);
    }

    @Override
    public void trashed(long id) {
        listener.trashed(id);
    }

    @Override
    public void notTrashed(long id) {
        listener.notTrashed(id);
    }
}
