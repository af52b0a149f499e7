package dev.conduit.adapter.jobs;

import dev.conduit.application.port.in.EntryFailure;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** What went wrong with a file, by kind, in a few words for a person, without the path (the caller says where). */
public final class IoFailures {

    /** The words of a full file system: a job stops taking work when it hears {@link EntryFailure.NoSpace}. */
    public static final String NO_SPACE = EntryFailure.NO_SPACE;

    private IoFailures() {}

    /** Whether the file system is full (ENOSPC) or the user's quota is used up (EDQUOT). */
    public static boolean isNoSpace(IOException failure) {
        String message = failure.getMessage();
        return message != null
                && (message.contains("No space left on device") || message.contains("Disk quota exceeded"));
    }

    /** The failure by kind, with the system's own words where it is of no kind of its own. */
    public static EntryFailure failure(IOException failure) {
        if (failure instanceof Known known) {
            return known.failure();
        }
        if (isNoSpace(failure)) {
            return EntryFailure.noSpace();
        }
        if (failure instanceof AccessDeniedException) {
            return EntryFailure.permissionDenied();
        }
        if (failure instanceof NoSuchFileException) {
            return EntryFailure.vanished();
        }
        if (failure instanceof NotDirectoryException) {
            return EntryFailure.ioError("not a directory any more");
        }
        if (failure instanceof DirectoryNotEmptyException) {
            return EntryFailure.ioError("not empty");
        }
        if (failure instanceof FileAlreadyExistsException) {
            return EntryFailure.inTheWay("something");
        }
        if (failure instanceof FileSystemException fs && fs.getReason() != null) {
            return EntryFailure.ioError(fs.getReason().toLowerCase(Locale.ROOT));
        }
        return EntryFailure.ioError(
                failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    }

    /** The failure in words, without the path. */
    public static String reason(IOException failure) {
        return failure(failure).reason();
    }

    /** An I/O failure whose kind is known already: one a peer reported for its side, carried as it was. */
    public static final class Known extends IOException {

        private final transient EntryFailure failure;

        public Known(EntryFailure failure) {
            super(failure.reason());
            this.failure = failure;
        }

        public EntryFailure failure() {
            return failure;
        }
    }
}
