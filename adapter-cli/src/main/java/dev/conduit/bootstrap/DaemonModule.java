package dev.conduit.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.conduit.adapter.cli.Console;
import dev.conduit.adapter.cli.LiveRuntime;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.application.port.in.RunService;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.FileWatcher;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.application.service.ServiceRuntime;
import dev.conduit.application.service.SyncService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The daemon's library, over {@link ApplicationModule}: a fixed folder, waits told on the daemon's stderr, and every
 * sync of the process (forwarded, started through the API, or run by the runtime) publishing its events and stopping
 * when the daemon stops.
 */
final class DaemonModule extends AbstractModule {

    private final Path library;
    private final Console console;
    private final Consumer<Map<String, Object>> events;
    private final BooleanSupplier stopping;
    private final KeptSessions.Policy keeping;

    DaemonModule(
            Path library,
            Console console,
            Consumer<Map<String, Object>> events,
            BooleanSupplier stopping,
            KeptSessions.Policy keeping) {
        this.library = library;
        this.console = console;
        this.events = events;
        this.stopping = stopping;
        this.keeping = keeping;
    }

    @Override
    protected void configure() {
        bind(LibraryFolder.class).toInstance(new LibraryFolder(library));
        bind(LiveRuntime.class).in(Singleton.class);
        bind(KeptSessions.Policy.class).toInstance(keeping); // its syncs of other hosts find their agent warm
        bind(dev.conduit.application.port.out.LibraryWaits.class)
                .toInstance(holder ->
                        console.warning("waiting for the library: another process is writing to it (" + holder + ")"));
    }

    /** Every sync of the process publishes its events and stops when the daemon stops. */
    @Provides
    @Singleton
    PublishingSyncConduit publishing(
            dev.conduit.application.port.out.SyncLibrary library,
            Endpoints endpoints,
            Scheduler scheduler,
            Clock clock,
            dev.conduit.application.service.ScansBegun scans) {
        return new PublishingSyncConduit(
                new SyncService(library, endpoints, scheduler, clock, scans), events, stopping);
    }

    /** What commands and the API ask for goes through the running service, when it runs. */
    @Provides
    @Singleton
    SyncConduit syncConduit(PublishingSyncConduit publishing, LiveRuntime live) {
        return new LiveSyncConduit(publishing, live);
    }

    /** The service runs its syncs straight through the publishing use case (not back through itself). */
    @Provides
    @Singleton
    RunService runService(
            PublishingSyncConduit publishing,
            dev.conduit.application.port.out.SyncLibrary library,
            Endpoints endpoints,
            FileWatcher watcher,
            Scheduler scheduler,
            Clock clock) {
        return new ServiceRuntime(publishing, library, endpoints, watcher, scheduler, clock);
    }
}
