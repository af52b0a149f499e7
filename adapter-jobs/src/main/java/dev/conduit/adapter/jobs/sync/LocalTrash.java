package dev.conduit.adapter.jobs.sync;

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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Moves versions into the trash, never copying them: a rename into the library's trash when the root is on the
 * library's file system, into a {@code .conduit-trash} folder at the root otherwise (which every scan ignores).
 * Inside, versions are kept by conduit, generation and side under their own relative path, so a person can find
 * them without the tool.
 */
final class LocalTrash {

    private final TrashFolder library;
    private final Clock clock;
    private final Operations disk;
    private final Map<Path, Path> trashOfRoot = new ConcurrentHashMap<>();
    /** Roots on a file system that refused a hard link (FAT, exFAT): their overwritten versions are renamed. */
    private final Set<Path> withoutLinks = ConcurrentHashMap.newKeySet();

    LocalTrash(TrashFolder library, Clock clock) {
        this(library, clock, Operations.LOCAL);
    }

    LocalTrash(TrashFolder library, Clock clock, Operations disk) {
        this.library = library;
        this.clock = clock;
        this.disk = disk;
    }

    /** The two operations a trash is made of: the file system's own, or a test's that refuse one. */
    interface Operations {

        Operations LOCAL = new Operations() {
            @Override
            public void link(Path link, Path existing) throws IOException {
                Files.createLink(link, existing);
            }

            @Override
            public void rename(Path from, Path to) throws IOException {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        };

        /** A hard link; may be refused where the file system has none. */
        void link(Path link, Path existing) throws IOException;

        /** An atomic rename within one file system. */
        void rename(Path from, Path to) throws IOException;
    }

    /** Moves the entry out of the root into the bin. */
    Either<String, TrashedVersion.New> move(JobOrder.TrashBin bin, Path root, RelativePath path, FileStat stat,
                                            TrashReason reason) {
        Path original = LocalDisk.resolve(root, path);
        try {
            Path stored = place(bin, root, path);
            disk.rename(original, stored);
            return Either.right(version(bin, path, original, stat, reason, stored));
        } catch (IOException e) {
            return Either.left(cannotTrash(e));
        }
    }

    /**
     * Puts {@code replacement}, a file beside the entry, in the entry's place, and keeps the entry in the bin, handing
     * its record to {@code kept}. Where the file system has hard links, the entry is linked into the bin and the
     * replacement renamed over it: the destination is never missing. Where it has none (FAT, exFAT), the entry is
     * renamed into the bin and then the replacement into its place: a crash between the two leaves the old version in
     * the bin, the destination missing (the next sync copies it again) and the replacement a temporary file (swept),
     * never a half-written destination. When the replacement cannot be put in place, the old version stays or goes
     * back where it was.
     */
    Either<String, Void> replace(JobOrder.TrashBin bin, Path root, RelativePath path, FileStat stat, TrashReason reason,
                                 Path replacement, Consumer<TrashedVersion.New> kept) {
        Path original = LocalDisk.resolve(root, path);
        Path stored;
        try {
            stored = place(bin, root, path);
        } catch (IOException e) {
            return Either.left(cannotTrash(e));
        }
        TrashedVersion.New version = version(bin, path, original, stat, reason, stored);
        Either<String, Boolean> linked = linked(root, stored, original);
        if (linked.isLeft()) {
            return Either.left(linked.getLeft());
        }
        if (linked.get()) {
            Either<String, Void> placed = putInPlace(replacement, original);
            if (placed.isLeft()) {
                forget(stored);                                   // the version is still in its place
            } else {
                kept.accept(version);
            }
            return placed;
        }
        try {
            disk.rename(original, stored);
        } catch (IOException e) {
            return Either.left(cannotTrash(e));
        }
        Either<String, Void> placed = putInPlace(replacement, original);
        if (placed.isRight()) {
            kept.accept(version);
            return placed;
        }
        try {
            disk.rename(stored, original);
            return placed;
        } catch (IOException stillInTheTrash) {
            kept.accept(version);                                 // restorable; the next sync copies it again
            return Either.left(placed.getLeft() + " (the old version is in the trash)");
        }
    }

    /**
     * Whether the entry is now also in the bin by a hard link; false, once and for all for the root, where the file
     * system refuses hard links.
     */
    private Either<String, Boolean> linked(Path root, Path stored, Path original) {
        if (withoutLinks.contains(root)) {
            return Either.right(false);
        }
        try {
            disk.link(stored, original);
            return Either.right(true);
        } catch (NoSuchFileException gone) {
            return Either.left(cannotTrash(gone));
        } catch (IOException | UnsupportedOperationException refused) {
            withoutLinks.add(root);
            return Either.right(false);
        }
    }

    /** Renames a new version over its destination, atomically. */
    Either<String, Void> putInPlace(Path replacement, Path original) {
        try {
            disk.rename(replacement, original);
            return Either.right(null);
        } catch (IOException e) {
            return Either.left("cannot put it in place: " + LocalDisk.reason(e));
        }
    }

    private static void forget(Path link) {
        try {
            Files.deleteIfExists(link);
        } catch (IOException ignored) {
            // only a second name of a version that stayed in place
        }
    }

    /** A free path in the bin for the entry, its folder made. */
    private Path place(JobOrder.TrashBin bin, Path root, RelativePath path) throws IOException {
        Path stored = freePlace(binFolder(bin, root).resolve(path.value()));
        Files.createDirectories(stored.getParent());
        return stored;
    }

    private TrashedVersion.New version(JobOrder.TrashBin bin, RelativePath path, Path original, FileStat stat,
                                       TrashReason reason, Path stored) {
        return new TrashedVersion.New(bin.conduit(), bin.generation(), bin.side(), path, original.toString(),
            stat.kind(), reason, stat.size(), clock.instant(), stored.toString());
    }

    private static String cannotTrash(IOException failure) {
        return "cannot move it to the trash: " + LocalDisk.reason(failure);
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
