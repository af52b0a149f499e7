package dev.conduit.adapter.jobs.remote;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** The client's side of the link: new streams, and calls that wait for their one answer. */
final class RemoteCalls {

    private final Link link;
    private final AtomicInteger streams = new AtomicInteger();

    RemoteCalls(Link link) {
        this.link = link;
    }

    Link link() {
        return link;
    }

    int newStream() {
        return streams.incrementAndGet();
    }

    /** An answer of several frames, read one at a time: each {@link #next} parses the next frame. */
    interface Answer {
        <T> T next(Wire.Parser<T> parser) throws IOException;
    }

    /** Sends a call whose answer is several frames, and reads them through {@code reading}. */
    <T> T callMany(Calls.Op op, Wire.Body arguments, AnswerReader<T> reading) throws IOException {
        int stream = newStream();
        Inbox inbox = new Inbox(16);
        link.route(stream, inbox);
        try {
            link.send(Frame.of(Frame.Type.CALL, stream, out -> {
                out.writeByte(op.ordinal());
                arguments.write(out);
            }));
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
