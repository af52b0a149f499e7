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
    private final Map<Path, Path> trashOfRoot = new ConcurrentHashMap<>();

    LocalTrash(TrashFolder library, Clock clock) {
        this.library = library;
        this.clock = clock;
    }

    /** An entry about to go to the trash: from {@code side} of the conduit, at {@code path} below {@code root}. */
    record Candidate(JobOrder.TrashBin bin, Path root, RelativePath path, FileStat stat, TrashReason reason) {
    }

    /** A version's place in the trash, recorded (pending) in the library before the version moves there. */
    record Place(long record, Path original, Path stored) {
    }

    /**
     * Chooses a free place in the trash for each candidate and records them all in the library, pending, in one write
     * — before anything moves (ADR 0017). A candidate whose place cannot be made gets the reason instead. Each place is
     * then {@link #move moved} or {@link #keep kept} into, or {@link #release released}.
     */
    java.util.List<Either<String, Place>> reserve(java.util.List<Candidate> candidates, JobListener listener) {
        java.util.List<Either<String, Path>> places = new ArrayList<>(candidates.size());
        java.util.List<TrashedVersion.New> versions = new ArrayList<>(candidates.size());
        Set<Path> taken = new HashSet<>();
        for (Candidate candidate : candidates) {
            try {
                Path stored = freePlace(binFolder(candidate.bin(), candidate.root()).resolve(candidate.path().value()),
                    taken);
                Files.createDirectories(stored.getParent());
                taken.add(stored);
                places.add(Either.right(stored));
                versions.add(new TrashedVersion.New(candidate.bin().conduit(), candidate.bin().generation(),
                    candidate.bin().side(), candidate.path(), original(candidate).toString(), candidate.stat().kind(),
                    candidate.reason(), candidate.stat().size(), clock.instant(), stored.toString()));
            } catch (IOException e) {
                places.add(Either.left("cannot move it to the trash: " + LocalDisk.reason(e)));
            }
        }
        Iterator<Long> records = versions.isEmpty() ? java.util.Collections.emptyIterator()
            : listener.trashing(io.vavr.collection.List.ofAll(versions)).iterator();
        java.util.List<Either<String, Place>> reserved = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            reserved.add(places.get(i).map(stored -> new Place(records.next(), original(candidate), stored)));
        }
        return reserved;
    }

    /** Moves the entry out of the root into its place, and confirms its record; withdraws the record if it cannot. */
    Either<String, Void> move(Place place, JobListener listener) {
        return put(place, false, listener);
    }

    /**
     * Hard-links the entry into its place and leaves it where it is, for a rename to replace atomically: the target
     * never lacks the file, and the old version is in the trash the moment the new one is in place.
     */
    Either<String, Void> keep(Place place, JobListener listener) {
        return put(place, true, listener);
    }

    /** The entry does not go to the trash after all (it changed, vanished, or the job stopped): its record goes. */
    void release(Place place, JobListener listener) {
        listener.notTrashed(place.record());
    }

    /** Moves one entry into the trash: {@link #reserve} and {@link #move} for a single candidate. */
    Either<String, Void> move(Candidate candidate, JobListener listener) {
        return reserve(java.util.List.of(candidate), listener).get(0).flatMap(place -> move(place, listener));
    }

    private Either<String, Void> put(Place place, boolean link, JobListener listener) {
        try {
            if (link) {
                Files.createLink(place.stored(), place.original());
            } else {
                Files.move(place.original(), place.stored(), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            release(place, listener);
            return Either.left("cannot move it to the trash: " + LocalDisk.reason(e));
        }
        listener.trashed(place.record());
        return Either.right(null);
    }

    private static Path original(Candidate candidate) {
        return LocalDisk.resolve(candidate.root(), candidate.path());
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
