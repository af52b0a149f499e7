package dev.conduit.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A library opened ahead of its first use (ADR 0058), against real SQLite files. */
class LibraryOpeningIT {

    @TempDir
    Path folder;

    private LibraryFolder existing() {
        LibraryFolder library = new LibraryFolder(folder.resolve("lib"));
        new MyBatisConduitRepository(new Library(library)).all(); // made, as a first command would
        return library;
    }

    @Test
    void theFirstLibraryOfTheFolderTakesWhatWasOpenedAhead() {
        LibraryFolder library = existing();

        try (LibraryOpening opening = LibraryOpening.begin(library).get()) {
            assertThat(LibraryOpening.begin(library))
                    .as("one opening per library at a time")
                    .isEmpty();
            Library first = new Library(library);
            assertThat(new MyBatisConduitRepository(first).all()).isEmpty();

            assertThat(LibraryOpening.take(library, SqliteLibrary.BUSY_TIMEOUT_MILLIS))
                    .as("taken by the first library")
                    .isEmpty();
        }
        try (LibraryOpening again = LibraryOpening.begin(library).get()) {
            assertThat(LibraryOpening.take(library, SqliteLibrary.BUSY_TIMEOUT_MILLIS))
                    .as("a new opening once the last was taken")
                    .hasSize(1);
        }
    }

    @Test
    void nothingIsOpenedAheadOrMadeWhereThereIsNoLibrary() {
        LibraryFolder library = new LibraryFolder(folder.resolve("none"));

        assertThat(LibraryOpening.begin(library)).isEmpty();
        assertThat(folder.resolve("none")).doesNotExist();
    }

    @Test
    void whatTheCallerSetsUpFirstIsSetUpOnlyWhenThereIsALibraryToOpen() {
        java.util.List<Thread> ran = new java.util.concurrent.CopyOnWriteArrayList<>();

        assertThat(LibraryOpening.begin(
                        new LibraryFolder(folder.resolve("none")), () -> ran.add(Thread.currentThread())))
                .isEmpty();
        assertThat(ran).as("nothing to open: nothing set up").isEmpty();

        LibraryFolder library = existing();
        try (LibraryOpening opening = LibraryOpening.begin(library, () -> ran.add(Thread.currentThread()))
                .get()) {
            assertThat(ran).as("once, on the thread that began it").containsExactly(Thread.currentThread());
        }
    }

    @Test
    void anOpeningNoLibraryTookIsLetGoOfAtTheEndOfTheCommand() {
        LibraryFolder library = existing();

        LibraryOpening.begin(library).get().close();

        assertThat(LibraryOpening.take(library, SqliteLibrary.BUSY_TIMEOUT_MILLIS))
                .isEmpty();
    }

    @Test
    void anOpeningThatFailedLeavesTheLibraryToOpenItselfAndSayWhy() throws Exception {
        LibraryFolder library = existing();
        Files.writeString(library.database(), "not a database, and long enough to be read as one ".repeat(10));
        Files.deleteIfExists(Path.of(library.database() + "-wal"));
        Files.deleteIfExists(Path.of(library.database() + "-shm"));

        try (LibraryOpening opening = LibraryOpening.begin(library).get()) {
            assertThat(LibraryOpening.take(library, SqliteLibrary.BUSY_TIMEOUT_MILLIS))
                    .as("a failed opening is not handed out")
                    .isEmpty();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new MyBatisConduitRepository(new Library(library)).all())
                .isInstanceOf(dev.conduit.application.port.out.LibraryUnavailableException.class);
    }
}
