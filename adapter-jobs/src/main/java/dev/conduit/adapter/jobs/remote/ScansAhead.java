package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.ReservedNames;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * The scans a client's HELLO said it will ask for (ADR 0055), begun as soon as the agent has welcomed it instead of
 * when the exchange asks: the client's own start-up, its look at the root and the round trips before its request run
 * meanwhile. The exchange takes the scan begun for its root when its request asks for exactly that scan; otherwise it
 * scans as before (after the one begun, which holds the location's lease).
 *
 * <p>A scan is begun ahead only of a root this library has indexed before, whose identity is still the one recorded
 * and which is not suddenly empty: what the client's look at the root (its guard: missing, replaced, emptied) would
 * refuse is scanned only if the client asks, as before. A root the client had this agent make ({@link #made}) is
 * scanned once made.
 */
final class ScansAhead {

    /** A scan begun, and who hears its progress: nobody until a request takes it. */
    private record Begun(PeerIndex.ScanAhead scan, Future<Either<IndexFailure, IndexReport>> report, Relay relay) {}

    /** Progress handed to the listener of the request that took the scan. */
    private static final class Relay implements IndexListener {
        private volatile IndexListener to = progress -> {};

        @Override
        public void progress(IndexProgress progress) {
            to.progress(progress);
        }
    }

    private final ConcurrentHashMap<Path, Begun> begun = new ConcurrentHashMap<>();
    private final AgentServer.Library library;
    private final ExecutorService threads;

    private ScansAhead(AgentServer.Library library, ExecutorService threads) {
        this.library = library;
        this.threads = threads;
    }

    /** Begins, on {@code threads}, each scan of a root of the session that may be begun ahead ({@link #mayBegin}). */
    static ScansAhead begin(
            AgentServer.Library library,
            AgentServer.Roots roots,
            Seq<PeerIndex.ScanAhead> ahead,
            ExecutorService threads) {
        ScansAhead scans = new ScansAhead(library, threads);
        for (PeerIndex.ScanAhead scan : ahead) {
            Path root;
            try {
                root = roots.check(scan.root());
            } catch (AgentServer.Refused notOfTheSession) {
                continue;
            }
            if (scans.begun.containsKey(root)) {
                continue;
            }
            Relay relay = new Relay();
            try { // looked at and scanned on a thread of the session: its requests are served meanwhile
                Future<Either<IndexFailure, IndexReport>> report =
                        threads.submit(() -> mayBegin(library, root) ? scans.scan(root, scan, relay) : null);
                scans.begun.put(root, new Begun(scan, report, relay));
            } catch (RejectedExecutionException ending) {
                return scans;
            }
        }
        return scans;
    }

    private Either<IndexFailure, IndexReport> scan(Path root, PeerIndex.ScanAhead scan, IndexListener listener) {
        return library.indexer()
                .index(new IndexLocation.Command(
                        root, scan.ignorePatterns(), scan.readIgnoreFiles(), listener, scan.hashNewFiles()));
    }

    /**
     * A root this session's MAKE_ROOT has just made, at the client's asking, for a conduit it makes: new and empty, it
     * is what the client's look will find and accept, so the scan the HELLO asked of it begins now (ADR 0075), where
     * the look at the session's start let it be (the root was missing). One begun then is kept; none begins where a
     * location of this library lies (an old index of that place: the client's guard may refuse it, and its scan would
     * record all of it removed).
     */
    void made(Path root, FileTree.Root made) {
        begun.computeIfPresent(root, (at, before) -> {
            try {
                Future<Either<IndexFailure, IndexReport>> report = threads.submit(() -> {
                    Either<IndexFailure, IndexReport> earlier = before.report().get();
                    if (earlier != null || !unknown(library, made)) {
                        return earlier; // what this library indexed there before is the client's guard's to judge
                    }
                    return scan(root, before.scan(), before.relay());
                });
                return new Begun(before.scan(), report, before.relay());
            } catch (RejectedExecutionException ending) {
                return before;
            }
        });
    }

    /** Whether the root is, and lies in, no location of this library (a place it never indexed). */
    private static boolean unknown(AgentServer.Library library, FileTree.Root root) {
        return library.locations().findEnclosing(root.canonical().toString()).isEmpty();
    }

    /**
     * Whether the root may be scanned before the client looked at it: a location of this library whose root it is,
     * with the identity recorded, not empty while its index holds entries.
     */
    static boolean mayBegin(AgentServer.Library library, Path root) {
        try {
            Either<FileTree.RootProblem, FileTree.Root> identified =
                    library.tree().identify(root);
            if (identified.isLeft()) {
                return false;
            }
            FileTree.Root found = identified.get();
            Option<Location> location = library.locations()
                    .findEnclosing(found.canonical().toString())
                    .filter(at -> at.root().equals(found.canonical().toString()))
                    .filter(at -> at.identity().equals(found.identity()));
            if (location.isEmpty()) {
                return false;
            }
            var listed = library.tree().list(found.canonical(), RelativePath.ROOT);
            if (listed.isLeft()) {
                return false;
            }
            boolean empty = listed.get().forAll(entry -> ReservedNames.isReserved(entry.name()));
            return !empty || library.store().count(location.get().id()) == 0;
        } catch (RuntimeException unsure) {
            return false;
        }
    }

    /**
     * The report of the scan begun for {@code root}, once it ends, when {@code asked} is exactly that scan and it did
     * not fail; none otherwise (the request scans, as without a scan ahead). The scan is taken: a second request of
     * the root scans.
     */
    Option<Either<IndexFailure, IndexReport>> take(Path root, PeerIndex.PeerScan asked) throws InterruptedException {
        Begun scan = begun.remove(root);
        if (scan == null) {
            return Option.none();
        }
        if (!scan.scan().matches(asked)) {
            return Option.none();
        }
        scan.relay().to = asked.listener();
        try {
            Either<IndexFailure, IndexReport> report = scan.report().get();
            return report != null && report.isRight() ? Option.some(report) : Option.none();
        } catch (ExecutionException failed) {
            return Option.none();
        }
    }
}
