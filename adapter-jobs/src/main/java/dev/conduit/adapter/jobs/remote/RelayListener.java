package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * The agent's job listener: tells the client what the job did, action by action (by the number the action came
 * with), and has both libraries record the versions the job trashes, before they move (ADR 0017): the client's, where
 * its {@code trash list} and {@code trash restore} reach them through the session, and the agent's own, of no
 * conduit there, where they reach them on this host. The client's is asked first: a version whose place it recorded
 * is not recorded twice when the two libraries are one.
 */
class RelayListener implements JobListener {

    private final TrashLedger own;
    private final java.util.Map<Long, Long> ownIds = new ConcurrentHashMap<>();
    private final Link link;
    private final int stream;
    private final ToIntFunction<SyncAction> numbers;
    private final java.util.function.Consumer<SyncAction> finished;
    private final java.util.function.ToLongFunction<SyncAction> resumed;
    private final AtomicInteger tags = new AtomicInteger();
    private final java.util.Map<Integer, CompletableFuture<Seq<Long>>> waiting = new ConcurrentHashMap<>();
    private volatile ConnectionLost lostBy;
    private OwnWrites.Recorder recorder;

    RelayListener(
            TrashLedger own,
            Link link,
            int stream,
            ToIntFunction<SyncAction> numbers,
            java.util.function.Consumer<SyncAction> finished) {
        this(own, link, stream, numbers, finished, action -> 0);
    }

    /** The same, the bytes a resumed transfer did not send again ({@code resumed}) left out of what is reported. */
    RelayListener(
            TrashLedger own,
            Link link,
            int stream,
            ToIntFunction<SyncAction> numbers,
            java.util.function.Consumer<SyncAction> finished,
            java.util.function.ToLongFunction<SyncAction> resumed) {
        this.own = own;
        this.resumed = resumed;
        this.link = link;
        this.stream = stream;
        this.numbers = numbers;
        this.finished = finished;
    }

    /** Records every result in the agent's own library too, before the client hears of it (ADR 0051). */
    RelayListener recordingInto(OwnWrites.Recorder recorder) {
        this.recorder = recorder;
        return this;
    }

    @Override
    public void done(SyncAction action, Option<IndexEntry> result, long bytes) {
        if (recorder != null) {
            recorder.done(action, result);
        }
        int seq = numbers.applyAsInt(action);
        long sent = Math.max(0, bytes - resumed.applyAsLong(action));
        finished.accept(action);
        sendSoon(Frame.of(Frame.Type.DONE, stream, out -> {
            out.writeInt(seq);
            EntryCodec.writeOption(out, result);
            out.writeLong(sent);
        }));
    }

    @Override
    public void transferring(SyncAction action, long bytesSoFar) {
        sendSoon(Frame.of(Frame.Type.TRANSFERRING, stream, out -> {
            out.writeInt(numbers.applyAsInt(action));
            out.writeLong(bytesSoFar);
        }));
    }

    @Override
    public void failed(SyncAction action, EntryFailure failure) {
        report(action, failure, false);
    }

    @Override
    public void unreadable(SyncAction action, EntryFailure failure) {
        report(action, failure, true);
    }

    private void report(SyncAction action, EntryFailure failure, boolean unreadable) {
        int seq = numbers.applyAsInt(action);
        finished.accept(action);
        sendSoon(Frame.of(Frame.Type.FAILED, stream, out -> {
            out.writeInt(seq);
            FailureCodec.write(out, failure);
            out.writeBoolean(unreadable);
        }));
    }

    @Override
    public Seq<Long> trashing(Seq<TrashedVersion.New> versions) {
        Seq<Long> ids = relayTrashing(versions);
        Seq<Option<Long>> mine = own.recordPendingForAnotherHost(versions);
        ids.zip(mine).forEach(pair -> pair._2().forEach(id -> ownIds.put(pair._1(), id)));
        return ids;
    }

    /** Has the client's library record the versions, pending; their ids there. */
    private Seq<Long> relayTrashing(Seq<TrashedVersion.New> versions) {
        int tag = tags.incrementAndGet();
        CompletableFuture<Seq<Long>> ids = new CompletableFuture<>();
        waiting.put(tag, ids);
        if (lostBy != null) {
            ids.completeExceptionally(lostBy);
        }
        send(Frame.of(Frame.Type.TRASHING, stream, out -> {
            out.writeInt(tag);
            out.writeInt(versions.size());
            for (TrashedVersion.New version : versions) {
                TrashCodec.write(out, version);
            }
        }));
        try {
            return ids.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the client recorded the trash", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the client could not record the trash: " + e.getCause(), e);
        } finally {
            waiting.remove(tag);
        }
    }

    /** The client's answer to a {@link #trashing} (a TRASH_IDS frame). */
    void answered(Frame frame) throws IOException {
        var in = frame.read();
        int tag = in.readInt();
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (int count = in.readInt(); count > 0; count--) {
            ids.add(in.readLong());
        }
        CompletableFuture<Seq<Long>> waiter = waiting.get(tag);
        if (waiter != null) {
            waiter.complete(List.ofAll(ids));
        }
    }

    /** The connection is gone: no trash record comes. */
    void lost(ConnectionLost why) {
        lostBy = why;
        waiting.values().forEach(waiter -> waiter.completeExceptionally(why));
    }

    @Override
    public void trashed(long id) {
        Long mine = ownIds.remove(id);
        if (mine != null) {
            own.confirm(List.of(mine));
        }
        send(Frame.of(Frame.Type.TRASHED, stream, out -> out.writeLong(id)));
    }

    @Override
    public void notTrashed(long id) {
        Long mine = ownIds.remove(id);
        if (mine != null) {
            own.forget(mine);
        }
        send(Frame.of(Frame.Type.NOT_TRASHED, stream, out -> out.writeLong(id)));
    }

    /** A job's report: flushed within a moment, with the reports that follow it at once. */
    private void sendSoon(Frame frame) {
        try {
            link.sendSoon(frame);
        } catch (IOException gone) {
            // the client is gone; it settles what it heard of with its next sync
        }
    }

    private void send(Frame frame) {
        try {
            link.send(frame);
        } catch (IOException gone) {
            // the client is gone; it settles what it heard of with its next sync
        }
    }
}
