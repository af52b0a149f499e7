package dev.conduit.application.service;

import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.application.port.out.SyncLibrary;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Brings what a watcher saw change into the index of one root of a conduit: the folders where events came, each
 * re-read shallowly with the rules a sync's scan of that root would use (so only what changed is hashed), or the root
 * whole when events may have been missed. The root guard comes first: a root that is gone, replaced or suddenly empty
 * pauses the conduit and nothing is applied, so the index keeps the evidence (never "delete everything").
 */
final class LiveIndexer {

    /** What applying did. */
    enum Applied {
        /** Nothing waited, or nothing the user would see changed (directory times, a rewrite to the same bytes). */
        NOTHING,
        /** Entries were created, modified or removed. */
        CHANGED,
        /** The conduit was paused by the root guard; nothing was applied. */
        PAUSED,
        /** The scan failed, or the root went away; everything is looked at again next time. */
        FAILED
    }

    private final SyncLibrary library;
    private final Endpoints endpoints;
    private final RootGuard guard;
    private final IndexRefresh refresh;
    private final FolderMoves moves;

    LiveIndexer(SyncLibrary library, Endpoints endpoints, Scheduler scheduler, Clock clock) {
        this.library = library;
        this.endpoints = endpoints;
        this.guard = new RootGuard(
                library.conduits(),
                library.locations(),
                library.indexes(),
                endpoint -> endpoints.at(endpoint).files());
        this.refresh = new IndexRefresh( // the live index rescans what it saw change: nothing is begun ahead of it
                endpoints, library.locations(), library.indexes(), scheduler, clock, new ScansBegun(scheduler));
        this.moves = new FolderMoves(library.locations(), library.indexes());
    }

    /** Applies what waits for {@code root}, one side of {@code conduit}; one root is applied by one thread at a time. */
    Applied apply(Conduit conduit, Side side, WatchedRoot root) {
        synchronized (root.scanLock()) {
            if (!root.isStale()) {
                return Applied.NOTHING;
            }
            Option<String> problem = guard.problemHere(conduit);
            if (problem.isDefined()) {
                library.conduits().update(conduit.paused(problem.get()));
                return Applied.PAUSED;
            }
            if (root.isGone()) {
                root.failed("the root was replaced; watched again");
                return Applied.FAILED;
            }
            WatchedRoot.Pending pending = root.drain();
            if (pending.isEmpty()) {
                return Applied.NOTHING;
            }
            return indexed(conduit, side, pending, root);
        }
    }

    /** The drained changes applied; whatever fails, the root is scanned whole next: nothing drained is lost. */
    private Applied indexed(Conduit conduit, Side side, WatchedRoot.Pending pending, WatchedRoot root) {
        try {
            return index(conduit, side, pending)
                    .fold(
                            failure -> {
                                root.failed(failure.describe());
                                return Applied.FAILED;
                            },
                            changes -> {
                                root.applied();
                                return changes > 0 ? Applied.CHANGED : Applied.NOTHING;
                            });
        } catch (RuntimeException failed) {
            root.failed("applying what changed failed (" + failed.getMessage() + ")");
            return Applied.FAILED;
        }
    }

    /** Brings the pending changes into the index: how many entries changed as a user would see it (a move is one). */
    private Either<IndexFailure, Long> index(Conduit conduit, Side side, WatchedRoot.Pending pending) {
        Endpoint endpoint = side == Side.SOURCE ? conduit.source() : conduit.target();
        IndexLocation.Command whole = refresh.command(conduit, side, SyncListener.NONE);
        if (pending.whole()) {
            return endpoints.at(endpoint).index(whole).map(LiveIndexer::changes);
        }
        Seq<RelativePath> folders = existing(endpoint, pending.folders());
        int moved = moves.apply(endpoint.root(), endpoints.at(endpoint).files(), folders);
        return endpoints.at(endpoint).index(whole.onlyIn(folders)).map(report -> moved + changes(report));
    }

    private static long changes(IndexReport report) {
        return report.created() + report.modified() + report.removed();
    }

    /** Each folder, or its nearest ancestor that is still a folder on disk (a removed folder is re-read there). */
    private Seq<RelativePath> existing(Endpoint endpoint, Seq<RelativePath> folders) {
        FileTree files = endpoints.at(endpoint).files();
        Path root = Path.of(endpoint.root());
        return folders.map(folder -> {
                    RelativePath at = folder;
                    while (!at.isRoot() && !isFolder(files.examine(root, at))) {
                        at = at.parent();
                    }
                    return at;
                })
                .distinct();
    }

    private static boolean isFolder(FileTree.Listed listed) {
        return listed.fold(found -> found.stat().isDirectory(), unsupported -> false, unreadable -> false);
    }
}
