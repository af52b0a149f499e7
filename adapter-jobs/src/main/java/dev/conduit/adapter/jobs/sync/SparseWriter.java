package dev.conduit.adapter.jobs.sync;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes a file's bytes in order and leaves every block of zeros unwritten, a hole where the file system has them
 * ({@code rsync -S}, {@code cp --sparse=always}): a sparse file stays sparse, and its holes are neither read back as
 * anything but zeros nor allocated. Blocks are {@value #BLOCK} bytes at offsets that are multiples of it, the block
 * size of the usual file systems; runs of data between holes are written with one call each.
 */
final class SparseWriter {

    static final int BLOCK = 4096;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(BLOCK).asReadOnlyBuffer();

    /** Where the bytes go: a new, empty file. */
    interface Output {

        /** Writes all of {@code run} at {@code offset}; consumes it. */
        void writeAt(ByteBuffer run, long offset) throws IOException;

        /** Gives the file this length (it ends in a hole). */
        void extend(long length) throws IOException;
    }

    private final Output out;
    private long length;
    /** Where the last run written ends: the file's size until {@link #finish}. */
    private long written;

    SparseWriter(Output out) {
        this.out = out;
    }

    /** Writes what remains of {@code data} next in the file (holes for its blocks of zeros); consumes it. */
    void write(ByteBuffer data) throws IOException {
        int start = data.position();
        int end = data.limit();
        int run = -1; // where the data not yet written starts
        for (int block = start; block < end; ) {
            long offset = length + (block - start);
            int next = (int) Math.min(end, block + (BLOCK - offset % BLOCK));
            if (isZero(data, block, next)) {
                if (run >= 0) {
                    writeAt(data.duplicate().limit(block).position(run), length + (run - start));
                    run = -1;
                }
            } else if (run < 0) {
                run = block;
            }
            block = next;
        }
        if (run >= 0) {
            writeAt(data.duplicate().limit(end).position(run), length + (run - start));
        }
        length += end - start;
        data.position(end);
    }

    /** Gives the file its whole length when it ends in a hole (nothing was written there to extend it). */
    void finish() throws IOException {
        if (written < length) {
            out.extend(length);
        }
    }

    private void writeAt(ByteBuffer run, long offset) throws IOException {
        long end = offset + run.remaining();
        out.writeAt(run, offset);
        written = Math.max(written, end);
    }

    private static boolean isZero(ByteBuffer data, int from, int to) {
        return data.duplicate()
                        .limit(to)
                        .position(from)
                        .mismatch(ZEROS.duplicate().limit(to - from))
                < 0;
    }
}
