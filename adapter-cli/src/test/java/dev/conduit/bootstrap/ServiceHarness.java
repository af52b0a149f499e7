package dev.conduit.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.conduit.adapter.jobs.JobsModule;
import dev.conduit.adapter.jobs.sync.TrashFolder;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.adapter.persistence.PersistenceModule;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.RunService;
import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.ConflictLog;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.FileSystemProbe;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.FileWatcher;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.JobLedger;
import dev.conduit.application.port.out.LibraryWaits;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.application.port.out.SyncLibrary;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.application.port.out.TrashBins;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.application.service.IndexLocationService;
import dev.conduit.application.service.ServiceRuntime;
import dev.conduit.application.service.SyncService;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.path.RelativePath;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The service as a daemon process runs it, in-process: the real adapters (a SQLite library, the local disk, the JDK
 * watcher), wrapped so that a test can mute events (as if the system dropped them) and tell an overflow or a watch
 * limit as the system would.
 */
final class ServiceHarness implements AutoCloseable {

    private final Injector injector;
    private final InjectingWatcher watcher;
    private final RunService service;
    private RunService.Running running;

    ServiceHarness(Path libraryFolder) {
        injector = Guice.createInjector(new PersistenceModule(), new JobsModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(LibraryFolder.class).toInstance(new LibraryFolder(libraryFolder));
                bind(TrashFolder.class).toInstance(new TrashFolder(libraryFolder.resolve("trash")));
                bind(Clock.class).toInstance(Clock.systemUTC());
                bind(LibraryWaits.class).toInstance(LibraryWaits.NONE);
            }
        });
        Scheduler scheduler = injector.getInstance(Scheduler.class);
        FileTree tree = injector.getInstance(FileTree.class);
        IndexLocation indexer = new IndexLocationService(
                tree,
                injector.getInstance(FileSystemProbe.class),
                injector.getInstance(LocationRepository.class),
                injector.getInstance(IndexStore.class),
                Clock.systemUTC(),
                scheduler);
        SyncLibrary library = new SyncLibrary(
                injector.getInstance(ConduitRepository.class),
                injector.getInstance(LocationRepository.class),
                injector.getInstance(IndexStore.class),
                injector.getInstance(SyncHistory.class),
                injector.getInstance(JobLedger.class),
                injector.getInstance(TrashLedger.class),
                injector.getInstance(SyncLocks.class),
                injector.getInstance(Baselines.class),
                injector.getInstance(ConflictLog.class));
        LocalEndpoints endpoints = new LocalEndpoints(
                indexer,
                tree,
                injector.getInstance(CopyJob.class),
                injector.getInstance(DeleteJob.class),
                injector.getInstance(TrashBins.class));
        SyncService sync = new SyncService(library, endpoints, scheduler, Clock.systemDefaultZone());
        watcher = new InjectingWatcher(injector.getInstance(FileWatcher.class));
        service = new ServiceRuntime(sync, library, endpoints, watcher, scheduler, Clock.systemUTC());
    }

    RunService.Running start(Duration quietPeriod, Duration pollEvery) {
        running = service.start(new RunService.Options(quietPeriod, 2, pollEvery));
        return running;
    }

    RunService.Running running() {
        return running;
    }

    InjectingWatcher watcher() {
        return watcher;
    }

    /** How many generations the conduit has (every sync the service ran). */
    int generations(long conduit) {
        return injector.getInstance(SyncHistory.class)
                .generations(new ConduitId(conduit), 10_000)
                .size();
    }

    /** The index's entry at {@code path} below {@code root}, if it has one. */
    io.vavr.control.Option<dev.conduit.domain.index.IndexEntry> indexed(Path root, String path) {
        LocationRepository locations = injector.getInstance(LocationRepository.class);
        return locations
                .findEnclosing(root.toString())
                .flatMap(location -> injector.getInstance(IndexStore.class)
                        .entry(
                                location.id(),
                                RelativePath.parse(Path.of(location.root())
                                                .relativize(root.resolve(path))
                                                .toString())
                                        .get()));
    }

    RunService.ConduitState state(long conduit) {
        return running.state()
                .find(state -> state.conduit().value() == conduit)
                .getOrElseThrow(() -> new AssertionError("no state of conduit " + conduit));
    }

    /** Waits, with a deadline, until {@code done} holds; fails with {@code what} when it never does. */
    static void await(String what, Duration deadline, BooleanSupplier done) {
        long until = System.nanoTime() + deadline.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within " + deadline + ": " + what);
            }
            try {
                Thread.sleep(20); // polling for an outcome with a deadline, never a sleep in its place
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    @Override
    public void close() {
        if (running != null) {
            running.close();
        }
    }

    /** The real watcher, whose events a test can mute and to whose listeners it can tell lost events. */
    static final class InjectingWatcher implements FileWatcher {
        private final FileWatcher real;
        private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
        private final Map<String, Watch> watches = new ConcurrentHashMap<>();
        private volatile boolean muted;

        InjectingWatcher(FileWatcher real) {
            this.real = real;
        }

        @Override
        public Watch watch(Path root, Listener listener) {
            Listener muting = new Listener() {
                @Override
                public void changed(RelativePath folder) {
                    if (!muted) {
                        listener.changed(folder);
                    }
                }

                @Override
                public void lost(Lost what, String reason) {
                    listener.lost(what, reason);
                }

                @Override
                public void rootGone(String reason) {
                    listener.rootGone(reason);
                }
            };
            listeners.put(root.toString(), muting);
            Watch watch = real.watch(root, muting);
            watches.put(root.toString(), watch);
            return () -> {
                listeners.remove(root.toString());
                watches.remove(root.toString());
                watch.close();
            };
        }

        void mute(boolean mute) {
            muted = mute;
        }

        /** As the system would: events under {@code root} were lost. */
        void overflow(Path root) {
            listeners.get(root.toString()).lost(Lost.OVERFLOW, "the system's event queue overflowed");
        }

        /** As the system would at its watch limit: the root is no longer watched (ENOSPC from inotify_add_watch). */
        void watchLimit(Path root) {
            watches.get(root.toString()).close();
            listeners.get(root.toString()).lost(Lost.WATCH_LIMIT, "User limit of inotify watches reached");
        }

        boolean watches(Path root) {
            return watches.containsKey(root.toString());
        }
    }
}
