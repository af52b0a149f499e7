package dev.conduit.adapter.jobs.remote;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The agent's requests: a frame of a new stream that opens one (a call, an index exchange, a job) gets an inbox for
 * the stream's later frames and a thread of its own; anything else without a stream is a late frame of one that is
 * over, and dropped. A request the agent refuses, or that fails as a whole, is answered with one ERROR line.
 */
final class AgentRequests {

    /** Logs go to stderr: the agent's stdout carries frames only. */
    private static final System.Logger LOG = System.getLogger(AgentRequests.class.getName());

    private final AgentServer.Library library;
    private final AgentServer.Roots roots;
    private final ExecutorService threads;
    private final OwnWrites own;
    private final ScansAhead ahead;
    private ReceivingJob receiving;
    private Link link;

    AgentRequests(AgentServer.Library library, AgentServer.Roots roots, ExecutorService threads) {
        this(library, roots, threads, ScansAhead.begin(library, roots, io.vavr.collection.List.empty(), threads));
    }

    /** With the scans begun ahead for this session (ADR 0055): an exchange takes the one begun for its request. */
    AgentRequests(AgentServer.Library library, AgentServer.Roots roots, ExecutorService threads, ScansAhead ahead) {
        this.library = library;
        this.roots = roots;
        this.threads = threads;
        this.ahead = ahead;
        this.own = new OwnWrites(library.store());
    }

    void bind(Link link) {
        this.link = link;
    }

    /** The session's one receiving copy job, made when first needed. */
    private synchronized ReceivingJob receiving() {
        if (receiving == null) {
            receiving = new ReceivingJob(new LocalSide(library.tree(), library.trash(), library.clock()));
        }
        return receiving;
    }

    /** The route of a new stream, or none for a frame that opens nothing. */
    Link.Route open(Frame first) {
        Handler handler = handlerOf(first.type());
        if (handler == null) {
            return null;
        }
        Inbox inbox = Inbox.unbounded();
        int stream = first.stream();
        link.route(stream, inbox);
        try {
            threads.execute(() -> run(handler, first, stream, inbox));
        } catch (RejectedExecutionException closing) {
            link.unroute(stream);
        }
        return null; // the first frame is the handler's argument, not the inbox's
    }

    /** Works on one request, on its own thread. */
    @FunctionalInterface
    interface Handler {
        void handle(Frame first, Inbox inbox) throws IOException;
    }

    private Handler handlerOf(Frame.Type type) {
        return switch (type) {
            case CALL ->
                (first, inbox) -> new AgentCalls(library, roots, link, this::receiving, own, ahead).answer(first);
            case INDEX -> (first, inbox) -> new AgentIndex(library, roots, link, own, ahead).exchange(first);
            case COPY_INTO ->
                (first, inbox) -> new AgentJobs(library, roots, link, own).copyInto(first, inbox, receiving());
            case COPY_FROM -> (first, inbox) -> new AgentJobs(library, roots, link, own).copyFrom(first, inbox);
            case DELETE -> (first, inbox) -> new AgentJobs(library, roots, link, own).delete(first, inbox);
            default -> null;
        };
    }

    private void run(Handler handler, Frame first, int stream, Inbox inbox) {
        try {
            handler.handle(first, inbox);
        } catch (ConnectionLost gone) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "client gone during a " + first.type() + " request: " + gone.getMessage());
        } catch (IOException | RuntimeException failed) {
            LOG.log(System.Logger.Level.DEBUG, "a " + first.type() + " request failed: " + failed);
            try {
                link.send(Frame.of(Frame.Type.ERROR, stream, out -> Wire.string(out, describe(failed))));
            } catch (IOException gone) {
                LOG.log(System.Logger.Level.DEBUG, "client gone: " + gone.getMessage());
            }
        } finally {
            link.unroute(stream);
        }
    }

    private static String describe(Exception failed) {
        return failed instanceof AgentServer.Refused || failed instanceof ProtocolException
                ? failed.getMessage()
                : "the agent failed: " + failed;
    }
}
