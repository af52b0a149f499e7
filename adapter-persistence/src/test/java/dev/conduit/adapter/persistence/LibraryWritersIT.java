package dev.conduit.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.application.port.out.LibraryUnavailableException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers of one library (issue 18): a process never waits for itself, and a wait for another process is bounded,
 * visible and names who holds the library. Real SQLite files; the other process is a real process.
 */
class LibraryWritersIT {

    @TempDir
    Path folder;

    private Library library(int busyTimeoutMillis, List<String> heard) {
        return new Library(new LibraryFolder(folder.resolve("lib")), busyTimeoutMillis, heard::add);
    }

    private static void insert(org.apache.ibatis.session.SqlSession session, String key) {
        try (Statement statement = session.getConnection().createStatement()) {
            statement.execute("INSERT INTO library_setting (key, value) VALUES ('" + key + "', 'x')");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(org.apache.ibatis.session.SqlSession session) {
        try (Statement statement = session.getConnection().createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM library_setting")) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A write transaction that outlasts the busy timeout (a slow disk) does not fail the process's other writes. */
    @Test
    void aSlowWriteMakesTheProcesssOtherWritersWaitNotFail() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        Library library = library(200, heard);
        library.read(LibraryWritersIT::count); // opened and migrated
        CountDownLatch inside = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Object> slow = threads.submit(() -> library.write(session -> {
                insert(session, "slow");
                inside.countDown();
                sleep(1_000); // five times the busy timeout
                return null;
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Object> quick = threads.submit(() -> library.write(session -> {
                insert(session, "quick");
                return null;
            }));

            slow.get(20, TimeUnit.SECONDS);
            quick.get(20, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(library.read(LibraryWritersIT::count)).isEqualTo(3); // hash_algorithm, slow, quick
        assertThat(heard)
                .as("a wait for this process itself is no wait for another process")
                .isEmpty();
    }

    /**
     * A transaction that reads, then writes after another connection of the process wrote, would get
     * SQLITE_BUSY_SNAPSHOT at once (no busy handler is called for it) if it began deferred.
     */
    @Test
    void aWriteThatReadsFirstIsNeverGivenAStaleSnapshot() throws Exception {
        Library library = library(200, new CopyOnWriteArrayList<>());
        library.read(LibraryWritersIT::count); // opened and migrated
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch otherWrote = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Long> first = threads.submit(() -> library.write(session -> {
                long before = count(session);
                read.countDown();
                await(otherWrote, 500); // the other writer waits for us, or wrote
                insert(session, "first");
                return before;
            }));
            assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Object> second = threads.submit(() -> library.write(session -> {
                insert(session, "second");
                otherWrote.countDown();
                return null;
            }));

            first.get(20, TimeUnit.SECONDS);
            second.get(20, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(library.read(LibraryWritersIT::count)).isEqualTo(3);
    }

    @Test
    void aWriteWaitsVisiblyForAnotherProcessAndNamesItWhenItGivesUp() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        Library library = library(2_500, heard);
        library.read(LibraryWritersIT::count); // opened and migrated
        Path database = folder.resolve("lib/library.db");
        Process other = holdWriteLock(database, 6);
        try {
            assertThatThrownBy(() -> library.write(session -> {
                        insert(session, "blocked");
                        return null;
                    }))
                    .isInstanceOf(LibraryUnavailableException.class)
                    .hasMessageContaining("is busy after a wait of")
                    .hasMessageContaining("pid " + other.pid())
                    .hasMessageContaining("SQLITE_BUSY")
                    .hasMessageNotContaining("\n");
            assertThat(heard).hasSize(1);
            assertThat(heard.get(0)).contains("pid " + other.pid());
        } finally {
            other.destroy();
            other.waitFor(10, TimeUnit.SECONDS);
        }
        library.write(
                session -> { // the holder is gone: no wait at all
                    insert(session, "after");
                    return null;
                });
        assertThat(heard).hasSize(1);
    }

    @Test
    void aWriteThatWaitedForAnotherProcessGoesOnOnceThatWriteEnds() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        Library library = library(20_000, heard);
        library.read(LibraryWritersIT::count); // opened and migrated
        Process other = holdWriteLock(folder.resolve("lib/library.db"), 2);
        try {
            library.write(session -> {
                insert(session, "waited");
                return null;
            });
        } finally {
            other.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(heard).hasSize(1);
        assertThat(library.read(LibraryWritersIT::count)).isEqualTo(3); // hash_algorithm, other, waited
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("lib/library.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT value FROM library_setting WHERE key = 'other'")) {
            assertThat(rows.next()).as("the other process's write was kept").isTrue();
        }
    }

    /**
     * Two processes registering the same root at once (two libraries over one file, each with its own connections and
     * writer, as two processes have; a barrier lines them up): both get the one location, neither an error.
     */
    @Test
    void twoProcessesRegisteringTheSameRootAtOnceGetTheSameLocation() throws Exception {
        Library first = library(20_000, new CopyOnWriteArrayList<>());
        Library second = library(20_000, new CopyOnWriteArrayList<>());
        first.read(LibraryWritersIT::count);
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 25; round++) {
                String root = "/data/" + round;
                java.util.function.Function<Library, java.util.concurrent.Callable<Long>> register = library -> () -> {
                    MyBatisLocationRepository locations = new MyBatisLocationRepository(library);
                    barrier.await(10, TimeUnit.SECONDS);
                    return locations
                            .findEnclosing(root)
                            .getOrElse(() -> locations.register(
                                    root, new dev.conduit.domain.index.RootIdentity("1", "2"), java.time.Instant.EPOCH))
                            .id()
                            .value();
                };
                Future<Long> a = threads.submit(register.apply(first));
                Future<Long> b = threads.submit(register.apply(second));

                assertThat(a.get(30, TimeUnit.SECONDS)).as("round " + round).isEqualTo(b.get(30, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(new MyBatisLocationRepository(first).all()).hasSize(25);
    }

    /** Another process (Python's sqlite3) that begins a write, says so, and holds it for {@code seconds}. */
    private static Process holdWriteLock(Path database, int seconds) throws Exception {
        Process process = new ProcessBuilder(
                        "python3",
                        "-c",
                        String.join(
                                "\n",
                                "import sqlite3, sys, time",
                                "c = sqlite3.connect(sys.argv[1], isolation_level=None)",
                                "c.execute('BEGIN IMMEDIATE')",
                                "c.execute(\"INSERT INTO library_setting (key, value) VALUES ('other', 'x')\")",
                                "print('holding', flush=True)",
                                "time.sleep(float(sys.argv[2]))",
                                "c.execute('COMMIT')"),
                        database.toString(),
                        Integer.toString(seconds))
                .redirectErrorStream(true)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("the other process holds the write lock").isEqualTo("holding");
        return process;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
