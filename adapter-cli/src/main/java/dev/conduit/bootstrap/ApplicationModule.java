package dev.conduit.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.conduit.adapter.cli.VersionProvider;
import dev.conduit.adapter.jobs.remote.AgentSessions;
import dev.conduit.adapter.jobs.remote.LocalSide;
import dev.conduit.adapter.jobs.sync.SharedBandwidth;
import dev.conduit.adapter.jobs.sync.TrashFolder;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.ManageConduits;
import dev.conduit.application.port.in.ManageConflicts;
import dev.conduit.application.port.in.ManageTrash;
import dev.conduit.application.port.in.QueryConduits;
import dev.conduit.application.port.in.RunService;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.ConflictLog;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.FileSystemProbe;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.FileWatcher;
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
import dev.conduit.application.service.ManageConflictsService;
import dev.conduit.application.service.ManageTrashService;
import dev.conduit.application.service.PeerIndexExchange;
import dev.conduit.application.service.QueryConduitsService;
import dev.conduit.application.service.ScansBegun;
import dev.conduit.application.service.ServiceRuntime;
import dev.conduit.application.service.SyncService;
import java.time.Clock;

/**
 * Binds the use cases (annotation-free services) over one library. Needs a {@link
 * dev.conduit.adapter.persistence.LibraryFolder} and a {@link dev.conduit.application.port.out.LibraryWaits} bound
 * elsewhere: by {@link CommandLineModule} for a command run alone, by {@link DaemonModule} in a daemon.
 */
final class ApplicationModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(Clock.class).toInstance(Clock.systemDefaultZone()); // conflict names are in local time
        bind(KeptSessions.Policy.class).toInstance(KeptSessions.Policy.MOMENT); // a daemon keeps them longer
    }

    @Provides
    @Singleton
    TrashFolder trashFolder(LibraryFolder library) {
        return new TrashFolder(library.trash());
    }

    @Provides
    @Singleton
    ManageConduits manageConduits(
            ConduitRepository conduits,
            FileTree tree,
            Folders folders,
            Baselines baselines,
            LocationRepository locations,
            IndexStore store,
            IndexLocation indexer,
            SyncLocks locks,
            Clock clock,
            Endpoints endpoints,
            ScansBegun scans) {
        return new ManageConduitsService(
                conduits,
                tree,
                folders,
                baselines,
                locations,
                store,
                indexer,
                locks,
                clock,
                io.vavr.control.Option.some(endpoints),
                io.vavr.control.Option.some(scans));
    }

    /** The scans a command begins ahead of its sync, one set per library (ADR 0068). */
    @Provides
    @Singleton
    ScansBegun scansBegun(Scheduler scheduler) {
        return new ScansBegun(scheduler);
    }

    @Provides
    @Singleton
    SyncLibrary syncLibrary(
            ConduitRepository conduits,
            LocationRepository locations,
            IndexStore store,
            SyncHistory history,
            JobLedger jobs,
            TrashLedger ledger,
            SyncLocks locks,
            Baselines baselines,
            ConflictLog conflicts) {
        return new SyncLibrary(conduits, locations, store, history, jobs, ledger, locks, baselines, conflicts);
    }

    @Provides
    @Singleton
    Endpoints endpoints(
            IndexLocation indexer,
            FileTree tree,
            CopyJob copyJob,
            DeleteJob deleteJob,
            TrashBins bins,
            AgentConnector connector,
            LocationRepository locations,
            IndexStore store,
            Clock clock,
            KeptSessions.Policy keeping) {
        return new HostEndpoints(
                new LocalEndpoints(indexer, tree, copyJob, deleteJob, bins),
                connector,
                new PeerIndexExchange(locations, store, tree, clock),
                keeping);
    }

    /**
     * The user's ssh starts the agent on the other host, and the agent transport speaks to it over ssh's standard
     * input and output (ADR 0038); this machine's side of its copies reads and writes through the local disk.
     */
    @Provides
    @Singleton
    AgentConnector agentConnector(FileTree tree, TrashFolder trash, Clock clock, SharedBandwidth bandwidth) {
        LocalSide local = new LocalSide(tree, trash, clock, bandwidth);
        return new SshAgentConnector(
                name -> io.vavr.control.Option.of(System.getenv(name)),
                (host, argv, roots, ahead) -> AgentSessions.start(
                                argv.asJava(), host.destination(), roots, ahead, local, VersionProvider.version())
                        .mapLeft(failure -> new AgentConnector.ConnectFailure(host, failure.describe())));
    }

    @Provides
    @Singleton
    SyncConduit syncConduit(
            SyncLibrary library, Endpoints endpoints, Scheduler scheduler, Clock clock, ScansBegun scans) {
        return new SyncService(library, endpoints, scheduler, clock, scans);
    }

    /** The service a daemon process starts: the live index and the schedules (ADR 0033). */
    @Provides
    @Singleton
    RunService runService(
            SyncConduit sync,
            SyncLibrary library,
            Endpoints endpoints,
            FileWatcher watcher,
            Scheduler scheduler,
            Clock clock) {
        return new ServiceRuntime(sync, library, endpoints, watcher, scheduler, clock);
    }

    @Provides
    @Singleton
    ManageConflicts manageConflicts(ConduitRepository conduits, ConflictLog conflicts) {
        return new ManageConflictsService(conduits, conflicts);
    }

    @Provides
    @Singleton
    QueryConduits queryConduits(
            ConduitRepository conduits,
            SyncHistory history,
            SyncLocks locks,
            LocationRepository locations,
            IndexStore store,
            TrashLedger ledger,
            ConflictLog conflicts,
            JobLedger jobs,
            Clock clock) {
        return new QueryConduitsService(conduits, history, locks, locations, store, ledger, conflicts, jobs, clock);
    }

    @Provides
    @Singleton
    ManageTrash manageTrash(
            ConduitRepository conduits,
            TrashLedger ledger,
            TrashBins bins,
            SyncLocks locks,
            Clock clock,
            Endpoints endpoints) {
        return new ManageTrashService(conduits, ledger, bins, locks, clock, io.vavr.control.Option.some(endpoints));
    }

    @Provides
    @Singleton
    IndexLocation indexLocation(
            FileTree tree,
            FileSystemProbe probe,
            LocationRepository locations,
            IndexStore store,
            Clock clock,
            Scheduler scheduler,
            dev.conduit.application.port.out.ScanLeases leases) {
        return new IndexLocationService(tree, probe, locations, store, clock, scheduler, leases);
    }
}
