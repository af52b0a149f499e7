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

    /** A library made before endpoints had hosts: its rows are kept, as roots of this machine. */
    @Test
    void aLibraryWithRowsIsMigratedToHostsKeepingEveryRowAndReference() throws Exception {
        Path database = folder.resolve("old/library.db");
        java.nio.file.Files.createDirectories(database.getParent());
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = old.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, script TEXT NOT NULL,"
                    + " applied_at INTEGER NOT NULL)");
            for (int version = 1; version <= 12; version++) {
                String script = SCRIPTS_BEFORE_HOSTS.get(version - 1);
                try (var in = SchemaMigrator.class.getResourceAsStream("/db/migration/" + script)) {
                    for (String sql : SchemaMigrator.statements(new String(in.readAllBytes(), "UTF-8"))) {
                        statement.execute(sql);
                    }
                }
                statement.execute("INSERT INTO schema_version VALUES (" + version + ", '" + script + "', 0)");
            }
            statement.execute("INSERT INTO location (id, root, device, root_file_key, registered_at, journal_position)"
                    + " VALUES (7, '/data', 'd', 'k', 1, 3)");
            statement.execute("INSERT INTO entry (location_id, path, parent, name, kind, size, mtime_ns, mode,"
                    + " indexed_at, journal_position) VALUES (7, 'a.txt', '', 'a.txt', 'FILE', 1, 1, 420, 1, 3)");
            statement.execute("INSERT INTO conduit (id, name, source_root, source_device, source_file_key, target_root,"
                    + " target_device, target_file_key, mode, schedule, conflict_policy, delete_policy,"
                    + " ignore_patterns, read_ignore_files, parallel, bandwidth_limit, enabled, created_at,"
                    + " total_syncs) VALUES (3, 'docs', '/data', 'd', 'k', '/backup', 'd', 'b', 'mirror', 'manual',"
                    + " 'newest-wins', 'trash', '', 1, 4, 0, 1, 1, 5)");
            statement.execute(
                    "INSERT INTO sync_generation (conduit_id, number, started_at, verification) VALUES (3, 1, 1, 'verified')");
        }
        Library library = new Library(new LibraryFolder(database.getParent()));
        MyBatisLocationRepository locations = new MyBatisLocationRepository(library);

        dev.conduit.domain.index.Location kept =
                locations.findEnclosing("/data/sub").get();
        assertThat(kept.id().value()).isEqualTo(7);
        assertThat(kept.host()).isEmpty();
        assertThat(new MyBatisIndexStore(library).count(kept.id())).isEqualTo(1);
        var conduit = new MyBatisConduitRepository(library).all().head();
        assertThat(conduit.source().host()).isEmpty();
        assertThat(conduit.target().root()).isEqualTo("/backup");
        assertThat(conduit.settings().remote()).isEqualTo(dev.conduit.domain.conduit.RemoteAccess.DEFAULTS);

        var nas = dev.conduit.domain.host.RemoteHost.parse("alice@nas:2222").get();
        var copy = locations.register(
                io.vavr.control.Option.some(nas),
                "/data",
                new dev.conduit.domain.index.RootIdentity("", ""),
                java.time.Instant.EPOCH);
        assertThat(copy.id()).as("the same path on a host is another location").isNotEqualTo(kept.id());
        assertThat(copy.host()).contains(nas);
        assertThat(locations.findRemote(nas, "/data")).contains(copy);
        assertThat(locations.findEnclosing("/data")).contains(kept);
        try (Connection after = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = after.createStatement();
                ResultSet broken = statement.executeQuery("PRAGMA foreign_key_check")) {
            assertThat(broken.next()).as("every reference is whole").isFalse();
        }
        assertThat(appliedScripts(database)).isEqualTo(SchemaMigrator.latestVersion());
    }

    private static final List<String> SCRIPTS_BEFORE_HOSTS = List.of(
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
            "V012__generation_checkpoints.sql");
}
