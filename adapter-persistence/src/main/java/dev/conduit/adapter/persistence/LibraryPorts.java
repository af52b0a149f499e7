package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.ConflictLog;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.JobLedger;
import dev.conduit.application.port.out.LibraryWaits;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.application.port.out.TrashLedger;

/**
 * The library's out-ports over one open library, made by hand: what a command that only reads the library needs,
 * without an injector (ADR 0050). The same adapters as {@link PersistenceModule} binds; opens nothing until a port is
 * first used.
 */
public final class LibraryPorts {

    private final LibraryFolder folder;
    private final Library library;

    /** Over the library in {@code folder}. */
    public LibraryPorts(LibraryFolder folder, LibraryWaits waits) {
        this.folder = folder;
        this.library = new Library(folder, SqliteLibrary.BUSY_TIMEOUT_MILLIS, waits);
    }

    public ConduitRepository conduits() {
        return new MyBatisConduitRepository(library);
    }

    public SyncHistory history() {
        return new MyBatisSyncHistory(library);
    }

    public SyncLocks locks() {
        return new FileSyncLocks(folder);
    }

    public LocationRepository locations() {
        return new MyBatisLocationRepository(library);
    }

    public IndexStore store() {
        return new MyBatisIndexStore(library);
    }

    public TrashLedger trash() {
        return new MyBatisTrashLedger(library);
    }

    public ConflictLog conflicts() {
        return new MyBatisConflictLog(library);
    }

    public JobLedger jobs() {
        return new MyBatisJobLedger(library);
    }

    /** At the end of the command: as {@link PersistenceModule#endCommand}, the log folded in if this process wrote. */
    public void endCommand() {
        library.checkpoint();
    }

    /** Whether this process has written to the library (a write transaction, or a migration of its schema). */
    public boolean wrote() {
        return library.wrote();
    }
}
