package dev.conduit.adapter.jobs.remote;

import dev.conduit.adapter.jobs.sync.ReadableFiles;
import dev.conduit.adapter.jobs.sync.RootedAccess;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The version a large file replaces on the receiving side, as the basis of its transfer (ADR 0074): the hashes of its
 * chunks go to the pusher with the resume offset, and each chunk of the new version that is the basis's chunk at the
 * same place comes as a {@link Frame.Type#PUSH_SAME} (its hash, no bytes) and is read here. The file is opened when
 * the pusher announces it (before the job's turn comes), reached from the root as the jobs reach entries (never through
 * a link), only when it is a regular file, and stays open until the copy is done with it or the job ends, wherever the
 * file goes meanwhile. Every chunk read from it is checked against the hash the
 * pusher sent, and the whole new version against its hash before it is put in place: a basis that changed meanwhile
 * fails that one copy, which the next sync makes again, and never leaves a wrong file.
 */
final class Basis implements AutoCloseable {

    /** The most chunks a basis names (64 GiB of file): beyond them the new version's chunks are all sent. */
    static final int MOST_CHUNKS = 1 << 18;

    private final FileChannel file;
    private final List<byte[]> hashes;

    private Basis(FileChannel file, List<byte[]> hashes) {
        this.file = file;
        this.hashes = hashes;
    }

    /**
     * Whether a transfer may have a basis: a resumable copy over a file the index saw, of a chunk or more. Decided from
     * the action alone, before anything is read.
     */
    static boolean applies(SyncAction.Transfer action) {
        if (!(action instanceof SyncAction.Copy copy) || !Partials.resumable(action)) {
            return false;
        }
        Option<IndexEntry> replaced = copy.replaced();
        return replaced.exists(entry -> entry.stat().isFile() && entry.stat().size() >= Chunks.SIZE);
    }

    /** The file at the action's path in {@code root}, opened and hashed chunk by chunk; none when it cannot be. */
    static Option<Basis> of(Path root, SyncAction.Transfer action) {
        if (!applies(action)) {
            return Option.none();
        }
        FileChannel file;
        try (RootedAccess.Held held = RootedAccess.hold(root, action.path())) {
            file = ReadableFiles.open(held.folder().resolve(held.name().value())); // only a regular file
        } catch (IOException | RuntimeException unreachable) {
            return Option.none(); // sent whole, as without a basis
        }
        try {
            return Option.some(new Basis(file, hashes(file)));
        } catch (IOException | RuntimeException unreadable) {
            close(file);
            return Option.none();
        }
    }

    private static List<byte[]> hashes(FileChannel file) throws IOException {
        List<byte[]> hashes = new ArrayList<>();
        ByteBuffer chunk = ByteBuffer.allocate(Chunks.SIZE);
        MessageDigest digest = Chunks.digest();
        long position = 0;
        while (hashes.size() < MOST_CHUNKS) {
            chunk.clear();
            while (chunk.hasRemaining() && file.read(chunk, position + chunk.position()) >= 0) {
                // until the chunk is full, or the file ends
            }
            if (chunk.position() == 0) {
                break;
            }
            digest.update(chunk.array(), 0, chunk.position());
            hashes.add(digest.digest());
            position += chunk.position();
            if (chunk.hasRemaining()) {
                break; // the file's end
            }
        }
        return hashes;
    }

    /** The hashes of the basis's chunks, in order: what the RESUME_AT frame carries. */
    List<byte[]> hashes() {
        return hashes;
    }

    /**
     * The basis's {@code length} bytes at {@code offset}, when they still hash to {@code expected}; fails otherwise
     * (the file changed since it was hashed, or is shorter now).
     */
    byte[] read(long offset, int length, byte[] expected) throws IOException {
        if (length < 0 || length > Chunks.SIZE) {
            throw new ProtocolException("a chunk of the basis of " + length + " bytes");
        }
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
            if (file.read(bytes, offset + bytes.position()) < 0) {
                throw new IOException(
                        "the version here was cut short while it was copied from; copied by the next" + " sync");
            }
        }
        if (!Chunks.matches(expected, bytes.array(), 0, length)) {
            throw new IOException("the version here changed while it was copied from; copied by the next sync");
        }
        return bytes.array();
    }

    @Override
    public void close() {
        close(file);
    }

    private static void close(FileChannel file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // read only
        }
    }
}
