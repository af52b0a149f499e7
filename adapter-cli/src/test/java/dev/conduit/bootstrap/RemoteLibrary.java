package dev.conduit.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.conduit.adapter.jobs.JobsModule;
import dev.conduit.adapter.jobs.sync.TrashFolder;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.adapter.persistence.PersistenceModule;
import dev.conduit.application.port.in.IndexLocation;
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
import dev.conduit.application.service.PeerIndexExchange;
import dev.conduit.application.service.SyncService;
import dev.conduit.domain.host.RemoteHost;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The use cases of one library wired with the real adapters (a SQLite file, the local disk) and the endpoints of
 * {@link HostEndpoints}, whose remote hosts are {@link LoopbackAgentSession}s over peers of their own.
 */
final class RemoteLibrary {

    /** The "remote" hosts, by host name: each a second library. Absent: the host cannot be reached. */
    final java.util.Map<String, LoopbackAgentSession.Peer> peers = new ConcurrentHashMap<>();

    /** Hosts whose peer is served by the real agent over in-process pipes (the wire), not the loopback double. */
    final java.util.Set<String> overTheWire = ConcurrentHashMap.newKeySet();

    final LocationRepository locations;
    final IndexStore store;
    final ConduitRepository repository;
    final SyncHistory history;
    private final HostEndpoints endpoints;
    private final dev.conduit.adapter.jobs.remote.LocalSide local;
    private final ManageConduits conduits;
    private final SyncConduit sync;
    private final ManageTrash trash;

    /** Sessions connected to any host, over the wire or not. */
    final java.util.concurrent.atomic.AtomicInteger connects = new java.util.concurrent.atomic.AtomicInteger();

    RemoteLibrary(Path libraryFolder) {
        this(libraryFolder, KeptSessions.Policy.MOMENT);
    }

    /** @param keeping how the endpoints keep the sessions syncs let go of (a daemon's, say) */
    RemoteLibrary(Path libraryFolder, KeptSessions.Policy keeping) {
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
        locations = injector.getInstance(LocationRepository.class);
        repository = injector.getInstance(ConduitRepository.class);
        history = injector.getInstance(SyncHistory.class);
        TrashLedger ledger = injector.getInstance(TrashLedger.class);
        Scheduler scheduler = injector.getInstance(Scheduler.class);
        dev.conduit.application.service.ScansBegun scans = new dev.conduit.application.service.ScansBegun(scheduler);
        IndexLocation indexer = new IndexLocationService(
                tree, injector.getInstance(FileSystemProbe.class), locations, store, Clock.systemUTC(), scheduler);
        SyncLocks locks = injector.getInstance(SyncLocks.class);
        TrashBins bins = injector.getInstance(TrashBins.class);
        CopyJob copies = injector.getInstance(CopyJob.class);
        local = new dev.conduit.adapter.jobs.remote.LocalSide(
                tree, new TrashFolder(libraryFolder.resolve("trash")), Clock.systemUTC());
        endpoints = new HostEndpoints(
                new LocalEndpoints(indexer, tree, copies, injector.getInstance(DeleteJob.class), bins),
                new AgentConnector() {
                    @Override
                    public Either<ConnectFailure, dev.conduit.adapter.jobs.remote.AgentSession> connect(
                            RemoteHost host, dev.conduit.domain.conduit.RemoteAccess access, Seq<String> roots) {
                        return connect(host, access, roots, io.vavr.collection.List.empty());
                    }

                    @Override
                    public Either<ConnectFailure, dev.conduit.adapter.jobs.remote.AgentSession> connect(
                            RemoteHost host,
                            dev.conduit.domain.conduit.RemoteAccess access,
                            Seq<String> roots,
                            Seq<dev.conduit.application.port.out.PeerIndex.ScanAhead> ahead) {
                        return RemoteLibrary.this.connect(host, roots, ahead, copies);
                    }
                },
                new PeerIndexExchange(locations, store, tree, Clock.systemUTC()),
                keeping);
        conduits = new ManageConduitsService(
                repository,
                tree,
                injector.getInstance(Folders.class),
                injector.getInstance(Baselines.class),
                locations,
                store,
                indexer,
                locks,
                Clock.systemUTC(),
                Option.some(endpoints),
                Option.some(scans));
        sync = new SyncService(
                new SyncLibrary(
                        repository,
                        locations,
                        store,
                        history,
                        injector.getInstance(JobLedger.class),
                        ledger,
                        locks,
                        injector.getInstance(Baselines.class),
                        injector.getInstance(ConflictLog.class)),
                endpoints,
                scheduler,
                Clock.systemDefaultZone(),
                scans);
        trash = new ManageTrashService(repository, ledger, bins, locks, Clock.systemUTC(), Option.some(endpoints));
    }

    private Either<AgentConnector.ConnectFailure, dev.conduit.adapter.jobs.remote.AgentSession> connect(
            RemoteHost host,
            io.vavr.collection.Seq<String> roots,
            Seq<dev.conduit.application.port.out.PeerIndex.ScanAhead> ahead,
            CopyJob copies) {
        connects.incrementAndGet();
        LoopbackAgentSession.Peer peer = peers.get(host.host());
        if (peer == null) {
            return Either.left(new AgentConnector.ConnectFailure(host, "ssh: Could not resolve hostname"));
        }
        if (overTheWire.contains(host.host())) {
            var started = dev.conduit.adapter.jobs.remote.AgentSessions.inProcess(
                    new dev.conduit.adapter.jobs.remote.AgentServer(peer.agentLibrary()),
                    roots,
                    ahead,
                    local,
                    "test",
                    toAgent,
                    toClient);
            return started.map(this::heard)
                    .mapLeft(failed -> new AgentConnector.ConnectFailure(host, failed.describe()));
        }
        return Either.right(new LoopbackAgentSession(peer, roots, copies));
    }

    /** What an over-the-wire session's client writes to its agent goes through this first (a tap of its frames). */
    volatile java.util.function.UnaryOperator<java.io.OutputStream> toAgent =
            java.util.function.UnaryOperator.identity();

    /** What the agent writes back goes through this first (a line with a round trip's delay). */
    volatile java.util.function.UnaryOperator<java.io.OutputStream> toClient =
            java.util.function.UnaryOperator.identity();

    /** Run by an over-the-wire session's index exchange before it sends its request to the agent. */
    volatile Runnable beforeExchange = () -> {};

    /** The session, its index exchange running {@link #beforeExchange} first. */
    private dev.conduit.adapter.jobs.remote.AgentSession heard(dev.conduit.adapter.jobs.remote.AgentSession session) {
        return (dev.conduit.adapter.jobs.remote.AgentSession) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {dev.conduit.adapter.jobs.remote.AgentSession.class},
                (proxy, method, args) -> {
                    Object answer = invoke(session, method, args);
                    if (!method.getName().equals("index")) {
                        return answer;
                    }
                    return java.lang.reflect.Proxy.newProxyInstance(
                            getClass().getClassLoader(),
                            new Class<?>[] {dev.conduit.application.port.out.PeerIndex.class},
                            (peer, asked, with) -> {
                                if (asked.getName().equals("changes")) {
                                    beforeExchange.run();
                                }
                                return invoke(answer, asked, with);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException thrown) {
            throw thrown.getCause();
        }
    }

    /** Closes the session a command let go of and that no connect took since (it would be closed a moment later). */
    void letGoOfSessions() {
        endpoints.closeKept();
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
}
