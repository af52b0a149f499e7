package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.out.FileTree;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** The client's side of the link: new streams, and calls that wait for their one answer. */
final class RemoteCalls {

    private final Link link;
    private final AtomicInteger streams = new AtomicInteger();
    /** Requests sent that may write into the agent's roots: a job writing there, a call that changes them. */
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();
    /** Each root's own entry as the last look at it found it, and the writes sent by then (ADR 0057). */
    private final java.util.Map<String, Looked> looked = new java.util.concurrent.ConcurrentHashMap<>();

    private record Looked(long writes, FileTree.Listed root) {}

    RemoteCalls(Link link) {
        this.link = link;
    }

    Link link() {
        return link;
    }

    int newStream() {
        return streams.incrementAndGet();
    }

    /** A request that may write into the agent's roots (a copy into them, a delete, a call but a read) was sent. */
    void writing() {
        writes.incrementAndGet();
    }

    /**
     * Whether a request that may write into the agent's roots was sent on this session: without a copy into them or a
     * delete the agent records nothing of its own writes, and there is nothing to settle (ADR 0057).
     */
    boolean wrote() {
        return writes.get() > 0;
    }

    /** The calls that only read: every other call may change the agent's roots. */
    private static final java.util.Set<Calls.Op> READS = java.util.EnumSet.of(
            Calls.Op.IDENTIFY,
            Calls.Op.LIST,
            Calls.Op.EXAMINE,
            Calls.Op.EXAMINE_ALL,
            Calls.Op.HASH,
            Calls.Op.XATTRS,
            Calls.Op.READ_LINES,
            Calls.Op.PRESENCE,
            Calls.Op.SETTLE);

    /** The writes sent so far (a count that only grows). */
    long writes() {
        return writes.get();
    }

    /** A root's own entry as a look found it, when {@code writes} writes had been sent. */
    void looked(String root, long writes, FileTree.Listed entry) {
        looked.put(root, new Looked(writes, entry));
    }

    /**
     * The root's own entry its last look found, taken once, when this session sent nothing since that may have
     * changed it: the finishing of a sync that wrote nothing there asks nothing again (ADR 0057).
     */
    io.vavr.control.Option<FileTree.Listed> lookedAt(String root) {
        Looked last = looked.remove(root);
        return last != null && last.writes() == writes.get()
                ? io.vavr.control.Option.some(last.root())
                : io.vavr.control.Option.none();
    }

    /** An answer of several frames, read one at a time: each {@link #next} parses the next frame. */
    interface Answer {
        <T> T next(Wire.Parser<T> parser) throws IOException;
    }

    /** Sends a call whose answer is several frames, and reads them through {@code reading}. */
    <T> T callMany(Calls.Op op, Wire.Body arguments, AnswerReader<T> reading) throws IOException {
        return send(op, arguments, new Inbox(16)).read(reading);
    }

    /**
     * Sends a call without waiting for its answer, so that several go out at once and cost one round trip (ADR
     * 0057); its answer is read by {@link Sent#read}, which must be called (it lets the stream go). The inbox takes
     * what comes meanwhile: unbounded where other answers are read first (the link's reader never waits on it).
     */
    Sent send(Calls.Op op, Wire.Body arguments, Inbox inbox) throws IOException {
        if (!READS.contains(op)) {
            writing();
        }
        int stream = newStream();
        link.route(stream, inbox);
        try {
            link.send(Frame.of(Frame.Type.CALL, stream, out -> {
                out.writeByte(op.ordinal());
                arguments.write(out);
            }));
        } catch (IOException | RuntimeException failed) {
            link.unroute(stream);
            throw failed;
        }
        return new Sent(stream, inbox);
    }

    /** A call sent, whose answer is still to be read. */
    final class Sent {
        private final int stream;
        private final Inbox inbox;

        private Sent(int stream, Inbox inbox) {
            this.stream = stream;
            this.inbox = inbox;
        }

        /** Reads the answer through {@code reading}; an ERROR answer is thrown as the agent's words. */
        <T> T read(AnswerReader<T> reading) throws IOException {
            try {
                return reading.read(new Answer() {
                    @Override
                    public <R> R next(Wire.Parser<R> parser) throws IOException {
                        Frame answer = inbox.take();
                        if (answer.type() == Frame.Type.ERROR) {
                            throw new AgentServer.Refused(answer.parse(Wire::string));
                        }
                        return answer.parse(parser);
                    }
                });
            } finally {
                link.unroute(stream);
            }
        }
    }

    /** Reads an answer of several frames. */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(Answer answer) throws IOException;
    }

    /** Sends a call and waits for its result; an ERROR answer is thrown as the agent's words. */
    <T> T call(Calls.Op op, Wire.Body arguments, Wire.Parser<T> result) throws IOException {
        return callMany(op, arguments, answer -> answer.next(result));
    }
}
