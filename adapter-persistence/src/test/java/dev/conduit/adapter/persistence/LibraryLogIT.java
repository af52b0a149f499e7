package dev.conduit.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No command leaves the library's write-ahead log behind (issue 16): the end of a command folds it in. */
class LibraryLogIT {

    @TempDir
    Path folder;

    private static void insertMany(org.apache.ibatis.session.SqlSession session, int rows) {
        try (Statement statement = session.getConnection().createStatement()) {
            for (int row = 0; row < rows; row++) {
                statement.execute("INSERT INTO library_setting (key, value) VALUES ('k" + row + "', '"
                        + "x".repeat(2_000) + "')");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theEndOfACommandFoldsTheLogInAndCutsItToNothing() {
        LibraryFolder library = new LibraryFolder(folder.resolve("lib"));
        Library open = new Library(library);
        open.write(session -> {
            insertMany(session, 2_000);
            return null;
        });
        Path log = Path.of(library.database() + "-wal");
        assertThat(log).as("written through the log").exists();
        assertThat(log.toFile().length()).isGreaterThan(1 << 20);

        open.checkpoint();

        assertThat(log.toFile().length()).isZero();
        assertThat(log)
                .as("kept, so that a reader who may not write the folder can still open the library")
                .exists();
        Library reopened = new Library(library);
        long rows = reopened.read(session -> {
            try (Statement statement = session.getConnection().createStatement();
                    java.sql.ResultSet counted =
                            statement.executeQuery("SELECT count(*) FROM library_setting WHERE key LIKE 'k%'")) {
                counted.next();
                return counted.getLong(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(rows).as("nothing lost").isEqualTo(2_000L);
        reopened.checkpoint();
    }

    @Test
    void aLibraryNeverOpenedIsNotCreatedAtTheEndOfACommand() {
        LibraryFolder library = new LibraryFolder(folder.resolve("never"));

        new Library(library).checkpoint();

        assertThat(library.directory()).doesNotExist();
    }
}
