package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.ReservedNames;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.trash.TrashReason;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.control.Either;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves versions into the trash, never copying them: a rename into the library's trash when the root is on the
 * library's file system, into a {@code .conduit-trash} folder at the root otherwise (which every scan ignores).
 * Inside, versions are kept by conduit, generation and side under their own relative path, so a person can find
 * them without the tool.
 */
final class LocalTrash {

    private final TrashFolder library;
    private final Clock clock;
    private final Map<Path, Path> trashOfRoot = new ConcurrentHashMap<>();

    LocalTrash(TrashFolder library, Clock clock) {
        this.library = library;
        this.clock = clock;
    }

    /** Moves the entry out of the root into the bin. */
    Either<String, Void> move(JobOrder.TrashBin bin, Path root, RelativePath path, FileStat stat, TrashReason reason,
                              JobListener listener) {
        return put(bin, root, path, stat, reason, false, listener);
    }

    /**
     * Hard-links the entry into the bin and leaves it where it is, for a rename to replace atomically: the target
     * never lacks the file, and the old version is in the trash the moment the new one is in place.
     */
    Either<String, Void> keep(JobOrder.TrashBin bin, Path root, RelativePath path, FileStat stat, TrashReason reason,
                              JobListener listener) {
        return put(bin, root, path, stat, reason, true, listener);
    }

    /**
     * Records the version in the library (pending) before it moves, then moves it and confirms it: a crash in between
     * leaves a pending record, which the next sync settles by looking for the file in the trash (ADR 0017). A
     * version is never in the trash without a record.
     */
    private Either<String, Void> put(JobOrder.TrashBin bin, Path root, RelativePath path, FileStat stat,
                                     TrashReason reason, boolean link, JobListener listener) {
        Path original = LocalDisk.resolve(root, path);
        Path stored;
        try {
            stored = freePlace(binFolder(bin, root).resolve(path.value()));
            Files.createDirectories(stored.getParent());
        } catch (IOException e) {
            return Either.left("cannot move it to the trash: " + LocalDisk.reason(e));
        }
        long record = listener.trashing(new TrashedVersion.New(bin.conduit(), bin.generation(), bin.side(), path,
            original.toString(), stat.kind(), reason, stat.size(), clock.instant(), stored.toString()));
        try {
            if (link) {
                Files.createLink(stored, original);
            } else {
                Files.move(original, stored, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            listener.notTrashed(record);
            return Either.left("cannot move it to the trash: " + LocalDisk.reason(e));
        }
        listener.trashed(record);
        return Either.right(null);
    }

    private Path binFolder(JobOrder.TrashBin bin, Path root) throws IOException {
        Path trash = trashOfRoot.get(root);
        if (trash == null) {
            trash = sameFileSystem(library.directory(), root) ? library.directory()
                : root.resolve(ReservedNames.TRASH_DIRECTORY);
            trashOfRoot.put(root, trash);
        }
        return trash.resolve(Long.toString(bin.conduit().value())).resolve(Long.toString(bin.generation()))
            .resolve(bin.side().label());
    }

    /** The path, or the first of {@code path~2}, {@code path~3}... that is free. */
    private static Path freePlace(Path wanted) {
        Path place = wanted;
        for (int n = 2; Files.exists(place, LinkOption.NOFOLLOW_LINKS); n++) {
            place = wanted.resolveSibling(wanted.getFileName() + "~" + n);
        }
        return place;
    }

    private static boolean sameFileSystem(Path libraryTrash, Path root) throws IOException {
        Files.createDirectories(libraryTrash);
        return Files.getAttribute(libraryTrash, "unix:dev").equals(Files.getAttribute(root, "unix:dev"));
    }
}
