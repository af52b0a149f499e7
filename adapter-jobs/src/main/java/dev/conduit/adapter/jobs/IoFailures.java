package dev.conduit.adapter.jobs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** What went wrong with a file, in a few words for a person, without the path (the caller says where). */
public final class IoFailures {

    /** The reason given when the file system has no room left: a job stops taking work when it hears it. */
    public static final String NO_SPACE = "no space left on the device";

    private IoFailures() {}

    /** Whether the file system is full (ENOSPC) or the user's quota is used up (EDQUOT). */
    public static boolean isNoSpace(IOException failure) {
        String message = failure.getMessage();
        return message != null
                && (message.contains("No space left on device") || message.contains("Disk quota exceeded"));
    }

    public static String reason(IOException failure) {
        if (isNoSpace(failure)) {
            return NO_SPACE;
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof NoSuchFileException) {
            return "it disappeared";
        }
        if (failure instanceof NotDirectoryException) {
            return "not a directory any more";
        }
        if (failure instanceof DirectoryNotEmptyException) {
            return "not empty";
        }
        if (failure instanceof FileAlreadyExistsException) {
            return "something is in the way";
        }
        if (failure instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
