package dev.conduit.adapter.jobs.remote;

import dev.conduit.adapter.jobs.sync.ForwardingJobListener;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.plan.SyncAction;
import java.io.IOException;
import java.util.Iterator;

/** Deletes in the agent's root, into the agent's trash; this side's library records the trashed versions. */
final class RemoteDeleteJob implements DeleteJob {

    /** Deletes handed to the agent that it has not reported on yet, at most. */
    static final int AHEAD = 1024;

    private final RemoteCalls calls;

    RemoteDeleteJob(RemoteCalls calls) {
        this.calls = calls;
    }

    @Override
    public void run(JobOrder order, Iterator<SyncAction.Delete> actions, JobListener listener) {
        if (!actions.hasNext()) {
            return; // a job with nothing to delete would cost a round trip and do nothing there (ADR 0062)
        }
        int stream = calls.newStream();
        java.util.concurrent.Semaphore ahead = new java.util.concurrent.Semaphore(AHEAD);
        Reports reports = new Reports(calls.link(), stream, new Releasing(listener, ahead), new Window());
        reports.onEnd(() -> ahead.release(AHEAD * 2));
        calls.link().route(stream, reports);
        try {
            calls.writing();
            calls.link().send(Frame.of(Frame.Type.DELETE, stream, out -> OrderCodec.write(out, order, order.to())));
            int seq = 0;
            while (actions.hasNext() && !order.stopped()) {
                SyncAction.Delete action = actions.next();
                ahead.acquire(); // at most AHEAD deletes the agent has not reported on
                if (reports.ended()) {
                    break;
                }
                reports.numbered(seq++, action);
                calls.link().send(Frame.of(Frame.Type.ACTION, stream, out -> ActionCodec.write(out, action)), false);
            }
            calls.link().send(Frame.of(Frame.Type.ACTIONS_END, stream));
        } catch (IOException lost) {
            reports.lost(new ConnectionLost(lost.getMessage(), lost));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reports.lost(new ConnectionLost("interrupted", e));
        }
        reports.await();
        reports.failRest(actions, order::stopped);
        calls.link().unroute(stream);
    }

    /** Passes reports on, and frees a place for the next delete with each. */
    private static final class Releasing extends ForwardingJobListener {
        private final java.util.concurrent.Semaphore ahead;

        Releasing(JobListener listener, java.util.concurrent.Semaphore ahead) {
            super(listener);
            this.ahead = ahead;
        }

        @Override
        public void done(
                SyncAction action, io.vavr.control.Option<dev.conduit.domain.index.IndexEntry> result, long bytes) {
            super.done(action, result, bytes);
            ahead.release();
        }

        @Override
        public void failed(SyncAction action, dev.conduit.application.port.in.EntryFailure failure) {
            super.failed(action, failure);
            ahead.release();
        }

        @Override
        public void unreadable(SyncAction action, dev.conduit.application.port.in.EntryFailure failure) {
            super.unreadable(action, failure);
            ahead.release();
        }
    }
}
