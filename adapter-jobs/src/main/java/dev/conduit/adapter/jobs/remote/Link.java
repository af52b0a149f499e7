package dev.conduit.adapter.jobs.remote;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@link FrameChannel} with one reader thread that hands each frame to the route of its stream. A route must not
 * wait for anything the link has yet to read: those that feed a job's thread queue what they get, and the pushing
 * side's window bounds how much (ADR 0038). When the connection ends, every route hears why.
 */
final class Link implements AutoCloseable {

    /** Where the frames of one stream go. */
    interface Route {

        void accept(Frame frame) throws IOException;

        /** The connection ended; nothing more comes. */
        void lost(ConnectionLost why);
    }

    private final FrameChannel channel;
    private final String peer;
    private final Map<Integer, Route> routes = new ConcurrentHashMap<>();
    /** Where a frame of a stream without a route goes (the agent: a new request); none when it has no route. */
    private final Function<Frame, Route> opener;

    private volatile ConnectionLost lost;
    private Thread reader;

    Link(FrameChannel channel, String peer, Function<Frame, Route> opener) {
        this.channel = channel;
        this.peer = peer;
        this.opener = opener;
    }

    /** Starts reading; {@code ended} runs on the reader once the connection is over. */
    void start(Runnable ended) {
        reader = new Thread(() -> read(ended), "conduit-link-" + peer);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Runnable ended) {
        try {
            while (true) {
                Frame frame = channel.receive();
                Route route = routes.get(frame.stream());
                if (route == null) {
                    route = opener.apply(frame);
                }
                if (route != null) {
                    route.accept(frame);
                }
            }
        } catch (EOFException closed) {
            end(new ConnectionLost("the connection to the " + peer + " was lost (it closed)", closed));
        } catch (IOException | RuntimeException broken) {
            end(new ConnectionLost("the connection to the " + peer + " was lost: " + broken.getMessage(), broken));
        } finally {
            ended.run();
        }
    }

    private void end(ConnectionLost why) {
        lost = why;
        for (Route route : routes.values()) {
            route.lost(why);
        }
    }

    void route(int stream, Route route) {
        routes.put(stream, route);
        if (lost != null) {
            route.lost(lost);
        }
    }

    void unroute(int stream) {
        routes.remove(stream);
    }

    void send(Frame frame) throws IOException {
        send(frame, true);
    }

    void send(Frame frame, boolean flush) throws IOException {
        if (lost != null) {
            throw lost;
        }
        try {
            channel.send(frame, flush);
        } catch (IOException e) {
            throw new ConnectionLost("the connection to the " + peer + " was lost: " + e.getMessage(), e);
        }
    }

    void flush() throws IOException {
        channel.flush();
    }

    /** Sends a frame that is flushed within a moment, with those sent meanwhile ({@link FrameChannel#sendSoon}). */
    void sendSoon(Frame frame) throws IOException {
        if (lost != null) {
            throw lost;
        }
        try {
            channel.sendSoon(frame);
        } catch (IOException e) {
            throw new ConnectionLost("the connection to the " + peer + " was lost: " + e.getMessage(), e);
        }
    }

    /** Has what was sent so far flushed within a moment. */
    void flushSoon() {
        channel.flushSoon();
    }

    boolean isLost() {
        return lost != null;
    }

    FrameChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.close();
    }

    /** Waits for the reader to see the end of the connection. */
    void awaitEnd() throws InterruptedException {
        if (reader != null) {
            reader.join();
        }
    }
}
