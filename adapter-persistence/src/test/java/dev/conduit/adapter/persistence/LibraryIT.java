package dev.conduit.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.application.port.out.IndexStore.IndexBatch;
import dev.conduit.application.port.out.LibraryUnavailableException;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.RootFileSystem;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.index.TimeGranularity;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real SQLite file in a temporary folder: never a mocked database. */
class LibraryIT {

    @TempDir
    Path folder;

    private Library library() {
        return new Library(new LibraryFolder(folder.resolve("lib")));
    }

    private static IndexEntry file(String path, String content) {
        return new IndexEntry(
                RelativePath.parse(path).get(),
                FileStat.file(content.length(), 1_700_000_000_123_456_789L, 0640, Option.some("2049:77")),
                Option.some(new ContentHash(String.format("%064x", content.hashCode() & 0xffffffffL))),
                1_700_000_100_000_000_000L);
    }

    private static IndexEntry directory(String path) {
        return new IndexEntry(
                RelativePath.parse(path).get(), FileStat.directory(5, 0755, Option.none()), Option.none(), 9);
    }

    /** Runs a statement on the library's file directly, as another program (or a newer Conduit) would. */
    private void changeBehindConduitsBack(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("lib/library.db"));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A fresh library with one registered location and its index store. */
    private record Indexed(Library library, Location location, MyBatisIndexStore store) {

        long write(IndexBatch batch) {
            return store.write(location.id(), batch);
        }

        static IndexBatch upserts(IndexEntry... entries) {
            return new IndexBatch(List.empty(), List.empty(), List.of(entries));
        }
    }

    private Indexed indexed(String root) {
        Library library = library();
        Location location =
                new MyBatisLocationRepository(library).register(root, new RootIdentity("1", "2"), Instant.EPOCH);
        return new Indexed(library, location, new MyBatisIndexStore(library));
    }

    private static java.util.List<IndexEntry> entries(MyBatisIndexStore store, Location location) {
        java.util.List<IndexEntry> entries = new ArrayList<>();
        store.forEach(location.id(), entries::add);
        return entries;
    }

    private static java.util.List<String> paths(MyBatisIndexStore store, Location location) {
        java.util.List<String> paths = new ArrayList<>();
        store.forEach(location.id(), entry -> paths.add(entry.path().value()));
        return paths;
    }

    @Nested
    class Schema {

        @Test
        void aNewLibraryIsCreatedInWalModeWithForeignKeysAndItsSchemaVersion() throws Exception {
            new MyBatisLocationRepository(library()).all();

            try (Connection connection =
                            DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("lib/library.db"));
                    Statement statement = connection.createStatement()) {
                ResultSet mode = statement.executeQuery("PRAGMA journal_mode");
                assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
                ResultSet version = statement.executeQuery("SELECT MAX(version) FROM schema_version");
                assertThat(version.getInt(1)).isEqualTo(SchemaMigrator.latestVersion());
            }
        }

        @Test
        void reopeningALibraryKeepsItsDataAndAppliesNothingTwice() {
            Location location = new MyBatisLocationRepository(library())
                    .register("/data", new RootIdentity("2049", "2"), Instant.EPOCH);

            MyBatisLocationRepository reopened = new MyBatisLocationRepository(library());

            assertThat(reopened.findEnclosing("/data")).contains(location);
            assertThat(reopened.all()).hasSize(1);
        }

        @Test
        void aLocationIsReadBackWithTheTraitsOfItsFileSystemOnceProbed() {
            MyBatisLocationRepository locations = new MyBatisLocationRepository(library());
            Location location = locations.register("/media/usb", new RootIdentity("1792", "1"), Instant.EPOCH);
            assertThat(locations.findById(location.id()).get().fileSystem()).isEmpty();
            RootFileSystem exfat = new RootFileSystem(
                    "1792", new FileSystemTraits(TimeGranularity.SECOND, false, false, false, false, false));
            RootFileSystem ext4 = new RootFileSystem("2049", FileSystemTraits.POSIX);

            locations.recordFileSystem(location.id(), exfat);
            Location probed = new MyBatisLocationRepository(library())
                    .findEnclosing("/media/usb/photos")
                    .get();
            locations.recordFileSystem(location.id(), ext4);

            assertThat(probed).isEqualTo(location.withFileSystem(exfat));
            assertThat(locations.all().head().fileSystem()).contains(ext4);
        }

        @Test
        void aPathBelongsToTheNearestLocationAboveItComparedExactly() {
            MyBatisLocationRepository locations = new MyBatisLocationRepository(library());
            Location data = locations.register("/data", new RootIdentity("1", "2"), Instant.EPOCH);
            Location photos = locations.register("/data/photos", new RootIdentity("1", "3"), Instant.EPOCH);
            Location odd = locations.register("/odd_%", new RootIdentity("1", "4"), Instant.EPOCH);

            assertThat(locations.findEnclosing("/data")).contains(data);
            assertThat(locations.findEnclosing("/data/docs/a")).contains(data);
            assertThat(locations.findEnclosing("/data/photos/2024")).contains(photos);
            assertThat(locations.findEnclosing("/data2/x")).isEmpty();
            assertThat(locations.findEnclosing("/odd_%/x")).contains(odd);
            assertThat(locations.findEnclosing("/oddX%/x"))
                    .as("no LIKE wildcards")
                    .isEmpty();
            assertThat(locations.findEnclosing("/DATA/x")).as("case matters").isEmpty();
        }

        @Test
        void deletingALocationCascadesToItsEntries() throws Exception {
            Indexed index = indexed("/data");
            Location location = index.location();
            MyBatisIndexStore store = index.store();
            index.write(Indexed.upserts(file("a", "a")));

            index.library().write(session -> {
                try (Statement statement = session.getConnection().createStatement()) {
                    statement.execute(
                            "DELETE FROM location WHERE id = " + location.id().value());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });

            assertThat(store.count(location.id()))
                    .as("foreign keys are enforced")
                    .isZero();
        }

        @Test
        void aLibraryFromANewerConduitIsRefusedWithOneClearLine() throws Exception {
            new MyBatisLocationRepository(library()).all();
            changeBehindConduitsBack("INSERT INTO schema_version VALUES (999, 'V999__future.sql', 0)");

            assertThatThrownBy(() -> new MyBatisLocationRepository(library()).all())
                    .isInstanceOf(LibraryUnavailableException.class)
                    .hasMessageContaining("newer Conduit")
                    .hasMessageContaining("schema version 999")
                    .hasMessageNotContaining("\n");
        }

        @Test
        void aLibraryWhoseHashesWereMadeWithAnotherDigestIsRefused() throws Exception {
            new MyBatisLocationRepository(library()).all();
            changeBehindConduitsBack("UPDATE library_setting SET value = 'BLAKE3' WHERE key = 'hash_algorithm'");

            assertThatThrownBy(() -> new MyBatisLocationRepository(library()).all())
                    .isInstanceOf(LibraryUnavailableException.class)
                    .hasMessageContaining("made with BLAKE3")
                    .hasMessageContaining("this Conduit makes SHA-256");
        }

        @Test
        void aFileThatIsNotADatabaseIsRefusedWithOneClearLineAndLeftAsItWas() throws Exception {
            Path database = folder.resolve("lib/library.db");
            Files.createDirectories(database.getParent());
            Files.writeString(database, "this is a shopping list, not a database\n".repeat(200));
            byte[] before = Files.readAllBytes(database);

            assertThatThrownBy(() -> new MyBatisLocationRepository(library()).all())
                    .isInstanceOf(LibraryUnavailableException.class)
                    .hasMessageContaining(database.toString())
                    .hasMessageContaining("not a readable Conduit library")
                    .hasMessageNotContaining("\n");
            assertThat(Files.readAllBytes(database)).isEqualTo(before);
        }

        @Test
        void aLibraryLockedByAnotherProcessIsReportedAsLocked() throws Exception {
            new MyBatisLocationRepository(library()).all();
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("lib/library.db"));
                    Statement statement = other.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 0");
                statement.execute("BEGIN EXCLUSIVE");
                statement.execute("INSERT INTO library_setting VALUES ('held', 'by another process')");
                MyBatisLocationRepository repository =
                        new MyBatisLocationRepository(new Library(new LibraryFolder(folder.resolve("lib")), 200));

                assertThatThrownBy(() -> repository.register("/x", new RootIdentity("1", "1"), Instant.EPOCH))
                        .isInstanceOf(LibraryUnavailableException.class)
                        .hasMessageContaining("is busy")
                        .hasMessageContaining("SQLITE_BUSY");
                statement.execute("ROLLBACK");
            }
        }
    }

    @Nested
    class Index {

        @Test
        void entriesRoundTripWithEveryField() {
            Indexed index = indexed("/data");
            Location location = index.location();
            MyBatisIndexStore store = index.store();
            IndexEntry link = new IndexEntry(
                    RelativePath.parse("docs/link").get(),
                    FileStat.symlink("../a b/ü", 42, 0777, Option.some("1:3")),
                    Option.none(),
                    7);
            IndexEntry unknownHash = new IndexEntry(
                    RelativePath.parse("docs/unread").get(),
                    FileStat.file(0, -5, 07000, Option.none()),
                    Option.none(),
                    8);
            IndexEntry withXattrs = new IndexEntry(
                    RelativePath.parse("docs/tagged").get(),
                    FileStat.file(3, 11, 0600, Option.some("1:4")).withCtime(1_700_000_000_987_654_321L),
                    Option.none(),
                    Option.some(new Xattrs("c".repeat(64))),
                    9);
            IndexEntry withoutXattrs = new IndexEntry(
                    RelativePath.parse("docs/plain").get(),
                    FileStat.directory(3, 0700, Option.some("1:5")).withCtime(12),
                    Option.none(),
                    Option.some(Xattrs.NONE),
                    9);
            IndexEntry owned = new IndexEntry(
                    RelativePath.parse("docs/owned").get(),
                    FileStat.file(4, 13, 04755, Option.some("1:6"))
                            .withCtime(14)
                            .withOwner(1234, 4321),
                    Option.none(),
                    15);
            IndexEntry ownedLink = new IndexEntry(
                    RelativePath.parse("docs/owned-link").get(),
                    FileStat.symlink("x", 16, 0777, Option.some("1:7")).withOwner(0, -2), // gid 4294967294
                    Option.none(),
                    17);
            List<IndexEntry> entries = List.of(
                    directory("docs"),
                    file("docs/a.txt", "a"),
                    link,
                    unknownHash,
                    withXattrs,
                    withoutXattrs,
                    owned,
                    ownedLink);

            store.write(location.id(), new IndexBatch(List.empty(), List.empty(), entries));

            assertThat(entries(store, location)).containsExactlyInAnyOrderElementsOf(entries);
        }

        @Test
        void byDirectoryStreamsEveryEntryGroupedByParentInCodePointOrder() {
            Indexed index = indexed("/d");
            String[] paths = {"b", "a", "a/z", "a/\u00e9", "a/\uD83D\uDE00", "a/\uFFFD", "a-b", "a-b/x", "a/z/1", "A"};
            for (String path : paths) {
                index.write(Indexed.upserts(file(path, path)));
            }

            java.util.List<String> streamed = new ArrayList<>();
            try (var cursor = index.store().byDirectory(index.location().id(), RelativePath.ROOT)) {
                cursor.forEachRemaining(entry -> streamed.add(entry.path().value()));
            }

            // parents '' < 'a' < 'a-b' < 'a/z'; names in code-point order: U+FFFD sorts before U+1F600, as in UTF-8
            assertThat(streamed)
                    .containsExactly(
                            "A", "a", "a-b", "b", "a/z", "a/\u00e9", "a/\uFFFD", "a/\uD83D\uDE00", "a-b/x", "a/z/1");
        }

        @Test
        void byDirectoryBelowAFolderStreamsExactlyItsSubtree() {
            Indexed index = indexed("/d");
            for (String path : new String[] {"a", "a/x", "a/b", "a/b/y", "a-b", "a-b/z", "ab", "b"}) {
                index.write(Indexed.upserts(file(path, path)));
            }

            java.util.List<String> streamed = new ArrayList<>();
            try (var cursor = index.store()
                    .byDirectory(index.location().id(), RelativePath.parse("a").get())) {
                cursor.forEachRemaining(entry -> streamed.add(entry.path().value()));
            }

            assertThat(streamed).containsExactly("a/b", "a/x", "a/b/y");
        }

        @Test
        void theDescendingStreamIsTheExactReverseAndBothFollowTheDomainsDirectoryOrder() {
            Indexed index = indexed("/d");
            String[] paths = {
                "b", "a", "a/z", "a/\u00e9", "a/\uD83D\uDE00", "a/\uFFFD", "a-b", "a-b/x", "a/z/1", "A", "a/z/2/deep"
            };
            for (String path : paths) {
                index.write(Indexed.upserts(file(path, path)));
            }
            for (RelativePath under : new RelativePath[] {
                RelativePath.ROOT, RelativePath.parse("a").get()
            }) {
                java.util.List<IndexEntry> up = new ArrayList<>();
                java.util.List<IndexEntry> down = new ArrayList<>();
                try (var cursor = index.store().byDirectory(index.location().id(), under)) {
                    cursor.forEachRemaining(up::add);
                }
                try (var cursor =
                        index.store().byDirectoryDescending(index.location().id(), under)) {
                    cursor.forEachRemaining(down::add);
                }

                java.util.Collections.reverse(down);
                assertThat(down).isEqualTo(up);
                assertThat(up).isSortedAccordingTo(dev.conduit.domain.join.Pairing.ASCENDING);
            }
            assertThat(index.store().countFiles(index.location().id(), RelativePath.ROOT))
                    .isEqualTo(paths.length);
            assertThat(index.store()
                            .countFiles(
                                    index.location().id(),
                                    RelativePath.parse("a").get()))
                    .isEqualTo(6);
        }

        @Test
        void anUpsertReplacesTheEntryAtItsPath() {
            Indexed index = indexed("/d");
            Location location = index.location();
            MyBatisIndexStore store = index.store();
            index.write(Indexed.upserts(file("a", "a")));
            index.write(Indexed.upserts(file("a", "b")));

            assertThat(entries(store, location)).containsExactly(file("a", "b"));
        }

        @Test
        void removingATreeRemovesExactlyThePathAndWhatIsBelowIt() {
            Indexed index = indexed("/d");
            Location location = index.location();
            MyBatisIndexStore store = index.store();
            store.write(
                    location.id(),
                    new IndexBatch(
                            List.empty(),
                            List.empty(),
                            List.of(
                                    directory("a"),
                                    file("a/x", "x"),
                                    directory("a/b"),
                                    file("a/b/y", "y"),
                                    file("a-b", "n"),
                                    file("a.txt", "n"),
                                    file("ab", "n"),
                                    directory("a0"))));

            long removed = store.write(
                    location.id(),
                    new IndexBatch(List.of(RelativePath.parse("a").get()), List.empty(), List.empty()));

            assertThat(removed).isEqualTo(4);
            assertThat(paths(store, location)).containsExactlyInAnyOrder("a-b", "a.txt", "ab", "a0");
        }

        @Test
        void emptyingADirectoryKeepsItsOwnEntry() {
            Indexed index = indexed("/d");
            Location location = index.location();
            MyBatisIndexStore store = index.store();
            store.write(
                    location.id(),
                    new IndexBatch(
                            List.empty(), List.empty(), List.of(directory("a"), file("a/x", "x"), file("a-b", "n"))));

            long removed = store.write(
                    location.id(),
                    new IndexBatch(
                            List.empty(), List.of(RelativePath.parse("a").get()), List.of(file("a", "now a file"))));

            assertThat(removed).isEqualTo(1);
            assertThat(paths(store, location)).containsExactly("a", "a-b");
        }

        @Test
        void locationsKeepTheirEntriesApart() {
            Library library = library();
            MyBatisLocationRepository locations = new MyBatisLocationRepository(library);
            Location one = locations.register("/one", new RootIdentity("1", "2"), Instant.EPOCH);
            Location two = locations.register("/two", new RootIdentity("1", "3"), Instant.EPOCH);
            MyBatisIndexStore store = new MyBatisIndexStore(library);
            store.write(one.id(), new IndexBatch(List.empty(), List.empty(), List.of(file("same", "1"))));
            store.write(two.id(), new IndexBatch(List.empty(), List.empty(), List.of(file("same", "2"))));

            store.write(
                    one.id(), new IndexBatch(List.of(RelativePath.parse("same").get()), List.empty(), List.empty()));

            assertThat(store.count(one.id())).isZero();
            assertThat(entries(store, two)).containsExactly(file("same", "2"));
        }
    }

    /**
     * Mappers are registered as first asked for (ADR 0058), by whichever thread asks first: threads that all ask at
     * once for the same mappers of a library just opened each get a complete one. Before the registration was made
     * under a lock and complete before handing out, two threads both registered the same mapper (MyBatis refuses the
     * second: "is already known") or one used a mapper whose statements the other was still parsing.
     */
    @Test
    void threadsThatFirstAskForTheSameMappersAtOnceEachGetAWorkingOne() throws Exception {
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 25; round++) {
                Library library = new Library(new LibraryFolder(folder.resolve("lib-" + round)));
                new MyBatisConduitRepository(library).all(); // opened: the first use of only one mapper
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(threads);
                java.util.List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
                for (int thread = 0; thread < threads; thread++) {
                    answers.add(pool.submit(() -> {
                        together.await();
                        return new MyBatisLocationRepository(library).all().size()
                                + new MyBatisSyncHistory(library)
                                        .generations(new dev.conduit.domain.conduit.ConduitId(1), 10)
                                        .size();
                    }));
                }
                for (java.util.concurrent.Future<Integer> answer : answers) {
                    assertThat(answer.get()).isZero();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
