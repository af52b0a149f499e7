package dev.conduit.adapter.jobs.remote;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * Frames over a pair of byte streams: sent whole by any thread (one at a time), received by one reader. Every frame's
 * checksum is checked; a wrong one ends the connection with a {@link ProtocolException}, nothing of it is used.
 */
final class FrameChannel implements AutoCloseable {

    /** The largest frame either side sends or takes. */
    static final int MAX_FRAME = 16 << 20;

    private final DataInputStream in;
    private final DataOutputStream out;
    /**
     * How long a frame sent with {@link #sendSoon} waits for others to share its write: a copy's reports, one or two
     * per file, go out in a few writes per millisecond instead of one each (ADR 0048).
     */
    static final long SOON_NANOS = 1_000_000L;

    private final AtomicLong sent = new AtomicLong();
    /** Whether a frame sent soon waits for the flusher (guarded by this). */
    private boolean pending;

    private volatile Thread flusher;
    private volatile boolean closed;
    private final AtomicLong received = new AtomicLong();

    FrameChannel(InputStream in, OutputStream out) {
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    }

    /** Sends one frame, whole, and flushes it. */
    void send(Frame frame) throws IOException {
        send(frame, true);
    }

    /** Sends one frame; flushes it only when told (more follow at once otherwise). */
    synchronized void send(Frame frame, boolean flush) throws IOException {
        byte[] payload = frame.payload();
        if (payload.length > MAX_FRAME) {
            throw new IllegalArgumentException("a frame of " + payload.length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(frame.type().code());
        crc.update(intBytes(frame.stream()));
        crc.update(payload);
        out.writeInt(1 + 4 + payload.length + 4);
        out.writeByte(frame.type().code());
        out.writeInt(frame.stream());
        out.write(payload);
        out.writeInt((int) crc.getValue());
        if (flush) {
            out.flush();
            pending = false;
        }
        sent.addAndGet(payload.length);
    }

    synchronized void flush() throws IOException {
        out.flush();
        pending = false;
    }

    /**
     * Sends one frame, flushed within {@link #SOON_NANOS} with whatever else was sent meanwhile (by a thread of the
     * channel's own): for frames that nothing waits on at once, many of them in a row.
     */
    synchronized void sendSoon(Frame frame) throws IOException {
        send(frame, false);
        flushSoon();
    }

    /** Has what was sent so far flushed within {@link #SOON_NANOS}. */
    synchronized void flushSoon() {
        if (pending || closed) {
            return;
        }
        pending = true;
        if (flusher == null) {
            Thread thread = new Thread(this::flushing, "conduit-frame-flusher");
            thread.setDaemon(true);
            flusher = thread;
            thread.start();
        }
        notifyAll();
    }

    private void flushing() {
        try {
            while (!closed) {
                synchronized (this) {
                    while (!pending && !closed) {
                        wait();
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(SOON_NANOS);
                synchronized (this) {
                    if (pending && !closed) {
                        out.flush();
                        pending = false;
                    }
                }
            }
        } catch (InterruptedException closing) {
            // the channel is closed
        } catch (IOException gone) {
            // the peer is gone: the reader hears it
        }
    }

    /** The next frame; {@link EOFException} once the peer closed its side. Called by one reader only. */
    Frame receive() throws IOException {
        int length = in.readInt();
        if (length < 9 || length > MAX_FRAME + 9) {
            throw new ProtocolException("a frame of " + length + " bytes");
        }
        int code = in.readUnsignedByte();
        int stream = in.readInt();
        byte[] payload = new byte[length - 9];
        in.readFully(payload);
        int checksum = in.readInt();
        CRC32C crc = new CRC32C();
        crc.update(code);
        crc.update(intBytes(stream));
        crc.update(payload);
        if ((int) crc.getValue() != checksum) {
            throw new ProtocolException("a frame whose checksum is wrong (the connection corrupted it)");
        }
        received.addAndGet(payload.length);
        return new Frame(Frame.Type.of(code), stream, payload);
    }

    /** The bytes read before the first frame: what a peer that is no agent printed. */
    InputStream raw() {
        return in;
    }

    /** Payload bytes sent so far. */
    long sent() {
        return sent.get();
    }

    /** Payload bytes received so far. */
    long received() {
        return received.get();
    }

    @Override
    public void close() {
        closed = true;
        Thread thread = flusher;
        if (thread != null) {
            thread.interrupt();
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // the peer is gone
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // the peer is gone
        }
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
