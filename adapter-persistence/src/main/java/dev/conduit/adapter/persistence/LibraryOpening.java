package dev.conduit.adapter.persistence;

import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.datasource.pooled.PooledDataSource;

/**
 * A library opened ahead of its first use, on a thread of its own (ADR 0058): a command line names its command and
 * library before anything is built, and opening the library (the driver, the pool, the schema's check, MyBatis'
 * configuration) then runs beside the parsing and the wiring instead of after them. The first {@link Library} of that
 * folder in this process takes what was opened; one that finds nothing, or an opening that failed, opens the library
 * itself as before, so a failure is reported where and as it always was.
 */
public final class LibraryOpening implements AutoCloseable {

    private static final ConcurrentHashMap<Path, CompletableFuture<SqliteLibrary.Opened>> BEGUN =
            new ConcurrentHashMap<>();

    private final Path key;
    private final CompletableFuture<SqliteLibrary.Opened> opening;

    private LibraryOpening(Path key, CompletableFuture<SqliteLibrary.Opened> opening) {
        this.key = key;
        this.opening = opening;
    }

    /**
     * Begins opening the library in {@code folder} when its database exists (nothing is made ahead: a command that
     * turns out not to need a library must not leave one behind). Close the handle at the end of the command: an
     * opening no library took is then let go of.
     */
    public static Option<LibraryOpening> begin(LibraryFolder folder) {
        return begin(folder, () -> {});
    }

    /**
     * The same, {@code first} run on this thread once the database is found, before the opening's thread starts: what
     * that thread needs set up by the thread that began it (the caller's logs, say), at no cost when there is nothing
     * to open. The database is looked for here only, not by the caller as well: one stat per command.
     */
    public static Option<LibraryOpening> begin(LibraryFolder folder, Runnable first) {
        if (!Files.isRegularFile(folder.database())) {
            return Option.none();
        }
        first.run();
        Path key = keyOf(folder);
        CompletableFuture<SqliteLibrary.Opened> opening = new CompletableFuture<>();
        if (BEGUN.putIfAbsent(key, opening) != null) {
            return Option.none();
        }
        Thread thread = new Thread(
                () -> {
                    try {
                        opening.complete(SqliteLibrary.open(folder, SqliteLibrary.BUSY_TIMEOUT_MILLIS));
                    } catch (RuntimeException | Error failure) {
                        opening.completeExceptionally(failure);
                    }
                },
                "conduit-library-opening");
        thread.setDaemon(true);
        thread.start();
        return Option.some(new LibraryOpening(key, opening));
    }

    /** What was opened ahead for {@code folder} with this busy timeout, once; none if nothing was or it failed. */
    static Option<SqliteLibrary.Opened> take(LibraryFolder folder, int busyTimeoutMillis) {
        if (busyTimeoutMillis != SqliteLibrary.BUSY_TIMEOUT_MILLIS || BEGUN.isEmpty()) {
            return Option.none();
        }
        CompletableFuture<SqliteLibrary.Opened> opening = BEGUN.remove(keyOf(folder));
        if (opening == null) {
            return Option.none();
        }
        try {
            return Option.some(opening.join());
        } catch (CompletionException failed) {
            return Option.none(); // opened again by the caller, which reports the failure as it always did
        }
    }

    /**
     * Lets go of the opening if no library took it: its connections are closed, once it has ended (waited for a
     * moment, so that no thread of the command is still opening the library when the command ends).
     */
    @Override
    public void close() {
        if (BEGUN.remove(key, opening)) {
            try {
                opening.get(CLOSING_PATIENCE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ended) {
                // failed (nothing to close), or still waiting on a busy library: closed once it ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            opening.thenAccept(opened -> {
                if (opened.sessions().getConfiguration().getEnvironment().getDataSource()
                        instanceof PooledDataSource pool) {
                    pool.forceCloseAll();
                }
            });
        }
    }

    /** How long closing waits for an opening no library took to end. */
    private static final long CLOSING_PATIENCE_MILLIS = 2_000;

    private static Path keyOf(LibraryFolder folder) {
        return folder.database().toAbsolutePath().normalize();
    }
}
