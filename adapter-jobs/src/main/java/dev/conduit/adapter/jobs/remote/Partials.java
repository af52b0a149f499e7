package dev.conduit.adapter.jobs.remote;

import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * What the receiving side of a large file's transfer holds of it, received and verified chunk by chunk, in its
 * library's {@code partial} folder: when the connection is cut, the next transfer of the same version (same size,
 * modification time and hash) starts after it. A version is named by its content, not its path; one that completes
 * is removed, and one nobody came back for in a week is swept.
 */
final class Partials {

    /** Files smaller than this are sent whole again: a round trip and a second write are not worth it. */
    static final long RESUMABLE_SIZE = 8L << 20;

    private static final Duration KEPT = Duration.ofDays(7);

    private final Path folder;

    Partials(Path folder) {
        this.folder = folder;
    }

    /** The receiving library's partial transfers: beside its trash folder. */
    static Partials beside(Path trashFolder) {
        return new Partials(trashFolder.resolveSibling("partial"));
    }

    /** Whether a transfer resumes: a file large enough, whose hash is known (so the version is named by it). */
    static boolean resumable(SyncAction.Transfer action) {
        IndexEntry wanted = action.wanted();
        boolean copy = action.fold(make -> false, c -> true, move -> false, fix -> false);
        return copy
                && wanted.stat().isFile()
                && wanted.hash().isDefined()
                && wanted.stat().size() >= RESUMABLE_SIZE;
    }

    /** The partial file of the version a resumable transfer sends. */
    Path of(IndexEntry wanted) {
        String name = wanted.hash().get().hex() + "-" + wanted.stat().size() + "-"
                + wanted.stat().mtimeNanos();
        return folder.resolve(Chunks.hex(Chunks.sha256(name.getBytes(StandardCharsets.UTF_8), 0, name.length())));
    }

    /** How much of the version is held, in whole chunks (a chunk half written when the process died is not). */
    long offset(IndexEntry wanted) {
        try {
            long size = Files.size(of(wanted));
            return Math.min(size - size % Chunks.SIZE, wanted.stat().size());
        } catch (IOException none) {
            return 0;
        }
    }

    /** Appends a verified chunk at {@code offset}; a chunk that would not follow what is held is not kept. */
    void append(IndexEntry wanted, long offset, byte[] data, int start, int length) {
        Path file = of(wanted);
        try {
            Files.createDirectories(folder);
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                if (out.size() < offset) {
                    return;
                }
                out.truncate(offset);
                ByteBuffer bytes = ByteBuffer.wrap(data, start, length);
                while (bytes.hasRemaining()) {
                    out.write(bytes, offset + bytes.position() - start);
                }
            }
        } catch (IOException unwritable) {
            remove(wanted); // only a shortcut is lost
        }
    }

    /** Reads {@code length} held bytes from {@code offset}. */
    byte[] read(IndexEntry wanted, long offset, int length) throws IOException {
        try (FileChannel in = FileChannel.open(of(wanted), StandardOpenOption.READ)) {
            ByteBuffer bytes = ByteBuffer.allocate(length);
            while (bytes.hasRemaining() && in.read(bytes, offset + bytes.position()) >= 0) {
                // until full, or the end
            }
            if (bytes.hasRemaining()) {
                throw new IOException("the partial transfer is shorter than it was");
            }
            return bytes.array();
        }
    }

    void remove(IndexEntry wanted) {
        try {
            Files.deleteIfExists(of(wanted));
        } catch (IOException ignored) {
            // swept later
        }
    }

    /** Removes partial transfers older than a week: their version is not coming back. */
    void sweep(Instant now) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                FileTime modified = Files.getLastModifiedTime(file);
                if (modified.toInstant().isBefore(now.minus(KEPT))) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException ignored) {
            // the next job tries again
        }
    }

    /** The partial transfer of a version, to resume from: none when nothing is held. */
    Option<Long> held(IndexEntry wanted) {
        long offset = offset(wanted);
        return offset > 0 ? Option.some(offset) : Option.none();
    }
}
