package dev.conduit.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.conduit.adapter.jobs.JobsModule;
import dev.conduit.adapter.jobs.sync.TrashFolder;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.adapter.persistence.PersistenceModule;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.in.ManageConduits;
import dev.conduit.application.port.in.ManageTrash;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.ConflictLog;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.FileSystemProbe;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.Folders;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.JobLedger;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.application.port.out.SyncLibrary;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.application.port.out.TrashBins;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.application.service.IndexLocationService;
import dev.conduit.application.service.ManageConduitsService;
import dev.conduit.application.service.ManageTrashService;
import dev.conduit.application.service.SyncService;
import dev.conduit.domain.index.IndexEntry;
import io.vavr.collection.List;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/** The use cases wired with the real adapters: a SQLite file and the local disk. */
final class RealLibrary {

    private final IndexLocation indexLocation;
    private final IndexStore store;
    private final ManageConduits conduits;
    private final SyncConduit sync;
    private final ManageTrash trash;

    RealLibrary(Path libraryFolder) {
        Injector injector = Guice.createInjector(new PersistenceModule(), new JobsModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(LibraryFolder.class).toInstance(new LibraryFolder(libraryFolder));
                bind(TrashFolder.class).toInstance(new TrashFolder(libraryFolder.resolve("trash")));
                bind(Clock.class).toInstance(Clock.systemUTC());
                bind(dev.conduit.application.port.out.LibraryWaits.class)
                        .toInstance(dev.conduit.application.port.out.LibraryWaits.NONE);
            }
        });
        store = injector.getInstance(IndexStore.class);
        FileTree tree = injector.getInstance(FileTree.class);
        LocationRepository locations = injector.getInstance(LocationRepository.class);
        ConduitRepository repository = injector.getInstance(ConduitRepository.class);
        TrashLedger ledger = injector.getInstance(TrashLedger.class);
        Scheduler scheduler = injector.getInstance(Scheduler.class);
        indexLocation = new IndexLocationService(
                tree, injector.getInstance(FileSystemProbe.class), locations, store, Clock.systemUTC(), scheduler);
        SyncLocks locks = injector.getInstance(SyncLocks.class);
        TrashBins bins = injector.getInstance(TrashBins.class);
        conduits = new ManageConduitsService(
                repository,
                tree,
                injector.getInstance(Folders.class),
                injector.getInstance(Baselines.class),
                locations,
                store,
                indexLocation,
                locks,
                Clock.systemUTC());
        sync = new SyncService(
                new SyncLibrary(
                        repository,
                        locations,
                        store,
                        injector.getInstance(SyncHistory.class),
                        injector.getInstance(JobLedger.class),
                        ledger,
                        locks,
                        injector.getInstance(Baselines.class),
                        injector.getInstance(ConflictLog.class)),
                new LocalEndpoints(
                        indexLocation,
                        tree,
                        injector.getInstance(CopyJob.class),
                        injector.getInstance(DeleteJob.class),
                        bins),
                scheduler,
                Clock.systemDefaultZone());
        trash = new ManageTrashService(repository, ledger, bins, locks, Clock.systemUTC());
    }

    ManageConduits conduits() {
        return conduits;
    }

    SyncConduit sync() {
        return sync;
    }

    ManageTrash trash() {
        return trash;
    }

    IndexReport index(Path root) {
        return indexLocation
                .index(new IndexLocation.Command(root, List.empty(), true, IndexListener.NONE))
                .getOrElseThrow(failure -> new AssertionError(failure.describe()));
    }

    /** A shallow scan of these folders of the root only, as the service re-reads what its watcher saw change. */
    IndexReport indexOnly(Path root, io.vavr.collection.Seq<String> patterns, String... folders) {
        return indexLocation
                .index(new IndexLocation.Command(root, patterns, true, IndexListener.NONE)
                        .onlyIn(List.of(folders)
                                .map(folder -> dev.conduit.domain.path.RelativePath.parse(folder)
                                        .get())))
                .getOrElseThrow(failure -> new AssertionError(failure.describe()));
    }

    /** Every entry of the location, by path, without the moment it was indexed (which differs between scans). */
    Map<String, IndexEntry> entries(IndexReport report) {
        Map<String, IndexEntry> entries = new TreeMap<>();
        store.forEach(
                report.location().id(),
                entry -> entries.put(
                        entry.path().value(),
                        new IndexEntry(entry.path(), entry.stat(), entry.hash(), entry.xattrs(), 0)));
        return entries;
    }
}
