package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.Seq;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The client's route for a job the agent runs: passes the agent's reports to the job's listener, action by action,
 * records the versions the agent trashes in this side's library (answering with their ids), and hears the job end.
 * A job whose connection is lost fails every action it had not reported: nothing was lost, the next sync sees them.
 */
final class Reports implements Link.Route {

    private final Link link;
    private final int stream;
    private final JobListener listener;
    private final Window window;
    private final ResumeOffsets resumes = new ResumeOffsets();
    private final Map<Integer, SyncAction> actions = new ConcurrentHashMap<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile String failure;
    private volatile Runnable onEnd = () -> {};

    Reports(Link link, int stream, JobListener listener, Window window) {
        this.link = link;
        this.stream = stream;
        this.listener = listener;
        this.window = window;
    }

    /** Runs once the job ended (or its connection did). */
    void onEnd(Runnable hook) {
        this.onEnd = hook;
    }

    boolean ended() {
        return ended.getCount() == 0;
    }

    /** Where the agent asks resumable files to start. */
    ResumeOffsets resumes() {
        return resumes;
    }

    void numbered(int seq, SyncAction action) {
        actions.put(seq, action);
    }

    @Override
    public void accept(Frame frame) throws IOException {
        DataInputStream in = frame.read();
        switch (frame.type()) {
            case CREDIT -> window.release(in.readLong());
            case RESUME_AT -> resumes.answer(frame);
            case DONE -> {
                SyncAction action = actions.remove(in.readInt());
                var result = EntryCodec.readOption(in);
                long bytes = in.readLong();
                if (action != null) {
                    listener.done(action, result, bytes);
                }
            }
            case FAILED -> failed(in);
            case TRANSFERRING -> {
                SyncAction action = actions.get(in.readInt());
                long bytes = in.readLong();
                if (action != null) {
                    listener.transferring(action, bytes);
                }
            }
            case TRASHING -> trashing(in);
            case TRASHED -> listener.trashed(in.readLong());
            case NOT_TRASHED -> listener.notTrashed(in.readLong());
            case ERROR -> end(Wire.string(in));
            case JOB_END -> end(null);
            default -> throw new ProtocolException("a " + frame.type() + " frame in a job's reports");
        }
    }

    private void failed(DataInputStream in) throws IOException {
        SyncAction action = actions.remove(in.readInt());
        EntryFailure why = FailureCodec.read(in);
        boolean unreadable = in.readBoolean();
        if (action != null && unreadable) {
            listener.unreadable(action, why);
        } else if (action != null) {
            listener.failed(action, why);
        }
    }

    private void trashing(DataInputStream in) throws IOException {
        int tag = in.readInt();
        java.util.List<TrashedVersion.New> versions = new java.util.ArrayList<>();
        for (int count = in.readInt(); count > 0; count--) {
            versions.add(TrashCodec.read(in));
        }
        Seq<Long> ids = listener.trashing(io.vavr.collection.List.ofAll(versions));
        link.send(Frame.of(Frame.Type.TRASH_IDS, stream, out -> {
            out.writeInt(tag);
            out.writeInt(ids.size());
            for (long id : ids) {
                out.writeLong(id);
            }
        }));
    }

    @Override
    public void lost(ConnectionLost why) {
        end(why.getMessage());
    }

    private void end(String why) {
        failure = why;
        window.end();
        resumes.end();
        ended.countDown();
        onEnd.run();
    }

    /** Waits for the job's end; then fails what it did not report (all of it when the connection was lost). */
    void await() {
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String why = failure == null
                ? "not carried out: the agent's job stopped before it (the next sync takes it)"
                : failure;
        for (SyncAction action : actions.values()) {
            listener.failed(action, EntryFailure.ioError(why));
        }
        actions.clear();
    }

    /**
     * After {@link #await}: when the connection was lost (or the agent refused the job), the actions not handed to it
     * fail with the reason too, each an entry's failure as the job's contract says; a job that stopped by itself (a
     * full disk there, or asked to) leaves them for the next sync, as a local job does.
     */
    void failRest(java.util.Iterator<? extends SyncAction> rest, java.util.function.BooleanSupplier stopped) {
        Connections.failRest(failure, rest, stopped, listener);
    }
}
