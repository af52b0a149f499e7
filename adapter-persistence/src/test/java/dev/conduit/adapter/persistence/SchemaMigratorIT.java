package dev.conduit.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigratorIT {

    @TempDir
    Path folder;

    private int appliedScripts(Path database) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM schema_version")) {
            return rows.getInt(1);
        }
    }

    @Test
    void splitsScriptsIntoStatementsWithoutComments() {
        List<String> statements = SchemaMigrator.statements("""
            -- a comment line; with a semicolon
            CREATE TABLE a (
                x INTEGER  -- trailing comment
            );
            INSERT INTO a VALUES (1);
            """);
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0))
                .startsWith("CREATE TABLE a (")
                .doesNotContain("comment")
                .endsWith(")");
        assertThat(statements.get(1)).isEqualTo("INSERT INTO a VALUES (1)");
    }

    @Test
    void aLibraryFromAnOlderConduitIsUpgradedInPlace() throws Exception {
        Path database = folder.resolve("lib/library.db");
        java.nio.file.Files.createDirectories(database.getParent());
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = old.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, script TEXT NOT NULL,"
                    + " applied_at INTEGER NOT NULL)"); // as a build that knew no script yet left it
        }

        new MyBatisLocationRepository(new Library(new LibraryFolder(database.getParent()))).all();

        assertThat(appliedScripts(database)).isEqualTo(SchemaMigrator.latestVersion());
    }

    @Test
    void twoProcessesOpeningANewLibraryAtOnceCreateItsSchemaOnce() throws Exception {
        Path libraryFolder = folder.resolve("shared");
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> open = () -> new MyBatisLocationRepository(new Library(new LibraryFolder(libraryFolder)))
                    .all()
                    .size();
            List<Future<Integer>> opened = both.invokeAll(List.of(open, open));
            for (Future<Integer> result : opened) {
                assertThat(result.get()).isZero();
            }
        } finally {
            both.shutdownNow();
        }
        assertThat(appliedScripts(libraryFolder.resolve("library.db"))).isEqualTo(SchemaMigrator.latestVersion());
    }
}
