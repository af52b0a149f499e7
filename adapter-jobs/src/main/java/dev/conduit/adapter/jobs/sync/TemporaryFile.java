package dev.conduit.adapter.jobs.sync;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A copy's temporary file, made in its destination's {@link RootedFolder held folder} with {@code O_EXCL} and written,
 * given its owner, bits and time through its own descriptor: one system call each. The JDK's attribute views reach a
 * file by its path for every attribute ({@code lchown} twice, then open, {@code fchmod}, close; stat, open, stat,
 * {@code utimensat}, close for a time), and a path through a held folder is looked up through {@code /proc} each time:
 * about a fifth of a first sync's system time on many small files (docs/benchmarks.md, issue 16).
 */
final class TemporaryFile implements SparseWriter.Output, AutoCloseable {

    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;

    private final Path path;
    private final int descriptor;
    private boolean closed;

    private TemporaryFile(Path path, int descriptor) {
        this.path = path;
        this.descriptor = descriptor;
    }

    /** Makes {@code name} in the held folder, readable and writable by its owner only until its bits are set. */
    static TemporaryFile create(RootedFolder folder, String name) throws IOException {
        Path path = folder.entry(name);
        try {
            int descriptor = CLibrary.C.openat(
                    folder.descriptor(),
                    CLibrary.bytes(name),
                    O_WRONLY | O_CREAT | O_EXCL | CLibrary.O_NOFOLLOW | CLibrary.O_CLOEXEC,
                    0600);
            return new TemporaryFile(path, descriptor);
        } catch (LastErrorException e) {
            throw CLibrary.failure(path, e);
        }
    }

    /** The file, reached through its held folder (for what has no call by descriptor here: a rename, attributes). */
    Path path() {
        return path;
    }

    @Override
    public void writeAt(ByteBuffer run, long offset) throws IOException {
        if (!run.isDirect()) { // the copy's buffers are direct; another caller's bytes are passed through one
            ByteBuffer direct = ByteBuffer.allocateDirect(run.remaining()).put(run.duplicate());
            writeAt(direct.flip(), offset);
            run.position(run.limit());
            return;
        }
        long at = offset;
        while (run.hasRemaining()) {
            long from = at;
            long written = call(() -> CLibrary.C.pwrite(
                    descriptor, Native.getDirectBufferPointer(run).share(run.position()), run.remaining(), from));
            run.position(run.position() + (int) written);
            at += written;
        }
    }

    @Override
    public void extend(long length) throws IOException {
        call(() -> CLibrary.C.ftruncate(descriptor, length));
    }

    /** Gives it this owner and group where known ({@code -1}: leave it); before the bits, as a change of owner clears setuid. */
    void giveAway(int uid, int gid) throws IOException {
        if (uid == -1 && gid == -1) {
            return;
        }
        call(() -> CLibrary.C.fchown(descriptor, uid, gid));
    }

    void setMode(int mode) throws IOException {
        call(() -> CLibrary.C.fchmod(descriptor, mode & 07777));
    }

    /**
     * Its modification time, and now as its access time (it was just made). Both are given: a FUSE file system such as
     * exFAT's drops a change that leaves one of them as it is ({@code UTIME_OMIT}), as `ExfatMirrorIT` showed.
     */
    void setTime(long mtimeNanos) throws IOException {
        java.time.Instant now = java.time.Instant.now();
        long[] times = {
            now.getEpochSecond(),
            now.getNano(),
            Math.floorDiv(mtimeNanos, 1_000_000_000L),
            Math.floorMod(mtimeNanos, 1_000_000_000L)
        };
        call(() -> CLibrary.C.futimens(descriptor, times));
    }

    /** Makes its content durable (when files are flushed one by one rather than the file system per batch). */
    void force() throws IOException {
        call(() -> CLibrary.C.fsync(descriptor));
    }

    /** One call of the C library on this file; its failure as the JDK would report it, with the file's path. */
    private long call(Call call) throws IOException {
        try {
            return call.run();
        } catch (LastErrorException e) {
            throw CLibrary.failure(path, e);
        }
    }

    private interface Call {
        long run() throws LastErrorException;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            CLibrary.C.close(descriptor);
        }
    }
}
