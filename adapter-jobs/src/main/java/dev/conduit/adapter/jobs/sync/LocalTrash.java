package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.ReservedNames;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.trash.TrashReason;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves versions into the trash, never copying them: a rename into the library's trash when the root is on the
 * library's file system, into a {@code .conduit-trash} folder at the root otherwise (which every scan ignores).
 * Inside, versions are kept by conduit, generation and side under their own relative path, so a person can find
 * them without the tool. Every version is recorded in the library before it moves, a batch of them at once where a
 * job has several to trash (ADR 0017).
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

    /** An entry about to go to the trash: from {@code side} of the conduit, at {@code path} below {@code root}. */
    record Candidate(JobOrder.TrashBin bin, Path root, RelativePath path, FileStat stat, TrashReason reason) {}

    /**
     * A version's place in the trash, recorded (pending) in the library before the version moves there from
     * {@code original}, below {@code root}.
     */
    record Place(long record, Path root, RelativePath path, Path original, Path stored) {}

    /**
     * Chooses a free place in the trash for each candidate and records them all in the library, pending, in one write
     * — before anything moves (ADR 0017). A candidate whose place cannot be made gets the reason instead. Each place is
     * then {@link #move moved} or {@link #replace kept} into, or {@link #release released}.
     */
    java.util.List<Either<EntryFailure, Place>> reserve(java.util.List<Candidate> candidates, JobListener listener) {
        java.util.List<Either<EntryFailure, Path>> places = new ArrayList<>(candidates.size());
        java.util.List<TrashedVersion.New> versions = new ArrayList<>(candidates.size());
        Set<Path> taken = new HashSet<>();
        Set<Path> made = new HashSet<>(); // folders made by this call: not made again for each file in them
        for (Candidate candidate : candidates) {
            try {
                Path stored = freePlace(
                        binFolder(candidate.bin(), candidate.root())
                                .resolve(candidate.path().value()),
                        taken);
                if (!made.contains(stored.getParent())) {
                    makeFolders(candidate.root(), stored.getParent());
                    made.add(stored.getParent());
                }
                taken.add(stored);
                places.add(Either.right(stored));
                versions.add(new TrashedVersion.New(
                        candidate.bin().conduit(),
                        candidate.bin().generation(),
                        candidate.bin().side(),
                        candidate.path(),
                        original(candidate).toString(),
                        candidate.stat().kind(),
                        candidate.reason(),
                        candidate.stat().size(),
                        clock.instant(),
                        stored.toString()));
            } catch (IOException e) {
                places.add(Either.left(cannotTrash(e)));
            }
        }
        Iterator<Long> records = versions.isEmpty()
                ? java.util.Collections.emptyIterator()
                : listener.trashing(io.vavr.collection.List.ofAll(versions)).iterator();
        java.util.List<Either<EntryFailure, Place>> reserved = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            reserved.add(places.get(i)
                    .map(stored -> new Place(
                            records.next(), candidate.root(), candidate.path(), original(candidate), stored)));
        }
        return reserved;
    }

    /** Moves one entry into the trash: {@link #reserve} and {@link #move} for a single candidate. */
    Either<EntryFailure, Void> move(Candidate candidate, JobListener listener) {
        return reserve(java.util.List.of(candidate), listener).get(0).flatMap(place -> move(place, listener));
    }

    /** Moves the entry out of the root into its place, and confirms its record; releases the record if it cannot. */
    Either<EntryFailure, Void> move(Place place, JobListener listener) {
        try (RootedFolder from = RootedFolder.holding(place.root(), place.path())) {
            Option<RootedFolder> into = RootedFolder.holdingInside(place.root(), place.stored(), false);
            try {
                disk.rename(from.entry(place.path()), RootedFolder.reach(into, place.stored()));
            } finally {
                into.forEach(RootedFolder::close);
            }
        } catch (IOException e) {
            release(place, listener);
            return Either.left(cannotTrash(e));
        }
        listener.trashed(place.record());
        return Either.right(null);
    }

    /** The entry does not go to the trash after all (it changed, vanished, or the job stopped): its record goes. */
    void release(Place place, JobListener listener) {
        listener.notTrashed(place.record());
    }

    /**
     * Puts {@code replacement}, a file beside the entry, in the entry's place, and keeps the entry in its place in the
     * trash, confirming its record (or releasing it when the entry stays where it was). Where the file system has hard
     * links, the entry is linked into the bin and the replacement renamed over it: the destination is never missing.
     * Where it has none (FAT, exFAT), the entry is renamed into the bin and then the replacement into its place: a
     * crash between the two leaves the old version in the bin, recorded (the next sync confirms it), the destination
     * missing (the next sync copies it again) and the replacement a temporary file (swept), never a half-written
     * destination. When the replacement cannot be put in place, the old version stays or goes back where it was.
     * {@code original} is the entry reached through its held folder (the copy's).
     */
    Either<EntryFailure, Void> replace(Place place, Path replacement, Path original, JobListener listener) {
        Option<RootedFolder> into;
        try {
            into = RootedFolder.holdingInside(place.root(), place.stored(), false);
        } catch (IOException e) {
            release(place, listener);
            return Either.left(cannotTrash(e));
        }
        try {
            return replace(place, replacement, original, RootedFolder.reach(into, place.stored()), listener);
        } finally {
            into.forEach(RootedFolder::close);
        }
    }

    /** {@link #replace}, with the place in the trash reached through its held folder where it is in the root. */
    private Either<EntryFailure, Void> replace(
            Place place, Path replacement, Path original, Path stored, JobListener listener) {
        Either<EntryFailure, Boolean> linked = linked(place.root(), stored, original);
        if (linked.isLeft()) {
            release(place, listener);
            return Either.left(linked.getLeft());
        }
        if (linked.get()) {
            Either<EntryFailure, Void> placed = putInPlace(replacement, original);
            if (placed.isLeft()) {
                forget(stored); // the version is still in its place
                release(place, listener);
            } else {
                listener.trashed(place.record());
            }
            return placed;
        }
        try {
            disk.rename(original, stored);
        } catch (IOException e) {
            release(place, listener);
            return Either.left(cannotTrash(e));
        }
        Either<EntryFailure, Void> placed = putInPlace(replacement, original);
        if (placed.isRight()) {
            listener.trashed(place.record());
            return placed;
        }
        try {
            disk.rename(stored, original);
            release(place, listener);
            return placed;
        } catch (IOException stillInTheTrash) {
            listener.trashed(place.record()); // restorable; the next sync copies it again
            return Either.left(placed.getLeft().then(" (the old version is in the trash)"));
        }
    }

    /**
     * Whether the entry is now also in the bin by a hard link; false, once and for all for the root, where the file
     * system refuses hard links.
     */
    private Either<EntryFailure, Boolean> linked(Path root, Path stored, Path original) {
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
    Either<EntryFailure, Void> putInPlace(Path replacement, Path original) {
        try {
            disk.rename(replacement, original);
            return Either.right(null);
        } catch (IOException e) {
            return Either.left(LocalDisk.failure(e).in("cannot put it in place: "));
        }
    }

    private static void forget(Path link) {
        try {
            Files.deleteIfExists(link);
        } catch (IOException ignored) {
            // only a second name of a version that stayed in place
        }
    }

    /**
     * The folders of a place in the trash: made through held folders where the trash is the root's own (the folder
     * that holds any name in {@code folder} is {@code folder} itself).
     */
    private static void makeFolders(Path root, Path folder) throws IOException {
        Option<RootedFolder> held = RootedFolder.holdingInside(root, folder.resolve("any"), true);
        if (held.isEmpty()) {
            Files.createDirectories(folder);
        }
        held.forEach(RootedFolder::close);
    }

    private static Path original(Candidate candidate) {
        return LocalDisk.resolve(candidate.root(), candidate.path());
    }

    private static EntryFailure cannotTrash(IOException failure) {
        return LocalDisk.failure(failure).in("cannot move it to the trash: ");
    }

    private Path binFolder(JobOrder.TrashBin bin, Path root) throws IOException {
        Path trash = trashOfRoot.get(root);
        if (trash == null) {
            trash = sameFileSystem(library.directory(), root)
                    ? library.directory()
                    : root.resolve(ReservedNames.TRASH_DIRECTORY);
            trashOfRoot.put(root, trash);
        }
        return trash.resolve(Long.toString(bin.conduit().value()))
                .resolve(Long.toString(bin.generation()))
                .resolve(bin.side().label());
    }

    /** The path, or the first of {@code path~2}, {@code path~3}... that is free and not {@code taken} already. */
    private static Path freePlace(Path wanted, Set<Path> taken) {
        Path place = wanted;
        for (int n = 2; taken.contains(place) || Files.exists(place, LinkOption.NOFOLLOW_LINKS); n++) {
            place = wanted.resolveSibling(wanted.getFileName() + "~" + n);
        }
        return place;
    }

    private static boolean sameFileSystem(Path libraryTrash, Path root) throws IOException {
        Files.createDirectories(libraryTrash);
        return Files.getAttribute(libraryTrash, "unix:dev").equals(Files.getAttribute(root, "unix:dev"));
    }
}
