package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.LibraryUnavailableException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns the database's failures into one line for a person: what, where, what to do. */
final class LibraryErrors {

    private LibraryErrors() {}

    /** Runs {@code work}; a database failure becomes a {@link LibraryUnavailableException}. */
    static <T> T guard(Path database, Supplier<T> work) {
        try {
            return work.get();
        } catch (LibraryUnavailableException alreadyExplained) {
            throw alreadyExplained;
        } catch (RuntimeException failure) {
            SQLException sql = findSqlCause(failure);
            if (sql == null) {
                throw failure;
            }
            throw translate(database, sql);
        }
    }

    static LibraryUnavailableException translate(Path database, SQLException failure) {
        return new LibraryUnavailableException(explain(database, failure), failure);
    }

    private static String explain(Path database, SQLException failure) {
        if (failure instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            String name = code.name(); // extended codes share their primary code's prefix
            if (name.startsWith("SQLITE_NOTADB") || name.startsWith("SQLITE_CORRUPT")) {
                return "the library " + database + " is not a readable Conduit library (" + code.message
                        + "): move it aside or choose another with --library";
            }
            if (name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED")) {
                return busyMessage(database, sqlite, LockHolders.ofLibrary(database), -1);
            }
            if (name.startsWith("SQLITE_FULL")) {
                return "the disk holding the library " + database + " is full: free some space and try again";
            }
            if (name.startsWith("SQLITE_CANTOPEN")
                    || name.startsWith("SQLITE_PERM")
                    || name.startsWith("SQLITE_READONLY")
                    || name.startsWith("SQLITE_IOERR")) {
                return "cannot use the library " + database + " (" + code.message
                        + "): check that its folder exists and is writable, or choose another with --library";
            }
        }
        return "the library " + database + " failed: " + firstLine(failure.getMessage());
    }

    /** Whether the database said another connection holds the lock it needs (any of the busy or locked codes). */
    static boolean isBusy(SQLException failure) {
        return failure instanceof SQLiteException sqlite
                && (sqlite.getResultCode().name().startsWith("SQLITE_BUSY")
                        || sqlite.getResultCode().name().startsWith("SQLITE_LOCKED"));
    }

    /** A write that waited {@code waitedMillis} for the library's write lock and gave up, or another failure. */
    static LibraryUnavailableException busy(
            Path database, SQLException failure, java.util.List<String> holders, long waitedMillis) {
        if (!isBusy(failure)) {
            return translate(database, failure);
        }
        return new LibraryUnavailableException(
                busyMessage(database, (SQLiteException) failure, holders, waitedMillis), failure);
    }

    /**
     * Says who holds the library (the processes holding locks on its files, or that none is known) and the extended
     * result code, which tells a lock held by a writer ({@code SQLITE_BUSY}) from a stale snapshot or a recovery.
     */
    private static String busyMessage(
            Path database, SQLiteException failure, java.util.List<String> holders, long waitedMillis) {
        return "the library " + database + " is busy"
                + (waitedMillis >= 0 ? " after a wait of " + Math.round(waitedMillis / 1000.0) + " s" : "") + " ("
                + LockHolders.describe(holders) + "; " + failure.getResultCode().name()
                + "): wait for that process to finish, or use another --library";
    }

    private static SQLException findSqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
