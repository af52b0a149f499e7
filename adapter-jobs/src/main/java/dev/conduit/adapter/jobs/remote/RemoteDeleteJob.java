package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.plan.SyncAction;
import java.io.IOException;
import java.util.Iterator;

/** Deletes in the agent's root, into the agent's trash; this side's library records the trashed versions. */
final class RemoteDeleteJob implements DeleteJob {

    private final RemoteCalls calls;

    RemoteDeleteJob(RemoteCalls calls) {
        this.calls = calls;
    }

    @Override
    public void run(JobOrder order, Iterator<SyncAction.Delete> actions, JobListener listener) {
        int stream = calls.newStream();
        Reports reports = new Reports(calls.link(), stream, listener, new Window());
        calls.link().route(stream, reports);
        try {
            calls.link().send(Frame.of(Frame.Type.DELETE, stream, out -> OrderCodec.write(out, order, order.to())));
            int seq = 0;
            while (actions.hasNext() && !order.stopped()) {
                SyncAction.Delete action = actions.next();
                reports.numbered(seq++, action);
                calls.link().send(Frame.of(Frame.Type.ACTION, stream, out -> ActionCodec.write(out, action)), false);
            }
            calls.link().send(Frame.of(Frame.Type.ACTIONS_END, stream));
        } catch (IOException lost) {
            reports.lost(new ConnectionLost(lost.getMessage(), lost));
        }
        reports.await();
        calls.link().unroute(stream);
    }
}
