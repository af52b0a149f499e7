package dev.conduit.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Taps on the agent protocol's byte streams (ADR 0038's frames), for tests of what goes over the wire and when. */
final class WireTaps {

    private WireTaps() {}

    /** Frame types and call ops as the protocol numbers them. */
    static final int HELLO = 1;

    static final int CALL = 5;
    static final int INDEX = 10;
    static final int OP_IDENTIFY = 0;
    static final int OP_LIST = 1;
    static final int OP_EXAMINE = 2;
    static final int OP_FINISH_DIRECTORIES = 6;
    static final int OP_MAKE_ROOT = 11;
    static final int OP_EXAMINE_ALL = 12;
    static final int OP_SETTLE = 13;
    static final int COPY_INTO = 20;
    static final int DELETE = 22;
    static final int PUSH_ACTION = 25;
    static final int PUSH_CHUNK = 27;
    static final int PUSH_END = 28;
    static final int TRASH_IDS = 37;
    static final int PUSH_FILE = 39;
    static final int PUSH_SAME = 40;

    /** One frame as it was written: when, its type, and a call's op (else -1). */
    record Sent(long nanos, int type, int op) {}

    /**
     * The frames written through it, parsed as they pass: the 8 bytes of the magic, then {@code length:int32},
     * {@code type:uint8}, {@code stream:int32}, the payload, a CRC32C.
     */
    static final class Frames extends FilterOutputStream {
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private int magicLeft = 8;

        Frames(OutputStream out) {
            super(out);
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            int skipped = Math.min(magicLeft, length);
            magicLeft -= skipped;
            pending.write(bytes, offset + skipped, length - skipped);
            byte[] all = pending.toByteArray();
            int at = 0;
            while (all.length - at >= 4) {
                int frame = ByteBuffer.wrap(all, at, 4).getInt();
                if (all.length - at - 4 < frame) {
                    break;
                }
                int type = all[at + 4] & 0xff;
                int op = type == CALL ? all[at + 9] & 0xff : -1;
                sent.add(new Sent(System.nanoTime(), type, op));
                at += 4 + frame;
            }
            pending.reset();
            pending.write(all, at, all.length - at);
        }

        /**
         * The frames sent so far, in groups that each went out at once: a frame sent more than half a delay after the
         * one before it begins a new group. Behind a line that delays every answer by {@code delayMillis}, each group
         * after the first waited for an answer: the groups are the round trips the client waited for, one by one.
         */
        List<List<Sent>> inTurns(long delayMillis) {
            long gap = TimeUnit.MILLISECONDS.toNanos(delayMillis) / 2;
            List<List<Sent>> turns = new java.util.ArrayList<>();
            Sent last = null;
            for (Sent frame : sent) {
                if (last == null || frame.nanos() - last.nanos() > gap) {
                    turns.add(new java.util.ArrayList<>());
                }
                turns.get(turns.size() - 1).add(frame);
                last = frame;
            }
            return turns;
        }

        /** The first frame of a type, sent so far. */
        Sent first(int type) {
            return sent.stream().filter(s -> s.type() == type).findFirst().orElseThrow();
        }
    }

    /** Carries bytes until {@link #silence()}; then swallows them: a link that died without a word. */
    static final class Silenced extends OutputStream {
        private final OutputStream out;
        private volatile boolean silent;

        Silenced(OutputStream out) {
            this.out = out;
        }

        void silence() {
            silent = true;
        }

        @Override
        public void write(int b) throws IOException {
            if (!silent) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (!silent) {
                out.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!silent) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /**
     * A line that delivers what is written to it {@code delayMillis} later, in order (a WAN's one-way delay); writing
     * never waits for the delay.
     */
    static final class Delayed extends OutputStream {
        private record Piece(long due, byte[] bytes, boolean flush, boolean close) {}

        private final OutputStream out;
        private final long delayNanos;
        private final LinkedBlockingQueue<Piece> line = new LinkedBlockingQueue<>();

        Delayed(OutputStream out, long delayMillis) {
            this.out = out;
            this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
            Thread carrier = new Thread(this::carry, "delayed-line");
            carrier.setDaemon(true);
            carrier.start();
        }

        private void carry() {
            try {
                while (true) {
                    Piece piece = line.take();
                    long wait = piece.due() - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (piece.close()) {
                        out.close();
                        return;
                    }
                    out.write(piece.bytes());
                    if (piece.flush()) {
                        out.flush();
                    }
                }
            } catch (IOException | InterruptedException gone) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // gone already
                }
            }
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            line.add(new Piece(
                    System.nanoTime() + delayNanos,
                    java.util.Arrays.copyOfRange(bytes, offset, offset + length),
                    false,
                    false));
        }

        @Override
        public void flush() {
            line.add(new Piece(System.nanoTime() + delayNanos, new byte[0], true, false));
        }

        @Override
        public void close() {
            line.add(new Piece(System.nanoTime() + delayNanos, new byte[0], true, true));
        }
    }
}
