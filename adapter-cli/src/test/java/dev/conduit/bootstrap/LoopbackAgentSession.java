package dev.conduit.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.conduit.adapter.jobs.JobsModule;
import dev.conduit.adapter.jobs.remote.AgentSession;
import dev.conduit.adapter.jobs.sync.TrashFolder;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.adapter.persistence.PersistenceModule;
import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.FileSystemProbe;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.application.port.out.TrashBins;
import dev.conduit.application.service.IndexLocationService;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.ReservedNames;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test double of an agent session: the "remote" host is this machine, its root just another folder, and its own
 * library a second SQLite file. The index is scanned by the second library's index use case and streamed from its
 * change journal; files, deletes and trash are the local adapters' (wired over the second library), copies the local
 * copy job (both roots are local paths really). It refuses roots it was not opened for, as an agent does.
 */
final class LoopbackAgentSession implements AgentSession {

    /** A "remote" host's library, shared by every session opened to it. */
    static final class Peer {
        final Path libraryFolder;
        final String libraryId;
        final IndexLocation indexer;
        final IndexStore store;
        final LocationRepository locations;
        final FileTree tree;
        final CopyJob copies;
        final DeleteJob deletes;
        final TrashBins trash;
        /** Entries and removals streamed by every exchange so far. */
        final AtomicLong streamed = new AtomicLong();
        /** Exchanges that were whole. */
        final AtomicInteger wholeExchanges = new AtomicInteger();

        final AtomicInteger opened = new AtomicInteger();
        /** Runs as an exchange begins, before the peer scans. */
        volatile Runnable duringExchange = () -> {};

        final AtomicInteger closed = new AtomicInteger();

        private final Injector injector;
        /** The scans a real agent over this library ran, as they reported (ADR 0051's test counts their hashing). */
        final java.util.List<IndexReport> agentScans = new java.util.concurrent.CopyOnWriteArrayList<>();

        /** Run as the real agent's scan of this library begins. */
        volatile Runnable atAgentScan = () -> {};

        /** This library served by the real agent ({@code conduit agent}'s server), its scans reported above. */
        dev.conduit.adapter.jobs.remote.AgentServer.Library agentLibrary() {
            IndexLocation counted = command -> {
                atAgentScan.run();
                var scanned = indexer.index(command);
                scanned.forEach(agentScans::add);
                return scanned;
            };
            return new dev.conduit.adapter.jobs.remote.AgentServer.Library(
                    libraryId,
                    "test",
                    counted,
                    store,
                    locations,
                    injector.getInstance(dev.conduit.application.port.out.ConduitRepository.class),
                    injector.getInstance(dev.conduit.application.port.out.TrashLedger.class),
                    tree,
                    new TrashFolder(libraryFolder.resolve("trash")),
                    Clock.systemUTC());
        }

        Peer(Path libraryFolder, String libraryId) {
            this.libraryFolder = libraryFolder;
            this.libraryId = libraryId;
            injector = Guice.createInjector(new PersistenceModule(), new JobsModule(), new AbstractModule() {
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
            locations = injector.getInstance(LocationRepository.class);
            tree = injector.getInstance(FileTree.class);
            indexer = new IndexLocationService(
                    tree,
                    injector.getInstance(FileSystemProbe.class),
                    locations,
                    store,
                    Clock.systemUTC(),
                    injector.getInstance(Scheduler.class));
            copies = injector.getInstance(CopyJob.class);
            deletes = injector.getInstance(DeleteJob.class);
            trash = injector.getInstance(TrashBins.class);
        }
    }

    private final Peer peer;
    private final Seq<String> roots;
    /** This side's copy job: what the agent sends is written here as a local copy writes it. */
    private final CopyJob localCopies;

    LoopbackAgentSession(Peer peer, Seq<String> roots, CopyJob localCopies) {
        this.peer = peer;
        this.roots = roots;
        this.localCopies = localCopies;
        peer.opened.incrementAndGet();
    }

    @Override
    public Handshake handshake() {
        return new Handshake(1, "test", peer.libraryId, HashSet.empty());
    }

    @Override
    public PeerIndex index() {
        return this::changes;
    }

    private Either<IndexFailure, PeerIndex.PeerState> changes(
            PeerIndex.PeerScan scan, Option<PeerIndex.PeerPosition> since, PeerIndex.ChangeSink sink) {
        if (!roots.contains(scan.root())) {
            throw new IllegalArgumentException("the agent serves " + roots + ", not " + scan.root());
        }
        peer.duringExchange.run();
        return peer.indexer
                .index(new IndexLocation.Command(
                        Path.of(scan.root()),
                        scan.ignorePatterns(),
                        scan.readIgnoreFiles(),
                        scan.listener(),
                        scan.hashNewFiles()))
                .map(report -> stream(report, since, sink));
    }

    private PeerIndex.PeerState stream(
            IndexReport report, Option<PeerIndex.PeerPosition> since, PeerIndex.ChangeSink sink) {
        var location = report.location().id();
        long now = peer.store.journalPosition(location);
        boolean whole = since.isEmpty()
                || !since.get().library().equals(peer.libraryId)
                || since.get().position() > now;
        IndexStore.JournalChanges changes = whole
                ? IndexStore.JournalChanges.TOO_MANY
                : peer.store.changedSince(location, since.get().position(), 1_000_000);
        if (changes.tooMany()) {
            whole = true;
            peer.wholeExchanges.incrementAndGet();
            peer.store.forEach(location, entry -> {
                peer.streamed.incrementAndGet();
                sink.changed(entry);
            });
        } else {
            for (RelativePath removed : changes.removed().distinct()) {
                peer.streamed.incrementAndGet();
                sink.removed(removed);
            }
            for (IndexEntry written :
                    peer.store.entries(location, changes.written().distinct())) {
                peer.streamed.incrementAndGet();
                sink.changed(written);
            }
        }
        return new PeerIndex.PeerState(
                new PeerIndex.PeerPosition(peer.libraryId, now),
                whole,
                report.location().identity(),
                report.location().traits(),
                ignoreFiles(location, Path.of(report.location().root())),
                report.problems(),
                report.errorCount(),
                report.warningCount(),
                report.temporaries());
    }

    /** Every {@code .conduitignore} of the root, by its path, with its lines. */
    private Map<RelativePath, Seq<String>> ignoreFiles(dev.conduit.domain.index.LocationId location, Path root) {
        java.util.List<RelativePath> found = new java.util.ArrayList<>();
        peer.store.forEach(location, entry -> {
            if (entry.path().name().equals(ReservedNames.IGNORE_FILE)
                    && entry.stat().isFile()) {
                found.add(entry.path());
            }
        });
        Map<RelativePath, Seq<String>> files = HashMap.empty();
        for (RelativePath file : found) {
            Option<Seq<String>> lines = peer.tree.readLines(root, file).getOrElse(Option.none());
            if (lines.isDefined()) {
                files = files.put(file, lines.get());
            }
        }
        return files;
    }

    @Override
    public FileTree files() {
        return peer.tree;
    }

    @Override
    public CopyJob copiesInto() {
        return peer.copies;
    }

    @Override
    public CopyJob copiesFrom() {
        return localCopies;
    }

    @Override
    public DeleteJob deletes() {
        return peer.deletes;
    }

    @Override
    public TrashBins trash() {
        return peer.trash;
    }

    @Override
    public io.vavr.control.Either<
                    dev.conduit.application.port.in.EntryFailure,
                    io.vavr.control.Either<
                            dev.conduit.application.port.out.FileTree.RootProblem,
                            dev.conduit.application.port.out.FileTree.Root>>
            makeRoot(java.nio.file.Path root) {
        var found = files().identify(root); // as the agent does: made only when missing
        if (found.isRight()
                || found.getLeft().kind() != dev.conduit.application.port.out.FileTree.RootProblem.Kind.MISSING) {
            return io.vavr.control.Either.right(found);
        }
        try {
            java.nio.file.Files.createDirectories(root);
            return io.vavr.control.Either.right(files().identify(root));
        } catch (java.io.IOException failed) {
            return io.vavr.control.Either.left(
                    dev.conduit.application.port.in.EntryFailure.notAllowed(failed.toString()));
        }
    }

    @Override
    public void close() {
        peer.closed.incrementAndGet();
    }

    /** Every remote root this double serves, as a list. */
    Seq<String> roots() {
        return List.ofAll(roots);
    }
}
