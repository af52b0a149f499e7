package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.LibraryUnavailableException;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.domain.conduit.ConduitId;
import io.vavr.control.Option;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One lock file per conduit in the library folder, held with an OS file lock ({@code fcntl}) for the length of a
 * sync. The OS drops the lock when the process dies, so a killed sync never blocks the next; the file itself stays
 * and means nothing.
 */
final class FileSyncLocks implements SyncLocks {

    private final LibraryFolder folder;

    @Inject
    FileSyncLocks(LibraryFolder folder) {
        this.folder = folder;
    }

    @Override
    public Option<Held> tryLock(ConduitId conduit) {
        Path file = fileOf(conduit);
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Option.none();
            }
            FileLock held = lock;
            return Option.some(() -> release(held, channel));
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.FileSystemException system && system.getReason() != null
                ? system.getReason() : String.valueOf(e.getMessage());
            throw new LibraryUnavailableException("cannot lock " + file + " ("
                + reason.toLowerCase(java.util.Locale.ROOT) + "): the library must be writable; fix its permissions, or use another --library", e);
        }
    }

    @Override
    public boolean isLocked(ConduitId conduit) {
        Path file = fileOf(conduit);
        if (!Files.exists(file)) {
            return false;
        }
        Option<Held> probe = tryLock(conduit);
        probe.forEach(Held::close);
        return probe.isEmpty();
    }

    private Path fileOf(ConduitId conduit) {
        return folder.locks().resolve("conduit-" + conduit.value() + ".lock");
    }

    private static void release(FileLock lock, FileChannel channel) {
        try (channel) {
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
