package dev.conduit.adapter.jobs.remote;

import dev.conduit.adapter.jobs.sync.FileDeleteJob;
import dev.conduit.adapter.jobs.sync.Throttle;
import dev.conduit.domain.plan.SyncAction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;

/** The agent's jobs: copies it receives, copies it sends, deletes in its roots. */
final class AgentJobs {

    private final AgentServer.Library library;
    private final AgentServer.Roots roots;
    private final Link link;
    private final OwnWrites own;

    AgentJobs(AgentServer.Library library, AgentServer.Roots roots, Link link, OwnWrites own) {
        this.library = library;
        this.roots = roots;
        this.link = link;
        this.own = own;
    }

    /** The client pushes; the agent writes as a local copy job does, and reports each action back. */
    void copyInto(Frame request, Inbox inbox, ReceivingJob job) throws IOException {
        OrderCodec.Ordered ordered = OrderCodec.read(request.read());
        Path root = roots.check(ordered.root());
        int stream = request.stream();
        Partials partials = Partials.beside(library.trash().directory());
        partials.sweep(library.clock().instant());
        Receiver receiver = new Receiver(link, stream, frame -> {}, partials, root);
        OwnWrites.Recorder recorder = own.recorder(root);
        RelayListener listener = new RelayListener(
                        library.ledger(), link, stream, receiver::seqOf, receiver::finished, receiver::resumed)
                .recordingInto(recorder);
        Thread pump = pump(inbox, receiver, listener);
        try {
            job.run(ordered.receiving(root), receiver, receiver.actions(), listener);
            recorder.flush();
            link.send(Frame.of(Frame.Type.JOB_END, stream));
        } finally {
            pump.interrupt();
            receiver.close();
        }
    }

    /** Feeds the frames of a stream to the receiver (and the trash answers to the listener), off the link's reader. */
    private static Thread pump(Inbox inbox, Receiver receiver, RelayListener listener) {
        Thread pump = new Thread(
                () -> {
                    try {
                        while (true) {
                            Frame frame = inbox.take();
                            if (frame.type() == Frame.Type.TRASH_IDS) {
                                listener.answered(frame);
                            } else {
                                receiver.accept(frame);
                            }
                        }
                    } catch (ConnectionLost lost) {
                        if (!Thread.currentThread().isInterrupted()) {
                            receiver.lost(lost);
                            listener.lost(lost);
                        }
                    } catch (IOException broken) {
                        ConnectionLost lost = new ConnectionLost(broken.getMessage(), broken);
                        receiver.lost(lost);
                        listener.lost(lost);
                    }
                },
                "conduit-agent-pump");
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    /** The client hands the actions; the agent pushes their bytes in the window the client's credits open. */
    void copyFrom(Frame request, Inbox inbox) throws IOException {
        OrderCodec.Ordered ordered = OrderCodec.read(request.read());
        Path root = roots.check(ordered.root());
        int stream = request.stream();
        Window window = new Window();
        ResumeOffsets resumes = new ResumeOffsets();
        LinkedBlockingQueue<Object> actions = new LinkedBlockingQueue<>();
        Object end = new Object();
        Thread feeder = new Thread(
                () -> {
                    try {
                        while (true) {
                            Frame frame = inbox.take();
                            switch (frame.type()) {
                                case ACTION -> actions.add(ActionCodec.readTransfer(frame.read()));
                                case ACTIONS_END -> actions.add(end);
                                case CREDIT -> window.release(frame.read().readLong());
                                case RESUME_AT -> resumes.answer(frame);
                                case JOB_END -> {
                                    window.end();
                                    resumes.end();
                                    actions.add(end);
                                }
                                default -> {}
                            }
                        }
                    } catch (IOException gone) {
                        window.end();
                        resumes.end();
                        actions.add(end);
                    }
                },
                "conduit-agent-feed");
        feeder.setDaemon(true);
        feeder.start();
        Pusher pusher =
                new Pusher(link, stream, root, library.tree(), new Throttle(ordered.bandwidth()), window, resumes);
        try {
            pusher.push(queued(actions, end), window::ended, (seq, action) -> {});
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            feeder.interrupt();
        }
    }

    private static Iterator<SyncAction.Transfer> queued(LinkedBlockingQueue<Object> queue, Object end) {
        return new Pusher.Handed() {
            private Object next;

            @Override
            public boolean ready() {
                return next != null || !queue.isEmpty();
            }

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        next = end;
                    }
                }
                if (next == end) {
                    queue.add(end);
                }
                return next != end;
            }

            @Override
            public SyncAction.Transfer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SyncAction.Transfer taken = (SyncAction.Transfer) next;
                next = null;
                return taken;
            }
        };
    }

    /** Deletes in an agent's root, into its trash; the client's library and the agent's record the versions. */
    void delete(Frame request, Inbox inbox) throws IOException {
        OrderCodec.Ordered ordered = OrderCodec.read(request.read());
        Path root = roots.check(ordered.root());
        int stream = request.stream();
        DeleteFeed feed = new DeleteFeed(inbox);
        RelayListener listener = new RelayListener(library.ledger(), link, stream, feed::seqOf, feed::forget) {
            @Override
            public io.vavr.collection.Seq<Long> trashing(
                    io.vavr.collection.Seq<dev.conduit.domain.trash.TrashedVersion.New> versions) {
                return feed.trashing(() -> super.trashing(versions), this);
            }
        };
        OwnWrites.Recorder recorder = own.recorder(root);
        listener.recordingInto(recorder);
        new FileDeleteJob(library.tree(), library.trash(), library.clock())
                .run(ordered.receiving(root), feed, listener);
        recorder.flush();
        link.send(Frame.of(Frame.Type.JOB_END, stream));
    }

    /**
     * The deletes the client hands, read on the job's own thread; the client's answers to its trash records come
     * on the same stream, between them.
     */
    private static final class DeleteFeed implements Iterator<SyncAction.Delete> {
        private final Inbox inbox;
        private final Deque<Frame> early = new ArrayDeque<>();
        private final java.util.Map<SyncAction, Integer> numbers = new java.util.IdentityHashMap<>();
        private SyncAction.Delete next;
        private boolean ended;
        private int seq;

        DeleteFeed(Inbox inbox) {
            this.inbox = inbox;
        }

        int seqOf(SyncAction action) {
            return numbers.getOrDefault(action, -1);
        }

        /** The delete is reported: its number is not asked again. */
        void forget(SyncAction action) {
            numbers.remove(action);
        }

        @Override
        public boolean hasNext() {
            while (next == null && !ended) {
                try {
                    Frame frame = early.isEmpty() ? inbox.take() : early.poll();
                    if (frame.type() == Frame.Type.ACTION) {
                        next = ActionCodec.readDelete(frame.read());
                        numbers.put(next, seq++);
                    } else if (frame.type() == Frame.Type.ACTIONS_END) {
                        ended = true;
                    }
                } catch (IOException gone) {
                    ended = true;
                }
            }
            return next != null;
        }

        @Override
        public SyncAction.Delete next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            SyncAction.Delete taken = next;
            next = null;
            return taken;
        }

        /** Sends the record request, then reads the stream up to its answer, keeping the deletes that come first. */
        io.vavr.collection.Seq<Long> trashing(
                java.util.function.Supplier<io.vavr.collection.Seq<Long>> ask, RelayListener listener) {
            Thread waiter = new Thread(() -> {
                try {
                    while (true) {
                        Frame frame = inbox.take();
                        if (frame.type() == Frame.Type.TRASH_IDS) {
                            listener.answered(frame);
                            return;
                        }
                        synchronized (early) {
                            early.add(frame);
                        }
                    }
                } catch (IOException gone) {
                    listener.lost(
                            gone instanceof ConnectionLost lost ? lost : new ConnectionLost(gone.getMessage(), gone));
                }
            });
            waiter.start();
            try {
                return ask.get();
            } finally {
                try {
                    waiter.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
