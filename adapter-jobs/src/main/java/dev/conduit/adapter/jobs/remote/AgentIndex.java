package dev.conduit.adapter.jobs.remote;

import dev.conduit.adapter.jobs.sync.RootedAccess;
import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The agent's side of library sync first: scans the root through its library's index use case, then streams what
 * changed since the client's position, or the whole index of the root when the client's position cannot be trusted
 * (none, another library, ahead of the journal, too many changes, or a location whose tombstones a conduit of this
 * library may prune).
 */
final class AgentIndex {

    /** More changes than this: the whole index is sent instead (it costs about the same, in one cursor). */
    static final int CHANGE_LIMIT = 50_000;

    private static final int SLICE = 500;
    private static final String IGNORE_FILE = ".conduitignore";
    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;

    private final AgentServer.Library library;
    private final AgentServer.Roots roots;
    private final Link link;
    private final OwnWrites own;
    private final ScansAhead ahead;

    AgentIndex(AgentServer.Library library, AgentServer.Roots roots, Link link, OwnWrites own, ScansAhead ahead) {
        this.library = library;
        this.roots = roots;
        this.link = link;
        this.own = own;
        this.ahead = ahead;
    }

    void exchange(Frame request) throws IOException {
        DataInputStream in = request.read();
        String named = Wire.string(in);
        Path root = roots.check(named);
        Seq<String> patterns = Wire.strings(in);
        boolean readIgnoreFiles = in.readBoolean();
        boolean hashNewFiles = in.readBoolean();
        Option<PeerIndex.PeerPosition> since = in.readBoolean()
                ? Option.some(new PeerIndex.PeerPosition(Wire.string(in), in.readLong()))
                : Option.none();
        int stream = request.stream();
        IndexListener progress = progress(stream);
        Option<Either<IndexFailure, IndexReport>> begun;
        try { // the scan the HELLO said this request would ask for, begun then (ADR 0055)
            begun = ahead.take(root, new PeerIndex.PeerScan(named, patterns, readIgnoreFiles, hashNewFiles, progress));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("the session ended during its scan");
        }
        Either<IndexFailure, IndexReport> scanned = begun.getOrElse(() -> library.indexer()
                .index(new IndexLocation.Command(root, patterns, readIgnoreFiles, progress, hashNewFiles)));
        if (scanned.isLeft()) {
            link.send(
                    Frame.of(Frame.Type.INDEX_FAILED, stream, out -> IndexCodec.writeFailure(out, scanned.getLeft())));
            return;
        }
        IndexReport report = scanned.get();
        LocationId location = report.location().id();
        RelativePath scope = report.scope();
        long position = library.store().journalPosition(location);
        own.exchanged(root, location, scope, position);
        boolean whole = since.filter(at -> at.library().equals(library.id()))
                .filter(at -> at.position() <= position) // a position ahead of the journal: a library restored
                .filter(at -> !readByConduits(location))
                .map(at -> sendChanges(stream, location, scope, at.position()))
                .getOrElse(true);
        if (whole) {
            sendWhole(stream, location, scope);
        }
        PeerIndex.PeerState state = new PeerIndex.PeerState(
                new PeerIndex.PeerPosition(library.id(), position),
                whole,
                library.tree()
                        .identify(root)
                        .map(found -> found.identity())
                        .getOrElse(report.location().identity()),
                report.location().traits(),
                readIgnoreFiles ? ignoreFiles(root, location, scope) : LinkedHashMap.empty(),
                report.problems(),
                report.errorCount(),
                report.warningCount(),
                report.temporaries().flatMap(path -> below(scope, path)));
        link.send(Frame.of(Frame.Type.INDEX_STATE, stream, out -> IndexCodec.writeState(out, state)));
    }

    /** Progress frames, at most ten a second. */
    private IndexListener progress(int stream) {
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
        return progress -> {
            long now = System.nanoTime();
            if (now - last.get() < PROGRESS_EVERY_NANOS) {
                return;
            }
            last.set(now);
            try {
                link.send(Frame.of(Frame.Type.INDEX_PROGRESS, stream, out -> {
                    out.writeLong(progress.entriesSeen());
                    out.writeLong(progress.filesHashed());
                    out.writeLong(progress.bytesHashed());
                    Wire.string(out, progress.currentPath());
                }));
            } catch (IOException gone) {
                // the exchange fails when it sends its entries
            }
        };
    }

    /**
     * Whether a conduit of this library reads the location: then its syncs prune the location's tombstones, and a
     * client's position may be older than what is left of them (ADR 0038).
     */
    private boolean readByConduits(LocationId location) {
        return library.conduits().all().exists(conduit -> reads(conduit, location));
    }

    private boolean reads(Conduit conduit, LocationId location) {
        return List.of(conduit.source(), conduit.target())
                .exists(endpoint -> library.locations()
                        .findEnclosing(endpoint.root())
                        .exists(found -> found.id().equals(location)));
    }

    /** The changes since {@code position}; true when there were too many, and the whole index is to be sent. */
    private boolean sendChanges(int stream, LocationId location, RelativePath scope, long position) {
        IndexStore.JournalChanges changes = library.store().changedSince(location, position, CHANGE_LIMIT);
        if (changes.tooMany()) {
            return true;
        }
        try {
            for (RelativePath removed : changes.removed().distinct()) {
                for (RelativePath path : below(scope, removed)) {
                    link.send(Frame.of(Frame.Type.INDEX_REMOVED, stream, out -> PathCodec.write(out, path)), false);
                }
            }
            for (Seq<RelativePath> slice : changes.written().distinct().grouped(SLICE)) {
                for (IndexEntry entry : library.store().entries(location, slice)) {
                    sendEntry(stream, scope, entry);
                }
            }
            link.flush();
        } catch (IOException gone) {
            throw new java.io.UncheckedIOException(gone);
        }
        return false;
    }

    private void sendWhole(int stream, LocationId location, RelativePath scope) throws IOException {
        try (IndexStore.EntryCursor cursor = library.store().byDirectory(location, scope)) {
            while (cursor.hasNext()) {
                sendEntry(stream, scope, cursor.next());
            }
        }
        link.flush();
    }

    private void sendEntry(int stream, RelativePath scope, IndexEntry entry) throws IOException {
        for (RelativePath path : below(scope, entry.path())) {
            IndexEntry relative = entry.at(path);
            link.send(Frame.of(Frame.Type.INDEX_CHANGED, stream, out -> EntryCodec.write(out, relative)), false);
        }
    }

    /** The lines of every ignore file the index knows under the scanned folder, by their path below it. */
    private Map<RelativePath, Seq<String>> ignoreFiles(Path root, LocationId location, RelativePath scope) {
        Map<RelativePath, Seq<String>> found = LinkedHashMap.empty();
        try (IndexStore.EntryCursor cursor = library.store().byDirectory(location, scope)) {
            while (cursor.hasNext()) {
                IndexEntry entry = cursor.next();
                if (entry.stat().isFile() && entry.path().name().equals(IGNORE_FILE)) {
                    for (RelativePath path : below(scope, entry.path())) {
                        Option<Seq<String>> lines = readLines(root, path);
                        if (lines.isDefined()) {
                            found = found.put(path, lines.get());
                        }
                    }
                }
            }
        }
        return found;
    }

    private Option<Seq<String>> readLines(Path root, RelativePath path) {
        try {
            return RootedAccess.entry(root, path, library.tree()::readLines).getOrElse(Option.none());
        } catch (IOException unreadable) {
            return Option.none();
        }
    }

    /** A path of the location as a path below the scanned folder; none for the folder itself or outside it. */
    static Option<RelativePath> below(RelativePath scope, RelativePath path) {
        if (scope.isRoot()) {
            return Option.some(path);
        }
        String prefix = scope.value() + "/";
        return path.value().startsWith(prefix)
                ? RelativePath.parse(path.value().substring(prefix.length())).toOption()
                : Option.none();
    }
}
