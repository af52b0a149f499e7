package dev.conduit.adapter.jobs.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte pipe within one process, written by any thread (the JDK's piped streams fail once the thread that last wrote
 * has ended, which the agent's many short-lived writers do): bounded, blocking, closed from either end.
 */
final class MemoryPipe {

    private final byte[] ring;
    private int start;
    private int length;
    private boolean writerClosed;
    private boolean readerClosed;

    MemoryPipe(int capacity) {
        this.ring = new byte[capacity];
    }

    final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int wanted) throws IOException {
            return take(into, offset, wanted);
        }

        @Override
        public void close() {
            closeReader();
        }
    };

    final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] from, int offset, int count) throws IOException {
            put(from, offset, count);
        }

        @Override
        public void close() {
            closeWriter();
        }
    };

    private synchronized int take(byte[] into, int offset, int wanted) throws IOException {
        if (wanted == 0) {
            return 0;
        }
        while (length == 0 && !writerClosed && !readerClosed) {
            await();
        }
        if (readerClosed) {
            throw new IOException("the pipe is closed");
        }
        if (length == 0) {
            return -1;
        }
        int count = Math.min(wanted, Math.min(length, ring.length - start));
        System.arraycopy(ring, start, into, offset, count);
        start = (start + count) % ring.length;
        length -= count;
        notifyAll();
        return count;
    }

    private synchronized void put(byte[] from, int offset, int count) throws IOException {
        while (count > 0) {
            while (length == ring.length && !readerClosed && !writerClosed) {
                await();
            }
            if (readerClosed || writerClosed) {
                throw new IOException("the pipe is closed");
            }
            int end = (start + length) % ring.length;
            int chunk = Math.min(count, Math.min(ring.length - length, ring.length - end));
            System.arraycopy(from, offset, ring, end, chunk);
            length += chunk;
            offset += chunk;
            count -= chunk;
            notifyAll();
        }
    }

    private void await() throws IOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    private synchronized void closeReader() {
        readerClosed = true;
        notifyAll();
    }

    private synchronized void closeWriter() {
        writerClosed = true;
        notifyAll();
    }
}
