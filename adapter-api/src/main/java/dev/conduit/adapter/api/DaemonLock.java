package dev.conduit.adapter.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One daemon per library: an OS file lock ({@code fcntl}) on {@code daemon.lock} in the library, held for the daemon's
 * life. The OS drops it when the process dies, however it dies, so a killed daemon never blocks the next one (the
 * socket file it leaves behind means nothing: the next daemon replaces it). The lock file holds the holder's pid, to
 * name it in the refusal.
 */
public final class DaemonLock implements AutoCloseable {

    public static final String FILE = "daemon.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DaemonLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another daemon holds it. The library folder is made if need be. */
    public static Optional<DaemonLock> tryAcquire(Path library) throws IOException {
        Files.createDirectories(library);
        FileChannel channel =
                FileChannel.open(library.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            return Optional.empty(); // this process serves the library: closing the channel would drop that lock
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        return Optional.of(new DaemonLock(channel, lock));
    }

    /** The pid written by the daemon that holds (or last held) the library's lock, for a message. */
    public static Optional<String> holder(Path library) {
        try {
            String pid = Files.readString(library.resolve(FILE), StandardCharsets.US_ASCII)
                    .trim();
            return pid.isEmpty() ? Optional.empty() : Optional.of(pid);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
