package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.LibraryUnavailableException;
import dev.conduit.domain.index.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates and upgrades the library's schema with numbered SQL scripts, each applied once, in order, in its own
 * transaction, and recorded in {@code schema_version}. A script is never edited once released; a change is a new
 * script. A library written by a newer Conduit (a version above the newest script) is refused, not damaged.
 *
 * <p>Each script runs in a transaction begun IMMEDIATE, so that two processes opening a new library at once take
 * turns instead of both creating its schema; the second finds the work done.
 */
final class SchemaMigrator {

    /** The scripts under {@code db/migration}, oldest first. Append, never reorder. */
    static final List<String> SCRIPTS = List.of(
            "V001__locations_and_index.sql",
            "V002__conduits_generations_trash.sql",
            "V003__baselines_and_conflicts.sql",
            "V004__stop_requests.sql",
            "V005__resumed_generations.sql",
            "V006__jobs.sql",
            "V007__job_queue_and_live_progress.sql",
            "V008__location_file_system.sql",
            "V009__change_time_and_xattrs.sql",
            "V010__pending_trash.sql",
            "V011__change_journal.sql",
            "V012__generation_checkpoints.sql",
            "V013__owners.sql",
            "V014__remote_endpoints.sql");

    /**
     * Scripts that rebuild a table (SQLite cannot drop a constraint): run with foreign keys off, as SQLite's documented
     * way to change a table's schema asks, checked before they commit, and on again afterwards.
     */
    private static final java.util.Set<String> REBUILDS = java.util.Set.of("V014__remote_endpoints.sql");

    private final DataSource dataSource;
    private final Path database;

    SchemaMigrator(DataSource dataSource, Path database) {
        this.dataSource = dataSource;
        this.database = database;
    }

    static int latestVersion() {
        return SCRIPTS.size();
    }

    /**
     * Applies the scripts the library has not seen yet; returns how many this process applied (none when the schema
     * was current, or another process got there first).
     */
    int migrate() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true); // transactions are begun explicitly, IMMEDIATE
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + " version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            int current = currentVersion(statement);
            if (current > latestVersion()) {
                throw new LibraryUnavailableException(
                        "the library " + database + " was written by a newer Conduit "
                                + "(schema version " + current + ", this one knows up to " + latestVersion()
                                + "): upgrade Conduit, or choose another --library",
                        null);
            }
            int applied = 0;
            for (int version = current + 1; version <= latestVersion(); version++) {
                applied += apply(statement, version, SCRIPTS.get(version - 1)) ? 1 : 0;
            }
            checkHashAlgorithm(statement);
            return applied;
        } catch (SQLException failure) {
            throw LibraryErrors.translate(database, failure);
        }
    }

    /** Hashes made with another digest would never equal this build's: such a library is refused, not misread. */
    private void checkHashAlgorithm(Statement statement) throws SQLException {
        try (ResultSet rows =
                statement.executeQuery("SELECT value FROM library_setting WHERE key = 'hash_algorithm'")) {
            String recorded = rows.next() ? rows.getString(1) : null;
            if (!ContentHash.ALGORITHM.equals(recorded)) {
                throw new LibraryUnavailableException(
                        "the library " + database + " holds content hashes made with "
                                + recorded + ", and this Conduit makes " + ContentHash.ALGORITHM
                                + ": use the Conduit that made it, or choose another --library",
                        null);
            }
        }
    }

    private static int currentVersion(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    private boolean apply(Statement statement, int version, String script) throws SQLException {
        if (!REBUILDS.contains(script)) {
            return applyInTransaction(statement, version, script);
        }
        statement.execute("PRAGMA foreign_keys = OFF"); // outside a transaction, or it is ignored
        try {
            return applyInTransaction(statement, version, script);
        } finally {
            statement.execute("PRAGMA foreign_keys = ON");
        }
    }

    private boolean applyInTransaction(Statement statement, int version, String script) throws SQLException {
        statement.execute("BEGIN IMMEDIATE");
        try {
            if (currentVersion(statement) >= version) { // another process got there first
                statement.execute("ROLLBACK");
                return false;
            }
            for (String sql : statements(read(script))) {
                statement.execute(sql);
            }
            if (REBUILDS.contains(script)) {
                checkForeignKeys(statement, script);
            }
            statement.execute("INSERT INTO schema_version (version, script, applied_at) VALUES (" + version + ", '"
                    + script + "', " + System.currentTimeMillis() + ")");
            statement.execute("COMMIT");
            return true;
        } catch (SQLException | RuntimeException failure) {
            statement.execute("ROLLBACK");
            throw failure;
        }
    }

    /** A rebuilt table must leave every reference whole: the script is rolled back otherwise. */
    private static void checkForeignKeys(Statement statement, String script) throws SQLException {
        try (ResultSet broken = statement.executeQuery("PRAGMA foreign_key_check")) {
            if (broken.next()) {
                throw new IllegalStateException(script + " left a reference of " + broken.getString(1) + " to "
                        + broken.getString(3) + " without its row");
            }
        }
    }

    private static String read(String script) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream("/db/migration/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the build: " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new IllegalStateException("cannot read migration script " + script, failure);
        }
    }

    /** Splits a script into statements at semicolons that end a line, dropping '--' comments. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String code = line.contains("--") ? line.substring(0, line.indexOf("--")) : line;
            current.append(code).append('\n');
            if (code.stripTrailing().endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
