package dev.conduit.adapter.jobs.remote;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The frames of one stream, queued for the thread that works on them. A bounded inbox holds the reader back when the
 * worker is slow (the pipe then holds the peer back): only for exchanges that nothing else waits behind.
 */
final class Inbox implements Link.Route {

    private static final Frame END = Frame.of(Frame.Type.ERROR, -1);

    private final BlockingQueue<Frame> frames;
    private volatile ConnectionLost lost;

    Inbox(int capacity) {
        this.frames = new LinkedBlockingQueue<>(capacity);
    }

    /** An inbox that never holds the reader back. */
    static Inbox unbounded() {
        return new Inbox(Integer.MAX_VALUE);
    }

    @Override
    public void accept(Frame frame) {
        try {
            frames.put(frame);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void lost(ConnectionLost why) {
        lost = why;
        if (!frames.offer(END)) {
            frames.clear(); // nothing queued is of use without the rest
            frames.offer(END);
        }
    }

    /** The next frame of the stream; fails once the connection is lost. */
    Frame take() throws ConnectionLost {
        Frame frame;
        try {
            frame = frames.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionLost("interrupted while waiting for the peer", e);
        }
        if (frame == END) {
            frames.offer(END);
            throw lost;
        }
        return frame;
    }
}
