package dev.conduit.adapter.persistence;

import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

import java.util.function.Function;

/** The open library: short sessions for reads and one transaction per write, every failure explained. */
final class Library {

    private final LibraryFolder folder;
    private final int busyTimeoutMillis;
    private volatile SqlSessionFactory sessions;

    Library(LibraryFolder folder) {
        this(folder, SqliteLibrary.BUSY_TIMEOUT_MILLIS);
    }

    /** With how long to wait for another process's lock before giving up. */
    Library(LibraryFolder folder, int busyTimeoutMillis) {
        this.folder = folder;
        this.busyTimeoutMillis = busyTimeoutMillis;
    }

    <T> T read(Function<SqlSession, T> work) {
        return LibraryErrors.guard(folder.database(), () -> {
            try (SqlSession session = sessions().openSession(true)) {
                return work.apply(session);
            }
        });
    }

    <T> T write(Function<SqlSession, T> work) {
        return LibraryErrors.guard(folder.database(), () -> {
            try (SqlSession session = sessions().openSession(false)) {
                T result = work.apply(session);
                session.commit();
                return result;
            }
        });
    }

    /** Opens (and migrates) the database on first use, so that commands that need no library never touch it. */
    private SqlSessionFactory sessions() {
        SqlSessionFactory opened = sessions;
        if (opened == null) {
            synchronized (this) {
                opened = sessions;
                if (opened == null) {
                    opened = SqliteLibrary.open(folder, busyTimeoutMillis);
                    sessions = opened;
                }
            }
        }
        return opened;
    }
}
