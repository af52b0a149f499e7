package dev.conduit.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.conduit.adapter.jobs.JobsModule;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.adapter.persistence.PersistenceModule;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.service.IndexLocationService;
import dev.conduit.domain.index.IndexEntry;
import io.vavr.collection.List;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/** The indexer wired with the real adapters: a SQLite file and the local disk. */
final class RealLibrary {

    private final IndexLocation indexLocation;
    private final IndexStore store;

    RealLibrary(Path libraryFolder) {
        Injector injector = Guice.createInjector(new PersistenceModule(), new JobsModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(LibraryFolder.class).toInstance(new LibraryFolder(libraryFolder));
            }
        });
        store = injector.getInstance(IndexStore.class);
        indexLocation = new IndexLocationService(injector.getInstance(FileTree.class),
            injector.getInstance(LocationRepository.class), store, Clock.systemUTC());
    }

    IndexReport index(Path root) {
        return indexLocation.index(new IndexLocation.Command(root, List.empty(), true, IndexListener.NONE))
            .getOrElseThrow(failure -> new AssertionError(failure.describe()));
    }

    /** Every entry of the location, by path, without the moment it was indexed (which differs between scans). */
    Map<String, IndexEntry> entries(IndexReport report) {
        Map<String, IndexEntry> entries = new TreeMap<>();
        store.forEach(report.location().id(), entry ->
            entries.put(entry.path().value(), new IndexEntry(entry.path(), entry.stat(), entry.hash(), 0)));
        return entries;
    }
}
