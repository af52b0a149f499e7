package dev.conduit.adapter.jobs.index;

import dev.conduit.adapter.jobs.sync.ReadableFiles;
import dev.conduit.domain.index.ContentHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Streams a file through SHA-256. Measured here against BLAKE3 from Bouncy Castle (bench/HashBench.java): the JDK's
 * SHA-256 uses the CPU's SHA extensions and ran about ten times faster (about 1.6 GiB/s against 150 MiB/s).
 */
public final class ContentHasher {

    private static final String ALGORITHM = ContentHash.ALGORITHM;
    static final int BUFFER_SIZE = 256 * 1024;

    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER_SIZE));

    public ContentHash hash(Path file) throws IOException {
        MessageDigest digest = newDigest();
        ByteBuffer buffer = buffers.get();
        try (FileChannel channel = ReadableFiles.open(file)) { // never a pipe, a device or a link swapped in
            while (true) {
                buffer.clear();
                int read = channel.read(buffer);
                if (read < 0) {
                    break;
                }
                digest.update(buffer.array(), 0, read);
            }
        }
        return ContentHash.of(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, impossible);
        }
    }
}
