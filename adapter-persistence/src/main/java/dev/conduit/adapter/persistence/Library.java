package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.IndexStore.EntryCursor;
import dev.conduit.application.port.out.LibraryWaits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.Seq;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * The open library: short sessions for reads, and one transaction per write, every failure explained.
 *
 * <p>Writes (ADR 0023): one writer per process at a time, and each write transaction begins as a writer
 * ({@code BEGIN IMMEDIATE}). So a process never waits for its own connections, and never gets
 * {@code SQLITE_BUSY_SNAPSHOT} from a transaction that read first and wrote after another connection had written;
 * the only wait left is for another process's write, which is short, bounded by {@link #busyTimeoutMillis} and
 * visible: after {@link #WAIT_SLICE_MILLIS} {@link LibraryWaits} hears who holds the library. Reads never wait (WAL).
 */
final class Library {

    /** How long one attempt to begin a write waits in SQLite's busy handler before the wait is made visible. */
    static final int WAIT_SLICE_MILLIS = 1_000;

    private final LibraryFolder folder;
    private final int busyTimeoutMillis;
    private final LibraryWaits waits;
    private final java.util.concurrent.locks.ReentrantLock writer = new java.util.concurrent.locks.ReentrantLock(true);
    private volatile SqlSessionFactory sessions;
    /** Whether this process has written to the library: only then does the end of its command fold the log in. */
    private volatile boolean wrote;

    Library(LibraryFolder folder) {
        this(folder, SqliteLibrary.BUSY_TIMEOUT_MILLIS, LibraryWaits.NONE);
    }

    /** With how long to wait for another process's write before giving up. */
    Library(LibraryFolder folder, int busyTimeoutMillis) {
        this(folder, busyTimeoutMillis, LibraryWaits.NONE);
    }

    /** With how long to wait for another process's write, and who hears that a write waits. */
    Library(LibraryFolder folder, int busyTimeoutMillis, LibraryWaits waits) {
        this.folder = folder;
        this.busyTimeoutMillis = busyTimeoutMillis;
        this.waits = waits;
    }

    <T> T read(Function<SqlSession, T> work) {
        return LibraryErrors.guard(folder.database(), () -> {
            try (SqlSession session = sessions().openSession(true)) {
                return work.apply(session);
            }
        });
    }

    /**
     * One transaction, begun as a writer; statements are prepared once per transaction and reused (a batch repeats
     * the same few). The session is in autocommit mode and the transaction is this method's own ({@code BEGIN
     * IMMEDIATE} … {@code COMMIT}): the driver would otherwise begin a deferred transaction, and begin the next one
     * as soon as this one commits. Not re-entrant across connections: {@code work} must not write through the
     * library itself.
     */
    <T> T write(Function<SqlSession, T> work) {
        return LibraryErrors.guard(folder.database(), () -> {
            writer.lock();
            try (SqlSession session = sessions().openSession(ExecutorType.REUSE, true)) {
                java.sql.Connection connection = session.getConnection();
                begin(connection);
                wrote = true;
                try {
                    T result = work.apply(session);
                    session.flushStatements();
                    execute(connection, "COMMIT");
                    return result;
                } catch (RuntimeException failure) {
                    try {
                        execute(connection, "ROLLBACK");
                    } catch (RuntimeException alreadyEnded) {
                        failure.addSuppressed(alreadyEnded);
                    }
                    throw failure;
                }
            } finally {
                writer.unlock();
            }
        });
    }

    /**
     * {@code BEGIN IMMEDIATE}: waits while another process writes, in slices of {@link #WAIT_SLICE_MILLIS} (SQLite's
     * busy handler), telling {@link LibraryWaits} once who holds the library, and gives up after
     * {@link #busyTimeoutMillis} with a message that names the holder.
     */
    private void begin(java.sql.Connection connection) {
        long started = System.nanoTime();
        boolean told = false;
        while (true) {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = " + Math.min(WAIT_SLICE_MILLIS, busyTimeoutMillis));
                statement.execute("BEGIN IMMEDIATE");
                return;
            } catch (SQLException failure) {
                long waited = (System.nanoTime() - started) / 1_000_000;
                if (!LibraryErrors.isBusy(failure) || waited >= busyTimeoutMillis) {
                    throw LibraryErrors.busy(
                            folder.database(), failure, LockHolders.ofLibrary(folder.database()), waited);
                }
                if (!told) {
                    waits.waiting(LockHolders.describe(LockHolders.ofLibrary(folder.database())));
                    told = true;
                }
            }
        }
    }

    private void execute(java.sql.Connection connection, String sql) {
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failure) {
            throw LibraryErrors.translate(folder.database(), failure);
        }
    }

    /** Whether this process has written to the library: a write transaction, or a migration of its schema. */
    boolean wrote() {
        return wrote;
    }

    /**
     * Every entry a query selects, streamed: the session, its connection and the statement stay open until the cursor
     * is closed; rows are read and converted one at a time. A failure of the database is explained like any other.
     */
    EntryCursor stream(String sql, Object... parameters) {
        Path database = folder.database();
        SqlSession session = LibraryErrors.guard(database, () -> sessions().openSession(true));
        try {
            PreparedStatement statement = session.getConnection().prepareStatement(sql);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.setFetchSize(1000);
            ResultSet rows = statement.executeQuery();
            return new EntryCursor() {
                private Boolean ahead;

                @Override
                public boolean hasNext() {
                    if (ahead == null) {
                        ahead = jdbc(rows::next);
                    }
                    return ahead;
                }

                @Override
                public IndexEntry next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    ahead = null;
                    return jdbc(() -> EntryRow.read(rows)).toDomain();
                }

                @Override
                public void close() {
                    try (session;
                            statement) {
                        rows.close();
                    } catch (SQLException ignored) {
                        // a read-only statement: nothing to lose in closing it
                    }
                }
            };
        } catch (SQLException failure) {
            session.close();
            throw LibraryErrors.translate(database, failure);
        }
    }

    /** Binds one looked-up path into a statement, from its second parameter on (the first is the owner's id). */
    interface PathKey {
        void bind(PreparedStatement statement, RelativePath path) throws SQLException;
    }

    /**
     * The entries at the given paths of one owner (a location or a conduit's baseline), each looked up by its key with
     * one prepared statement on one connection: not by a query per path through the mappers, whose per-row
     * mapping cost more than the seek (issue 13). Paths without a row are left out.
     */
    Seq<IndexEntry> entriesAt(String sql, long owner, Seq<RelativePath> paths, PathKey key) {
        return read(session -> {
            java.util.List<IndexEntry> found = new java.util.ArrayList<>();
            try (PreparedStatement statement = session.getConnection().prepareStatement(sql)) {
                statement.setLong(1, owner);
                for (RelativePath path : paths) {
                    key.bind(statement, path);
                    try (ResultSet row = statement.executeQuery()) {
                        if (row.next()) {
                            found.add(EntryRow.read(row).toDomain());
                        }
                    }
                }
            } catch (SQLException failure) {
                throw LibraryErrors.translate(folder.database(), failure);
            }
            return io.vavr.collection.List.ofAll(found);
        });
    }

    /** Folders per query of {@link #streamFolders}: well under SQLite's limit on bound parameters. */
    private static final int FOLDERS_PER_QUERY = 500;

    /**
     * The entries of a table ({@code entry} or {@code baseline_entry}, selected by {@code owner = ?}) directly inside
     * the given folders, streamed in (parent, name) order or its reverse: one query per few hundred folders, run as
     * the previous one is used up. The folders must come in code-point order (reversed for descending).
     */
    EntryCursor streamFolders(String table, String owner, long id, java.util.List<String> folders, boolean ascending) {
        java.util.List<java.util.List<String>> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < folders.size(); i += FOLDERS_PER_QUERY) {
            chunks.add(folders.subList(i, Math.min(folders.size(), i + FOLDERS_PER_QUERY)));
        }
        java.util.Iterator<java.util.List<String>> pending = chunks.iterator();
        return new EntryCursor() {
            private EntryCursor current;

            @Override
            public boolean hasNext() {
                while (current == null || !current.hasNext()) {
                    if (current != null) {
                        current.close();
                        current = null;
                    }
                    if (!pending.hasNext()) {
                        return false;
                    }
                    java.util.List<String> chunk = pending.next();
                    String sql = "SELECT " + EntryMapper.COLUMNS + " FROM " + table + " WHERE " + owner + " = ?"
                            + " AND parent IN (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                            + ") ORDER BY parent" + (ascending ? ", name" : " DESC, name DESC");
                    Object[] parameters = new Object[chunk.size() + 1];
                    parameters[0] = id;
                    for (int i = 0; i < chunk.size(); i++) {
                        parameters[i + 1] = chunk.get(i);
                    }
                    current = stream(sql, parameters);
                }
                return true;
            }

            @Override
            public IndexEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }

            @Override
            public void close() {
                if (current != null) {
                    current.close();
                }
            }
        };
    }

    private interface JdbcRead<T> {
        T read() throws SQLException;
    }

    private <T> T jdbc(JdbcRead<T> read) {
        try {
            return read.read();
        } catch (SQLException failure) {
            throw LibraryErrors.translate(folder.database(), failure);
        }
    }

    /** Opens (and migrates) the database on first use, so that commands that need no library never touch it. */
    private SqlSessionFactory sessions() {
        SqlSessionFactory opened = sessions;
        if (opened == null) {
            synchronized (this) {
                opened = sessions;
                if (opened == null) {
                    SqliteLibrary.Opened library = LibraryOpening.take(folder, busyTimeoutMillis)
                            .getOrElse(() -> SqliteLibrary.open(folder, busyTimeoutMillis));
                    wrote |= library.migrated();
                    opened = library.sessions();
                    sessions = opened;
                }
            }
        }
        return opened;
    }

    /**
     * Ends the process's use of the library: the write-ahead log is checkpointed into the database and truncated to
     * nothing. Without this a command left its log behind, hundreds of MiB after a large sync (issue 16). The
     * connections are left open on purpose: closing the last one would delete the log and its shared-memory index, and
     * a user who may read the library but not write its folder could then no longer open it (SQLite needs those files
     * to read a WAL database). Never waits: where another process reads or writes, the checkpoint is left to it. Does
     * nothing if the library was never opened, or if this process only read it (ADR 0050): the log is the writers' to
     * fold in, and a read command that checkpointed during another process's sync copied that sync's pages into the
     * database and waited for the disk to flush them, in a command people wait for.
     */
    synchronized void checkpoint() {
        SqlSessionFactory opened = sessions;
        if (opened == null || !wrote) {
            return;
        }
        javax.sql.DataSource source = opened.getConfiguration().getEnvironment().getDataSource();
        try (java.sql.Connection connection = source.getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 0");
            try {
                statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } finally {
                statement.execute("PRAGMA busy_timeout = " + busyTimeoutMillis);
            }
        } catch (SQLException busyOrReadOnly) {
            // another process holds the library, or it is read-only: the log stays for the next writer to fold in
        }
    }
}
