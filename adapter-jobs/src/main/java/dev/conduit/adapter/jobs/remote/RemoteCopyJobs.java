package dev.conduit.adapter.jobs.remote;

import dev.conduit.adapter.jobs.sync.ForwardingJobListener;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/** The copy jobs of a session: this machine pushing into the agent, and the agent pushing into this machine. */
final class RemoteCopyJobs {

    /** Actions handed to the agent that it has not pushed back yet, at most. */
    static final int AHEAD = 1024;

    private RemoteCopyJobs() {}

    /** Pushes local files into the agent's root; the agent writes them and reports each. */
    static final class Into implements CopyJob {
        private final RemoteCalls calls;
        private final LocalSide local;

        Into(RemoteCalls calls, LocalSide local) {
            this.calls = calls;
            this.local = local;
        }

        @Override
        public void run(JobOrder order, Iterator<? extends SyncAction.Transfer> actions, JobListener listener) {
            if (!actions.hasNext()) {
                return; // nothing to push: no job is sent, and no round trip spent on it (ADR 0062)
            }
            int stream = calls.newStream();
            Window window = new Window();
            Reports reports = new Reports(calls.link(), stream, listener, window);
            calls.link().route(stream, reports);
            try {
                calls.writing();
                calls.link()
                        .send(Frame.of(Frame.Type.COPY_INTO, stream, out -> OrderCodec.write(out, order, order.to())));
                new Pusher(
                                calls.link(),
                                stream,
                                order.from(),
                                local.tree(),
                                local.bandwidth().throttle(order.bandwidth()),
                                window,
                                reports.resumes())
                        .push(actions, order::stopped, reports::numbered);
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

        @Override
        public Seq<Finished> finishDirectories(Path root, Seq<FinishedDirectory> directories) {
            return RemoteCopyJobs.finishDirectories(calls, root, directories);
        }

        @Override
        public void sweepTemporaries(Path root, Seq<RelativePath> temporaries) {
            RemoteCopyJobs.sweepTemporaries(calls, root, temporaries);
        }
    }

    /** Has the agent push its files; this side writes them as a local copy job does. */
    static final class From implements CopyJob {
        private final RemoteCalls calls;
        private final LocalSide local;
        private final ReceivingJob receiving;

        From(RemoteCalls calls, LocalSide local, ReceivingJob receiving) {
            this.calls = calls;
            this.local = local;
            this.receiving = receiving;
        }

        @Override
        public void run(JobOrder order, Iterator<? extends SyncAction.Transfer> actions, JobListener listener) {
            if (!actions.hasNext()) {
                return; // nothing for the agent to push: no job is sent (ADR 0062)
            }
            int stream = calls.newStream();
            Partials partials = Partials.beside(local.trash().directory());
            partials.sweep(local.clock().instant());
            Receiver receiver = new Receiver(calls.link(), stream, frame -> {}, partials, order.to());
            Forwarder forwarder = new Forwarder(calls.link(), stream, order, actions);
            receiver.onArrival(forwarder::arrived);
            calls.link().route(stream, receiver);
            try {
                calls.link()
                        .send(Frame.of(
                                Frame.Type.COPY_FROM, stream, out -> OrderCodec.write(out, order, order.from())));
                forwarder.start();
                receiving.run(order, receiver, receiver.actions(), new Finishing(listener, receiver));
                forwarder.stop();
                calls.link().send(Frame.of(Frame.Type.JOB_END, stream));
            } catch (IOException lost) {
                // told below
            } finally {
                forwarder.stop();
                calls.link().unroute(stream);
                receiver.close();
            }
            if (receiver.lostBy() != null) { // what was handed over and never came back, and the rest, fail with it
                String why = receiver.lostBy().getMessage();
                forwarder.unanswered().forEach(action -> listener.failed(action, EntryFailure.ioError(why)));
                Connections.failRest(why, actions, order::stopped, listener);
            }
        }

        @Override
        public Seq<Finished> finishDirectories(Path root, Seq<FinishedDirectory> directories) {
            return receiving.job().finishDirectories(root, directories);
        }

        @Override
        public void sweepTemporaries(Path root, Seq<RelativePath> temporaries) {
            receiving.job().sweepTemporaries(root, temporaries);
        }
    }

    /**
     * Hands the actions to the agent as the caller gives them, on a thread of its own, at most {@link #AHEAD} ahead of
     * those the agent pushed back (which come back in the same order): the agent never queues a whole plan.
     */
    private static final class Forwarder {
        private final Link link;
        private final int stream;
        private final JobOrder order;
        private final Iterator<? extends SyncAction.Transfer> actions;
        private final java.util.concurrent.Semaphore ahead = new java.util.concurrent.Semaphore(AHEAD);
        private final java.util.Deque<SyncAction.Transfer> unanswered =
                new java.util.concurrent.ConcurrentLinkedDeque<>();
        private final Thread thread;

        Forwarder(Link link, int stream, JobOrder order, Iterator<? extends SyncAction.Transfer> actions) {
            this.link = link;
            this.stream = stream;
            this.order = order;
            this.actions = actions;
            this.thread = new Thread(this::forward, "conduit-copy-forward");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void forward() {
            try {
                while (!order.stopped()) {
                    ahead.acquire(); // before an action is taken: one taken is always handed over
                    if (!actions.hasNext()) {
                        break;
                    }
                    SyncAction.Transfer action = actions.next();
                    unanswered.addLast(action);
                    // flushed within a moment with those handed meanwhile: the agent may wait for the next one
                    link.sendSoon(Frame.of(Frame.Type.ACTION, stream, out -> ActionCodec.write(out, action)));
                }
                link.send(Frame.of(Frame.Type.ACTIONS_END, stream));
            } catch (IOException lost) {
                // the receiving job hears it from the link
            } catch (InterruptedException over) {
                Thread.currentThread().interrupt(); // the job ended first
            }
        }

        /** The agent pushed the oldest action handed over back (on the link's reader: it does not wait). */
        void arrived() {
            unanswered.pollFirst();
            ahead.release();
        }

        /** Stops handing actions over, and waits until the thread is done with the caller's iterator. */
        void stop() {
            if (thread.isAlive()) {
                thread.interrupt();
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        java.util.Collection<SyncAction.Transfer> unanswered() {
            return unanswered;
        }
    }

    /** Passes reports on, and tells the receiver which actions are over (what more comes for them is dropped). */
    private static final class Finishing extends ForwardingJobListener {
        private final Receiver receiver;

        Finishing(JobListener listener, Receiver receiver) {
            super(listener);
            this.receiver = receiver;
        }

        @Override
        public void done(SyncAction action, Option<IndexEntry> result, long bytes) {
            long sent = Math.max(0, bytes - receiver.resumed(action)); // what a cut transfer left was not sent again
            receiver.finished(action);
            super.done(action, result, sent);
        }

        @Override
        public void failed(SyncAction action, EntryFailure failure) {
            receiver.finished(action);
            super.failed(action, failure);
        }

        @Override
        public void unreadable(SyncAction action, EntryFailure failure) {
            receiver.finished(action);
            super.unreadable(action, failure);
        }
    }

    /**
     * The agent answers with the directories it finished as its lstat found them right after (ADR 0059); an agent
     * before that answers nothing, and nothing is recorded of them. Nothing is asked when there is nothing to finish:
     * a sync with nothing to do makes no round trip for it (ADR 0057).
     */
    static Seq<CopyJob.Finished> finishDirectories(
            RemoteCalls calls, Path root, Seq<CopyJob.FinishedDirectory> directories) {
        if (directories.isEmpty()) {
            return io.vavr.collection.List.empty();
        }
        try {
            return calls.call(
                    Calls.Op.FINISH_DIRECTORIES,
                    out -> {
                        Wire.string(out, root.toString());
                        out.writeInt(directories.size());
                        for (CopyJob.FinishedDirectory directory : directories) {
                            PathCodec.write(out, directory.path());
                            out.writeInt(directory.mode());
                            out.writeLong(directory.mtimeNanos());
                            out.writeInt(directory.uid());
                            out.writeInt(directory.gid());
                        }
                    },
                    RemoteCopyJobs::finished);
        } catch (IOException bestEffort) {
            // a directory's time and bits are restored best effort; the next sync tries again
            return io.vavr.collection.List.empty();
        }
    }

    /** The directories an agent finished: none from one that answers nothing. */
    static Seq<CopyJob.Finished> finished(java.io.DataInputStream in) throws IOException {
        if (in.available() == 0) {
            return io.vavr.collection.List.empty();
        }
        int count = in.readInt();
        java.util.List<CopyJob.Finished> finished = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            finished.add(new CopyJob.Finished(PathCodec.read(in), StatCodec.read(in)));
        }
        return io.vavr.collection.List.ofAll(finished);
    }

    static void finished(java.io.DataOutput out, Seq<CopyJob.Finished> finished) throws IOException {
        out.writeInt(finished.size());
        for (CopyJob.Finished directory : finished) {
            PathCodec.write(out, directory.path());
            StatCodec.write(out, directory.stat());
        }
    }

    static void sweepTemporaries(RemoteCalls calls, Path root, Seq<RelativePath> temporaries) {
        try {
            calls.call(
                    Calls.Op.SWEEP_TEMPORARIES,
                    out -> {
                        Wire.string(out, root.toString());
                        out.writeInt(temporaries.size());
                        for (RelativePath temporary : temporaries) {
                            PathCodec.write(out, temporary);
                        }
                    },
                    in -> null);
        } catch (IOException bestEffort) {
            // swept by the next sync
        }
    }
}
