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
import java.util.HashMap;
import java.util.Map;

/**
 * One lock file per conduit in the library folder, held with an OS file lock ({@code fcntl}) for the length of a
 * sync. The OS drops the lock when the process dies, so a killed sync never blocks the next; the file itself stays
 * and means nothing.
 *
 * <p>An {@code fcntl} lock belongs to the process, not to the channel that took it, and the OS drops every lock a
 * process holds on a file as soon as the process closes <em>any</em> descriptor of that file. So while this process
 * holds a conduit's lock, it never opens the lock file again (to probe it, or to try a second time): the locks held
 * here are kept in one table for the whole JVM (every instance of this class, every library), and asking for one of
 * them is answered from the table.
 */
final class FileSyncLocks implements SyncLocks {

    /** The lock files this process holds a lock on, by real path. Guarded by itself. */
    private static final Map<Path, ProcessLock> HELD = new HashMap<>();
    /** Channels that found a lock file locked by other code of this JVM: never closed, for the same reason. */
    private static final java.util.List<FileChannel> STRAYS = new java.util.ArrayList<>();

    private final LibraryFolder folder;

    @Inject
    FileSyncLocks(LibraryFolder folder) {
        this.folder = folder;
    }

    @Override
    public Option<Held> tryLock(ConduitId conduit) {
        Path file = fileOf(conduit, true);
        synchronized (HELD) {
            if (HELD.containsKey(file)) {
                return Option.none(); // held here: another descriptor would drop it when closed
            }
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException heldByOtherCodeHere) {
                    STRAYS.add(channel); // closing it would drop that lock: kept open instead
                    return Option.none();
                }
                if (lock == null) {
                    channel.close(); // held by another process; this one held nothing on it
                    return Option.none();
                }
                ProcessLock held = new ProcessLock(file, channel, lock);
                HELD.put(file, held);
                return Option.some(held);
            } catch (IOException e) {
                throw unavailable(file, e);
            }
        }
    }

    @Override
    public boolean isLocked(ConduitId conduit) {
        if (!Files.isDirectory(folder.locks())) {
            return false; // no sync ever ran here; nothing is made by asking
        }
        Path file = fileOf(conduit, false);
        synchronized (HELD) {
            if (HELD.containsKey(file)) {
                return true;
            }
            if (!Files.exists(file)) {
                return false;
            }
            if (LockHolders.readable()) { // asked without taking it: a probe that took the lock, even
                return !LockHolders.of(java.util.List.of(file)).isEmpty(); // for a moment, could refuse a sync
            }
            Option<Held> probe = tryLock(conduit);
            probe.forEach(Held::close);
            return probe.isEmpty();
        }
    }

    /**
     * The conduit's lock file by its real path (two spellings of a library are one file); its folder made first when
     * {@code make}.
     */
    private Path fileOf(ConduitId conduit, boolean make) {
        Path file = folder.locks().resolve("conduit-" + conduit.value() + ".lock");
        try {
            if (make) {
                Files.createDirectories(file.getParent());
            }
            return file.getParent().toRealPath().resolve(file.getFileName());
        } catch (IOException e) {
            throw unavailable(file, e);
        }
    }

    /** A lock file that cannot be made or opened: the library is not writable, which the user can fix. */
    private static LibraryUnavailableException unavailable(Path file, IOException failure) {
        String reason = failure instanceof java.nio.file.AccessDeniedException
                ? "permission denied"
                : failure instanceof java.nio.file.FileSystemException system && system.getReason() != null
                        ? system.getReason().toLowerCase(java.util.Locale.ROOT)
                        : String.valueOf(failure.getMessage());
        return new LibraryUnavailableException(
                "cannot lock " + file + " (" + reason + "): the library must be"
                        + " writable; fix its permissions, or use another --library",
                failure);
    }

    /** A lock this process holds: released and its channel closed once, when the sync lets go. */
    private static final class ProcessLock implements Held {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;

        ProcessLock(Path file, FileChannel channel, FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            synchronized (HELD) {
                if (HELD.get(file) != this) {
                    return; // closed before
                }
                HELD.remove(file);
                try (channel) {
                    lock.release();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
