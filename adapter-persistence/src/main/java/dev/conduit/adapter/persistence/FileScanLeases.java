package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.LibraryWaits;
import dev.conduit.application.port.out.ScanLeases;
import dev.conduit.domain.index.Location;
import io.vavr.control.Option;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A scan lease per location (ADR 0049): a lock file in the library's {@code locks} folder, held with an OS file lock
 * ({@code fcntl}, dropped by the OS when the process dies) for the length of a full scan, and, since such a lock
 * belongs to the whole process, a semaphore per file for the threads of this one. A scan that finds it held polls
 * for it, says after {@link #TELL_AFTER} who holds it ({@link LibraryWaits#scanWaiting}), and after the bound scans
 * without it: the lease saves work, the index does not depend on it. A lock file that cannot be made or opened (a
 * library only read) is no lease at all.
 *
 * <p>Only the thread holding a file's semaphore ever opens that file, and it closes its descriptor only when it lets
 * go: an {@code fcntl} lock is dropped when its process closes any descriptor of the file.
 */
final class FileScanLeases implements ScanLeases {

    /** How long a scan waits for another at most before it scans anyway. */
    static final Duration BOUND = Duration.ofMinutes(10);

    /** A wait shorter than this is not told. */
    static final Duration TELL_AFTER = Duration.ofSeconds(1);

    private static final long POLL_MILLIS = 50;

    /** The threads of this process, one per lock file at a time. */
    private static final ConcurrentHashMap<Path, Semaphore> HERE = new ConcurrentHashMap<>();

    private static final Lease NOTHING = () -> {};

    private final LibraryFolder folder;
    private final LibraryWaits waits;
    private final Duration bound;

    @Inject
    FileScanLeases(LibraryFolder folder, LibraryWaits waits) {
        this(folder, waits, BOUND);
    }

    FileScanLeases(LibraryFolder folder, LibraryWaits waits, Duration bound) {
        this.folder = folder;
        this.waits = waits;
        this.bound = bound;
    }

    @Override
    public Lease await(Location location) {
        Path file;
        try {
            Files.createDirectories(folder.locks());
            file = folder.locks()
                    .toRealPath()
                    .resolve("scan-location-" + location.id().value() + ".lock");
        } catch (IOException | SecurityException cannot) {
            return NOTHING;
        }
        Wait wait = new Wait(location.root(), file);
        Semaphore here = HERE.computeIfAbsent(file, ignored -> new Semaphore(1, true));
        try {
            while (!here.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (wait.over()) {
                    return NOTHING;
                }
                wait.tell("another scan of this process");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return NOTHING;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new Held(here, channel, lock);
                }
                if (wait.over()) {
                    break;
                }
                wait.tell(null);
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | OverlappingFileLockException | SecurityException cannot) {
            // no lease to be had here: the scan runs without one
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        close(channel);
        here.release();
        return NOTHING;
    }

    /**
     * The lease at once, or none while another scan holds it: this process's semaphore taken by another thread, or
     * the file locked by another process. No wait, nothing told; a lease that cannot be had at all is {@link
     * #NOTHING}, as in {@link #await}.
     */
    @Override
    public Option<Lease> ifFree(Location location) {
        Path file;
        try {
            file = file(location);
        } catch (IOException | SecurityException cannot) {
            return Option.some(NOTHING);
        }
        Semaphore here = HERE.computeIfAbsent(file, ignored -> new Semaphore(1, true));
        if (!here.tryAcquire()) {
            return Option.none();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Option.some(new Held(here, channel, lock));
            }
            close(channel);
            here.release();
            return Option.none();
        } catch (IOException | OverlappingFileLockException | SecurityException cannot) {
            close(channel);
            here.release();
            return Option.some(NOTHING);
        }
    }

    /** Says who holds the location's lease, which a plan does not wait for. */
    @Override
    public void planningAsRecorded(Location location) {
        String holder;
        try {
            Path file = file(location);
            Semaphore here = HERE.get(file);
            holder = here != null && here.availablePermits() == 0
                    ? "held by another scan of this process"
                    : LockHolders.describe(LockHolders.of(java.util.List.of(file)));
        } catch (IOException | SecurityException cannot) {
            holder = "another process";
        }
        waits.scanAsRecorded(location.root(), holder);
    }

    private Path file(Location location) throws IOException {
        Files.createDirectories(folder.locks());
        return folder.locks()
                .toRealPath()
                .resolve("scan-location-" + location.id().value() + ".lock");
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // a descriptor that held no lock
            }
        }
    }

    /** One wait: its deadline, and whether it was told. */
    private final class Wait {
        private final String root;
        private final Path file;
        private final long started = System.nanoTime();
        private boolean told;

        Wait(String root, Path file) {
            this.root = root;
            this.file = file;
        }

        boolean over() {
            return System.nanoTime() - started >= bound.toNanos();
        }

        /** Says once, after the first second, who holds the lease ({@code null}: the other processes, looked up). */
        void tell(String holder) {
            if (told || System.nanoTime() - started < TELL_AFTER.toNanos()) {
                return;
            }
            told = true;
            waits.scanWaiting(
                    root,
                    holder != null
                            ? "held by " + holder
                            : LockHolders.describe(LockHolders.of(java.util.List.of(file))));
        }
    }

    /** The lease held: the OS lock, its descriptor, and this process's semaphore, let go in that order, once. */
    private static final class Held implements Lease {
        private final Semaphore here;
        private final FileChannel channel;
        private final FileLock lock;
        private boolean closed;

        Held(Semaphore here, FileChannel channel, FileLock lock) {
            this.here = here;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the descriptor drops it too
            } finally {
                FileScanLeases.close(channel);
                here.release();
            }
        }
    }
}
