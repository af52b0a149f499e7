package dev.conduit.application.port.out;

/**
 * The library cannot be used at all: the database is not a Conduit library, is locked by another process, was made by
 * a newer Conduit, or cannot be opened. The message is one line for a person, saying what, where and what to do.
 */
public class LibraryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LibraryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
