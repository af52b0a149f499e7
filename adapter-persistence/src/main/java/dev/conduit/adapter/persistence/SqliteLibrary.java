package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.LibraryUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.sqlite.SQLiteConfig;

/**
 * Opens a library's SQLite database: WAL journal, foreign keys on, a busy timeout instead of instant lock errors,
 * and the schema migrated to this version before anything else runs.
 */
final class SqliteLibrary {

    /**
     * How long a write waits for another process's write before giving up: writes are short transactions, so a
     * long wait means a stuck or very slow writer; the wait is shown after {@link Library#WAIT_SLICE_MILLIS}.
     */
    static final int BUSY_TIMEOUT_MILLIS = 60_000;

    /** The write-ahead log's file is truncated to this once a checkpoint restarts it. */
    static final int JOURNAL_SIZE_LIMIT_BYTES = 16 << 20;

    /** The library's mappers, each registered with the configuration. */
    static final java.util.List<Class<?>> MAPPERS = java.util.List.of(
            LocationMapper.class,
            EntryMapper.class,
            ConduitMapper.class,
            HistoryMapper.class,
            TrashMapper.class,
            BaselineMapper.class,
            ConflictMapper.class,
            JobMapper.class);

    private SqliteLibrary() {}

    /** The open library, and whether opening it wrote to it (made or upgraded its schema). */
    record Opened(SqlSessionFactory sessions, boolean migrated) {}

    static Opened open(LibraryFolder folder, int busyTimeoutMillis) {
        Path database = folder.database();
        if (Files.exists(folder.directory()) && !Files.isDirectory(folder.directory())) {
            throw new LibraryUnavailableException(
                    "the library folder " + folder.directory() + " is a file, not a "
                            + "folder: choose another with --library",
                    null);
        }
        try {
            Files.createDirectories(folder.directory());
        } catch (IOException failure) {
            String why = failure instanceof java.nio.file.AccessDeniedException
                    ? "permission denied"
                    : failure instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                            ? fs.getReason()
                            : failure.getClass().getSimpleName();
            throw new LibraryUnavailableException(
                    "cannot create the library folder " + folder.directory() + " (" + why
                            + "): choose another with --library",
                    failure);
        }
        if (Files.exists(database) && !Files.isRegularFile(database)) {
            throw new LibraryUnavailableException(
                    "the library " + database + " is not a file: move it aside " + "or choose another with --library",
                    null);
        }
        String url = "jdbc:sqlite:" + database;
        Properties driverProperties = config(busyTimeoutMillis).toProperties();
        PooledDataSource pool = new PooledDataSource(
                Thread.currentThread().getContextClassLoader(), "org.sqlite.JDBC", url, driverProperties);
        pool.setPoolMaximumActiveConnections(8);
        pool.setPoolMaximumIdleConnections(4);
        boolean migrated = migrate(pool, database, busyTimeoutMillis) > 0;
        Environment environment = new Environment("library", new JdbcTransactionFactory(), pool);
        Configuration configuration = new MappersOnDemand(environment);
        configuration.setArgNameBasedConstructorAutoMapping(true);
        configuration.setMapUnderscoreToCamelCase(true);
        configuration.setDefaultFetchSize(1000);
        return new Opened(new SqlSessionFactoryBuilder().build(configuration), migrated);
    }

    /**
     * A configuration that registers a mapper of {@link #MAPPERS} when it is first asked for (ADR 0058): registering
     * one parses its annotations, and a command asks for some of the eight (a read for four). Safe with many threads,
     * in MyBatis 3.5.19: the maps a statement is looked up in are concurrent ({@code StrictMap} is a
     * {@code ConcurrentHashMap}), registrations are made one at a time under this configuration's lock, and a mapper
     * is handed out only once its registration is complete (MyBatis lists a mapper as known before it has parsed its
     * statements, so {@link #hasMapper} is not asked).
     */
    private static final class MappersOnDemand extends Configuration {

        private final java.util.Set<Class<?>> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();

        MappersOnDemand(Environment environment) {
            super(environment);
        }

        @Override
        public <T> T getMapper(Class<T> type, org.apache.ibatis.session.SqlSession session) {
            if (!registered.contains(type) && MAPPERS.contains(type)) {
                synchronized (this) {
                    if (!registered.contains(type)) {
                        if (!hasMapper(type)) {
                            addMapper(type);
                        }
                        registered.add(type);
                    }
                }
            }
            return super.getMapper(type, session);
        }
    }

    /**
     * Brings the schema up to date; returns how many scripts this process applied. A connection's first statements (switching a new database to WAL) run before the
     * driver installs its busy handler, so two processes opening a new library at the same moment can be refused at
     * once: that is retried for as long as the busy timeout, like any other wait for a lock.
     */
    private static int migrate(PooledDataSource pool, Path database, int busyTimeoutMillis) {
        long deadline = System.nanoTime() + busyTimeoutMillis * 1_000_000L;
        while (true) {
            try {
                return new SchemaMigrator(pool, database).migrate();
            } catch (LibraryUnavailableException locked) {
                if (!isBusy(locked) || System.nanoTime() > deadline) {
                    throw locked;
                }
                pool.forceCloseAll();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw locked;
                }
            }
        }
    }

    private static boolean isBusy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && LibraryErrors.isBusy(sql)) {
                return true;
            }
        }
        return false;
    }

    private static SQLiteConfig config(int busyTimeoutMillis) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL); // WAL + NORMAL: durable across app crashes
        config.enforceForeignKeys(true);
        config.setBusyTimeout(busyTimeoutMillis);
        // after a checkpoint that restarts the log, its file is cut back to this size instead of staying at its peak
        config.setJournalSizeLimit(JOURNAL_SIZE_LIMIT_BYTES);
        // the driver would otherwise run "SELECT last_insert_rowid()" after every INSERT it executes (a statement
        // prepared and stepped per index row written); the few ids Conduit needs it asks for itself (ADR 0037)
        config.setGetGeneratedKeys(false);
        return config;
    }
}
