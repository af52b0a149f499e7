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

    /** Sends a call and waits for its result; an ERROR answer is thrown as the agent's words. */
    <T> T call(Calls.Op op, Wire.Body arguments, Wire.Parser<T> result) throws IOException {
        int stream = newStream();
        Inbox inbox = new Inbox(16);
        link.route(stream, inbox);
        try {
            link.send(Frame.of(Frame.Type.CALL, stream, out -> {
                out.writeByte(op.ordinal());
                arguments.write(out);
            }));
            Frame answer = inbox.take();
            if (answer.type() == Frame.Type.ERROR) {
                throw new AgentServer.Refused(answer.parse(Wire::string));
            }
            return answer.parse(result);
        } finally {
            link.unroute(stream);
        }
    }
}
