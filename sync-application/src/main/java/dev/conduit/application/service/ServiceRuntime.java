package dev.conduit.application.service;

import dev.conduit.application.port.in.RunService;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.FileWatcher;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.application.port.out.SyncLibrary;
import java.time.Clock;

/**
 * The service use case ({@code conduit daemon}): each start watches the roots of every enabled conduit through the
 * {@link FileWatcher} port, applies what changed to the index (one more writer of the change journal, ADR 0030), and
 * runs the conduits their schedules make due through the {@link SyncConduit} use case, from the live index.
 */
public final class ServiceRuntime implements RunService {

    private final SyncConduit sync;
    private final SyncLibrary library;
    private final Endpoints endpoints;
    private final FileWatcher watcher;
    private final Scheduler scheduler;
    private final Clock clock;

    public ServiceRuntime(
            SyncConduit sync,
            SyncLibrary library,
            Endpoints endpoints,
            FileWatcher watcher,
            Scheduler scheduler,
            Clock clock) {
        this.sync = sync;
        this.library = library;
        this.endpoints = endpoints;
        this.watcher = watcher;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public Running start(Options options) {
        LiveService service = new LiveService(
                options,
                sync,
                library,
                new LiveIndexer(library, endpoints, scheduler, clock),
                new LiveService.Watching(watcher, scheduler, clock, options.pollEvery()),
                scheduler,
                clock);
        service.start();
        return service;
    }
}
