package dev.conduit.adapter.persistence;

import dev.conduit.domain.conduit.Conduit;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * One conduit read straight from the library's database, read-only, before anything else of the library is set up
 * (ADR 0055: {@code sync NAME} starts its agent's ssh from it while the library opens for the sync). Neither MyBatis
 * nor the migrations: a library that does not exist, has another schema, or cannot be read at once gives none, and the
 * caller goes the usual way.
 */
public final class ConduitPeek {

    /** How long the read waits for another process's write at most; a peek never waits long. */
    private static final int BUSY_TIMEOUT_MILLIS = 200;

    private ConduitPeek() {}

    /** The conduit {@code ref} names (its id when all digits, else its name, as {@code sync} finds it), if any. */
    public static Option<Conduit> find(LibraryFolder folder, String ref) {
        if (ref == null || ref.isEmpty() || !Files.isRegularFile(folder.database())) {
            return Option.none();
        }
        boolean byId = ref.length() < 19 && ref.chars().allMatch(c -> c >= '0' && c <= '9');
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + folder.database());
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT " + ConduitRow.COLUMNS + " FROM conduit WHERE " + (byId ? "id" : "name") + " = ?")) {
            if (byId) {
                statement.setLong(1, Long.parseLong(ref));
            } else {
                statement.setString(1, ref);
            }
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Option.some(row(row).toDomain()) : Option.none();
            }
        } catch (SQLException | RuntimeException unreadable) {
            return Option.none();
        }
    }

    private static ConduitRow row(ResultSet row) throws SQLException {
        return new ConduitRow(
                row.getLong("id"),
                row.getString("name"),
                row.getString("sourceRoot"),
                row.getString("sourceDevice"),
                row.getString("sourceFileKey"),
                row.getString("targetRoot"),
                row.getString("targetDevice"),
                row.getString("targetFileKey"),
                row.getString("mode"),
                row.getString("schedule"),
                row.getString("conflictPolicy"),
                row.getString("deletePolicy"),
                row.getString("ignorePatterns"),
                row.getBoolean("readIgnoreFiles"),
                row.getInt("parallel"),
                row.getLong("bandwidthLimit"),
                row.getBoolean("enabled"),
                row.getString("pausedBecause"),
                row.getString("sourceHost"),
                row.getString("targetHost"),
                row.getString("sshCommand"),
                row.getString("remoteConduit"));
    }
}
