package dev.conduit.adapter.persistence;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.ConflictLog;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.JobLedger;
import dev.conduit.application.port.out.LibraryWaits;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.ScanLeases;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.application.port.out.TrashLedger;

/**
 * Binds the persistence out-ports to MyBatis over SQLite. Needs a {@link LibraryFolder} bound elsewhere; opens
 * nothing until a port is first used.
 */
public final class PersistenceModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(LocationRepository.class).to(MyBatisLocationRepository.class);
        bind(IndexStore.class).to(MyBatisIndexStore.class);
        bind(ConduitRepository.class).to(MyBatisConduitRepository.class);
        bind(SyncHistory.class).to(MyBatisSyncHistory.class);
        bind(TrashLedger.class).to(MyBatisTrashLedger.class);
        bind(Baselines.class).to(MyBatisBaselines.class);
        bind(ConflictLog.class).to(MyBatisConflictLog.class);
        bind(JobLedger.class).to(MyBatisJobLedger.class);
        bind(SyncLocks.class).to(FileSyncLocks.class);
        bind(ScanLeases.class).to(FileScanLeases.class);
    }

    @Provides
    @Singleton
    Library library(LibraryFolder folder, LibraryWaits waits) {
        return new Library(folder, SqliteLibrary.BUSY_TIMEOUT_MILLIS, waits);
    }

    /**
     * At the end of a command: folds the write-ahead log into the library, if the command opened it, so that no
     * command leaves a log behind. Opens nothing.
     */
    public static void endCommand(Injector injector) {
        Binding<Library> binding = injector.getExistingBinding(Key.get(Library.class));
        if (binding != null) {
            try {
                binding.getProvider().get().checkpoint();
            } catch (RuntimeException notConfigured) {
                // the library's folder could not even be named (bad options): nothing was opened
            }
        }
    }
}
