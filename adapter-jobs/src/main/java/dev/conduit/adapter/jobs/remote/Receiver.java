package dev.conduit.adapter.jobs.remote;

import dev.conduit.adapter.jobs.sync.Sender;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving side of a remote copy: takes what a {@link Pusher} pushes (never waiting on the link's reader: the
 * window bounds what is queued), hands the actions to a local copy job as they come, and is that job's
 * {@link Sender}: each file's bytes from its chunks, each chunk checked against its hash before it is written. Gives
 * the pusher credit for what the job consumed.
 */
final class Receiver implements Link.Route, Sender {

    private static final Arrived END = new Arrived(-1, null, 0);
    private static final long CREDIT_EVERY = Window.SIZE / 8;

    private final Link link;
    private final int stream;
    private final BlockingQueue<Arrived> actions = new LinkedBlockingQueue<>();
    private final java.util.Map<Integer, Pushed> pushed = new ConcurrentHashMap<>();
    private final java.util.Map<SyncAction, Integer> numbers = new IdentityHashMap<>();
    private final java.util.Map<RelativePath, Integer> byPath = new ConcurrentHashMap<>();
    private final AtomicLong owed = new AtomicLong();
    private final java.util.function.Consumer<Frame> others;
    private final Partials partials;
    private final java.nio.file.Path root;
    private volatile Runnable arrival = () -> {};
    private volatile ConnectionLost lost;
    /** Reads the bases, one at a time, off the thread that takes the frames; made when the first is needed. */
    private java.util.concurrent.ExecutorService bases;

    private boolean closed;

    /**
     * @param others   frames of the stream that are not pushed ones (the job's own: trash ids, its end)
     * @param partials where large files received in part are kept, to resume from
     * @param root     the receiving root: where the versions large files replace are, the bases of their transfers
     */
    Receiver(
            Link link,
            int stream,
            java.util.function.Consumer<Frame> others,
            Partials partials,
            java.nio.file.Path root) {
        this.link = link;
        this.stream = stream;
        this.others = others;
        this.partials = partials;
        this.root = root;
    }

    private record Arrived(int seq, SyncAction.Transfer action, int size) {}

    /** What was pushed with one action. */
    private static final class Pushed {
        final SyncAction.Transfer action;
        final long resumeFrom;
        final CompletableFuture<Either<EntryFailure, Option<Map<String, byte[]>>>> xattrs = new CompletableFuture<>();
        final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        volatile boolean abandoned;
        volatile Option<EntryFailure> problem = Option.none();
        /** The version it replaces here, its chunks read instead of sent (ADR 0074); null when none. */
        volatile Basis basis;
        /** How many of its bytes were read from the basis. */
        volatile long fromBasis;

        Pushed(SyncAction.Transfer action, long resumeFrom) {
            this.action = action;
            this.resumeFrom = resumeFrom;
        }
    }

    @Override
    public void accept(Frame frame) throws IOException {
        switch (frame.type()) {
            case PUSH_ACTION -> {
                DataInputStream in = frame.read();
                int seq = in.readInt();
                SyncAction.Transfer action = ActionCodec.readTransfer(in);
                long resumeFrom = Partials.resumable(action) ? partials.offset(action.wanted()) : 0;
                Pushed one = new Pushed(action, resumeFrom);
                pushed.put(seq, one);
                actions.add(new Arrived(seq, action, frame.payload().length));
                arrival.run();
                if (Basis.applies(action)) {
                    offerBasis(seq, one);
                } else if (Partials.resumable(action)) {
                    link.send(Frame.of(
                            Frame.Type.RESUME_AT,
                            stream,
                            out -> ResumeOffsets.write(out, seq, resumeFrom, java.util.List.of())));
                }
            }
            case PUSH_FILE -> {
                DataInputStream in = frame.read();
                int seq = in.readInt();
                int length = in.readInt();
                if (length < 0 || in.skipBytes(length) != length) {
                    throw new ProtocolException("a PUSH_FILE frame shorter than its " + length + " bytes");
                }
                SyncAction.Transfer action = ActionCodec.readTransfer(in);
                if (!Pusher.whole(action)) {
                    throw new ProtocolException("a file pushed whole that is not one: " + action.path());
                }
                Pushed whole = new Pushed(action, 0);
                if (!in.readBoolean()) {
                    whole.problem = Option.some(EntryFailure.sourceChanged());
                }
                whole.frames.add(frame); // before the action is seen: the job finds its bytes there
                pushed.put(seq, whole);
                actions.add(new Arrived(seq, action, 0)); // credited as its bytes are taken (or dropped)
                arrival.run();
            }
            case PUSH_XATTRS -> {
                DataInputStream in = frame.read();
                Pushed to = pushed.get(in.readInt());
                var xattrs = XattrsCodec.read(in);
                if (to != null) {
                    to.xattrs.complete(xattrs);
                }
                credit(frame.payload().length);
            }
            case PUSH_CHUNK, PUSH_SAME, PUSH_END -> {
                Pushed to = pushed.get(frame.read().readInt());
                if (to == null) {
                    credit(frame.payload().length);
                } else {
                    keep(to, frame);
                }
            }
            case ACTIONS_END -> actions.add(END);
            default -> others.accept(frame);
        }
    }

    /**
     * Reads and hashes the version the file replaces here, off the thread that takes the frames (which must not wait),
     * one basis at a time, then answers where the pusher starts, with the basis's chunk hashes: none when it has none,
     * or when reading it failed in any way (the pusher waits for the answer whatever happens).
     */
    private void offerBasis(int seq, Pushed one) {
        Runnable reading = () -> {
            java.util.List<byte[]> hashes = java.util.List.of();
            try {
                Option<Basis> basis = one.abandoned ? Option.none() : Basis.of(root, one.action);
                synchronized (one) {
                    if (one.abandoned) {
                        basis.forEach(Basis::close);
                    } else {
                        one.basis = basis.getOrNull();
                        hashes = basis.map(Basis::hashes).getOrElse(java.util.List.of());
                    }
                }
            } finally {
                java.util.List<byte[]> offered = hashes;
                try {
                    if (!isClosed()) { // else the job is over: nobody waits for the answer
                        link.send(Frame.of(
                                Frame.Type.RESUME_AT,
                                stream,
                                out -> ResumeOffsets.write(out, seq, one.resumeFrom, offered)));
                    }
                } catch (IOException gone) {
                    // the job hears of it from its next read
                }
            }
        };
        synchronized (this) {
            if (closed) {
                return; // the job is over: nobody waits for the answer
            }
            if (bases == null) {
                bases = java.util.concurrent.Executors.newSingleThreadExecutor(work -> {
                    Thread thread = new Thread(work, "conduit-basis");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            bases.execute(reading);
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /**
     * The job is over: every action it did not finish is let go of, with the version held open as its basis, and no
     * basis is read any more.
     */
    void close() {
        synchronized (this) {
            closed = true;
            if (bases != null) {
                bases.shutdownNow(); // a basis being read stops at its next read (interrupted), and is let go of
            }
        }
        for (Pushed each : pushed.values()) {
            synchronized (each) {
                letGo(each);
            }
        }
    }

    /** Marks the action as done with (what comes for it is dropped) and closes its basis; holding its lock. */
    private static void letGo(Pushed one) {
        one.abandoned = true;
        if (one.basis != null) {
            one.basis.close();
        }
    }

    /** Queues a pushed frame for the job, unless the job is done with its action. */
    private void keep(Pushed to, Frame frame) {
        synchronized (to) {
            if (to.abandoned) {
                credit(frame.payload().length);
            } else {
                to.frames.add(frame);
            }
        }
    }

    @Override
    public void lost(ConnectionLost why) {
        lost = why;
        actions.add(END);
        for (Pushed each : pushed.values()) {
            each.xattrs.complete(Either.left(EntryFailure.ioError(why.getMessage())));
            each.frames.add(Frame.of(Frame.Type.ERROR, -1));
        }
    }

    /** Why the connection ended under this exchange; null while it holds. */
    ConnectionLost lostBy() {
        return lost;
    }

    /** Runs on the link's reader each time a pushed action arrives (it must not wait). */
    void onArrival(Runnable hook) {
        this.arrival = hook;
    }

    /** The pushed actions, as they come; ends with the pusher's last, or when the connection is lost. */
    Iterator<SyncAction.Transfer> actions() {
        return new Iterator<>() {
            private Arrived next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    if (actions.isEmpty()) {
                        payCredit();
                    }
                    try {
                        next = actions.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        next = END;
                    }
                    if (next == END) {
                        actions.add(END);
                    }
                }
                return next != END;
            }

            @Override
            public SyncAction.Transfer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Arrived taken = next;
                next = null;
                synchronized (numbers) {
                    numbers.put(taken.action(), taken.seq());
                }
                byPath.put(taken.action().path(), taken.seq());
                credit(taken.size());
                return taken.action();
            }
        };
    }

    /** The number the pusher gave an action (or one at its path: a move that became a copy); -1 when none. */
    int seqOf(SyncAction action) {
        synchronized (numbers) {
            Integer seq = numbers.get(action);
            if (seq != null) {
                return seq;
            }
        }
        return byPath.getOrDefault(action.path(), -1);
    }

    /**
     * How much of the action's file was not sent: what an earlier, cut transfer had left here, and what was read from
     * the version it replaces (ADR 0074). What its report of bytes transferred leaves out. Asked before
     * {@link #finished}.
     */
    long resumed(SyncAction action) {
        int seq = seqOf(action);
        Pushed one = seq < 0 ? null : pushed.get(seq);
        return one == null ? 0 : one.resumeFrom + one.fromBasis;
    }

    /** The job is done with an action: whatever more is pushed for it is credited and dropped. */
    void finished(SyncAction action) {
        int seq = seqOf(action);
        synchronized (numbers) {
            numbers.remove(action);
        }
        byPath.remove(action.path(), seq);
        Pushed done = seq < 0 ? null : pushed.remove(seq);
        if (done != null) {
            synchronized (done) {
                letGo(done);
                Frame frame;
                while ((frame = done.frames.poll()) != null) {
                    credit(frame.payload().length);
                }
            }
        }
    }

    private void credit(long bytes) {
        if (owed.addAndGet(bytes) >= CREDIT_EVERY) {
            payCredit();
        }
    }

    /** Sends the credit owed; called before waiting for more, so that the pusher never waits for it. */
    void payCredit() {
        long paying = owed.getAndSet(0);
        if (paying > 0) {
            try {
                link.send(Frame.of(Frame.Type.CREDIT, stream, out -> out.writeLong(paying)));
            } catch (IOException gone) {
                // the job hears of it from its next read
            }
        }
    }

    @Override
    public ReadableByteChannel open(SyncAction.Copy action) throws IOException {
        int seq = seqOf(action);
        Pushed from = seq < 0 ? null : pushed.get(seq);
        if (from == null) {
            throw new IOException("its content was not sent (a renamed file whose content differs here is copied"
                    + " by the next sync)");
        }
        return new ChunkChannel(from);
    }

    @Override
    public Option<EntryFailure> check(SyncAction.Copy action, long bytes, ContentHash hash) {
        int seq = seqOf(action);
        Pushed from = seq < 0 ? null : pushed.get(seq);
        if (from != null && from.problem.isDefined()) {
            return from.problem;
        }
        boolean same =
                bytes == action.wanted().stat().size() && action.wanted().hash().forAll(hash::equals);
        return same ? Option.none() : Option.some(EntryFailure.sourceChanged());
    }

    @Override
    public Either<EntryFailure, Option<Map<String, byte[]>>> xattrs(SyncAction.Transfer action) {
        int seq = seqOf(action);
        Pushed from = seq < 0 ? null : pushed.get(seq);
        if (from == null) {
            return Either.left(EntryFailure.refused("its extended attributes were not sent"));
        }
        try {
            if (!from.xattrs.isDone()) {
                payCredit();
            }
            return from.xattrs.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left(EntryFailure.refused("interrupted"));
        } catch (ExecutionException e) {
            return Either.left(EntryFailure.ioError(String.valueOf(e.getCause())));
        }
    }

    @Override
    public Either<EntryFailure, ContentHash> hash(RelativePath path, FileStat expected) {
        return Either.left(EntryFailure.refused("the sending side's hash is not known here"));
    }

    /** One file's pushed chunks as a channel: each chunk's hash checked before its bytes are given out. */
    private final class ChunkChannel implements ReadableByteChannel {
        private final Pushed from;
        private final boolean resumable;
        private ByteBuffer current = ByteBuffer.allocate(0);
        private long position;
        private boolean ended;
        private boolean open = true;

        ChunkChannel(Pushed from) {
            this.from = from;
            this.resumable = Partials.resumable(from.action);
        }

        @Override
        public int read(ByteBuffer into) throws IOException {
            while (!current.hasRemaining()) {
                if (ended) {
                    return -1;
                }
                next();
            }
            int length = Math.min(into.remaining(), current.remaining());
            ByteBuffer slice = current.slice();
            slice.limit(length);
            into.put(slice);
            current.position(current.position() + length);
            return length;
        }

        private void next() throws IOException {
            if (position < from.resumeFrom) { // what an earlier, cut transfer left: verified as it came
                int length = (int) Math.min(Chunks.SIZE, from.resumeFrom - position);
                current = ByteBuffer.wrap(partials.read(from.action.wanted(), position, length));
                position += length;
                return;
            }
            Frame frame = take();
            credit(frame.payload().length);
            DataInputStream in = frame.read();
            in.readInt();
            if (frame.type() == Frame.Type.PUSH_FILE) {
                ended = true; // whole: its hash is checked before the file is put in place
                current = ByteBuffer.wrap(frame.payload(), 8, in.readInt()).slice();
            } else if (frame.type() == Frame.Type.PUSH_END) {
                end(in);
            } else if (frame.type() == Frame.Type.PUSH_SAME) {
                same(in);
            } else {
                chunk(frame.payload(), in.readLong());
            }
        }

        private Frame take() throws IOException {
            if (from.frames.isEmpty()) {
                payCredit();
            }
            Frame frame;
            try {
                frame = from.frames.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
            if (frame.type() == Frame.Type.ERROR) {
                from.frames.add(frame);
                throw new IOException(lost == null ? "the connection was lost" : lost.getMessage());
            }
            return frame;
        }

        /** The file's end: whether the sending side could read it whole, and whether it held still meanwhile. */
        private void end(DataInputStream in) throws IOException {
            ended = true;
            if (resumable) {
                partials.remove(from.action.wanted()); // received whole: nothing to resume
            }
            if (in.readBoolean()) {
                EntryFailure problem = FailureCodec.read(in);
                if (in.readBoolean()) {
                    throw new dev.conduit.adapter.jobs.IoFailures.Known(problem); // unreadable there, by kind
                }
                from.problem = Option.some(problem);
            }
        }

        /** A chunk: at the offset expected, matching its hash, kept for a resume where the file is large. */
        private void chunk(byte[] payload, long offset) throws IOException {
            int start = 4 + 8 + 32;
            int length = payload.length - start;
            if (offset != position) {
                throw new ProtocolException("a chunk at " + offset + " where " + position + " was expected");
            }
            if (!Chunks.matches(java.util.Arrays.copyOfRange(payload, 12, start), payload, start, length)) {
                throw new IOException("a chunk that does not match its hash arrived; not written");
            }
            if (resumable) {
                partials.append(from.action.wanted(), offset, payload, start, length);
            }
            position += length;
            current = ByteBuffer.wrap(payload, start, length).slice();
        }

        /** A chunk that is the basis's at the same place: read from it there, checked against the hash sent. */
        private void same(DataInputStream in) throws IOException {
            long offset = in.readLong();
            byte[] sha256 = new byte[32];
            in.readFully(sha256);
            int length = in.readInt();
            if (offset != position) {
                throw new ProtocolException("a chunk at " + offset + " where " + position + " was expected");
            }
            Basis basis = from.basis;
            if (basis == null) {
                throw new ProtocolException("a chunk said to be here already, where no version was offered");
            }
            byte[] bytes = basis.read(offset, length, sha256);
            if (resumable) {
                partials.append(from.action.wanted(), offset, bytes, 0, length);
            }
            position += length;
            from.fromBasis += length;
            current = ByteBuffer.wrap(bytes);
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
