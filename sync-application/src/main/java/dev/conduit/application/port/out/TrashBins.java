package dev.conduit.application.port.out;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Either;

/** The files of the trash: finding a version, putting it back, or removing it for good. */
public interface TrashBins {

    /**
     * Moves the version at {@code storedAt} back to {@code originalAt}, making its missing parent folders; refuses
     * (with the reason) when something is at {@code originalAt}. {@code path} is where it was below its root
     * ({@code originalAt} without it): nothing is written outside that root, nor through a link in it.
     */
    Either<EntryFailure, Void> restore(String storedAt, String originalAt, RelativePath path);

    /**
     * Whether a version is at {@code storedAt}: how a pending trash record left by a crash is settled. Its folder is
     * made before the version is recorded, so a folder without the version means the version never moved there; no
     * folder (a disk that is not mounted) tells nothing.
     */
    Presence presence(String storedAt);

    enum Presence {
        /** The version is there. */
        THERE,
        /** Its folder is there, the version is not: it never moved. */
        ABSENT,
        /** Its folder is not there either (the disk holding it is not mounted): nothing can be said. */
        UNKNOWN
    }

    /** Removes the version at {@code storedAt} (a whole folder for a trashed directory). */
    Either<EntryFailure, Void> purge(String storedAt);
}
