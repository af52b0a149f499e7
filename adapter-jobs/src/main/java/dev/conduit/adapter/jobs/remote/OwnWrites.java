package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.RescanRules;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * What a session's jobs wrote into the agent's roots, recorded in the agent's own library as part of writing it (ADR
 * 0051): a file received is written into the index with the size, times, file key and hash the job verified, a path
 * deleted or moved away leaves it, a folder made enters it. The agent's next scan then finds them as recorded: it hashes
 * none of them again, and its journal moves only once, by these writes.
 *
 * <p>It also follows where the location's journal got by these writes alone, from the position the session's exchange
 * of that root told the client: each write takes the next position, so as long as each one took the position right
 * after the last, nothing else wrote in between. The client, which recorded the same results in its copy, may then
 * take that position as its own ({@link #settled}) and is not sent its own changes back. Anything else that writes in
 * between (a scan of this host's own, another agent) breaks the run: the client keeps the exchange's position, and the
 * next exchange sends everything since, as before.
 */
final class OwnWrites {

    /** Entries written per transaction. */
    static final int BATCH = 500;

    private final IndexStore store;
    private final Map<Path, Track> tracks = new HashMap<>();

    OwnWrites(IndexStore store) {
        this.store = store;
    }

    /** Where an exchange of one root left the client: its location, the root's folder in it, the position told. */
    private static final class Track {
        final LocationId location;
        final RelativePath scope;
        final long from;
        long at;
        boolean broken;

        Track(LocationId location, RelativePath scope, long from) {
            this.location = location;
            this.scope = scope;
            this.from = from;
            this.at = from;
        }
    }

    /** The session's exchange of {@code root} told the client this position of the location's journal. */
    synchronized void exchanged(Path root, LocationId location, RelativePath scope, long position) {
        tracks.put(root, new Track(location, scope, position));
    }

    /**
     * The position the session's exchange of {@code root} told the client, and the one the journal got to by this
     * session's own writes alone since; none when nothing was written, or something else wrote in between.
     */
    synchronized Option<long[]> settled(Path root) {
        Track track = tracks.get(root);
        if (track == null || track.broken || track.at == track.from) {
            return Option.none();
        }
        return Option.some(new long[] {track.from, track.at});
    }

    /** A recorder of one job's results in {@code root}; nothing is recorded for a root no exchange of it named. */
    Recorder recorder(Path root) {
        return new Recorder(root);
    }

    /**
     * Folders whose bits and times a job set, as lstat found them right after: each recorded where the index holds that
     * very folder and nothing that makes a change differs ({@link RescanRules#timesSet}), so that the next scan finds
     * it as recorded (ADR 0059). One batch, which the track follows as it follows the jobs' writes.
     *
     * @return the folders the client may record in its copy: while the track holds, only those recorded here (the
     *     settled position skips them, so the copy must hold exactly these); otherwise all, since the next exchange
     *     sends whatever this index holds
     */
    synchronized Seq<CopyJob.Finished> finished(Path root, Seq<CopyJob.Finished> finished) {
        Track track = tracks.get(root);
        if (track == null || finished.isEmpty()) {
            return finished;
        }
        try {
            java.util.List<IndexEntry> upserts = new ArrayList<>();
            java.util.List<CopyJob.Finished> recorded = new ArrayList<>();
            Seq<CopyJob.Finished> folders =
                    finished.filter(folder -> !folder.path().isRoot());
            // every folder looked up in one read (ADR 0067): one read each cost 0.35 s of an initial mirror's tail
            Map<RelativePath, IndexEntry> held = new HashMap<>();
            store.entries(track.location, folders.map(folder -> track.scope.resolve(folder.path())))
                    .forEach(entry -> held.put(entry.path(), entry));
            for (CopyJob.Finished folder : folders) {
                RelativePath inLocation = track.scope.resolve(folder.path());
                Option<IndexEntry> row = RescanRules.timesSet(Option.of(held.get(inLocation)), folder.stat());
                row.forEach(upserts::add);
                row.forEach(entry -> recorded.add(folder));
            }
            if (!upserts.isEmpty()) {
                follow(
                        track,
                        store.writeAt(
                                track.location,
                                new IndexStore.IndexBatch(List.empty(), List.empty(), List.ofAll(upserts))));
            }
            return track.broken ? finished : List.ofAll(recorded);
        } catch (RuntimeException failed) {
            track.broken = true; // left to the next scan, which the client is sent
            return finished;
        }
    }

    private synchronized void write(Path root, IndexStore.IndexBatch batch) {
        Track track = tracks.get(root);
        if (track == null || batch.isEmpty()) {
            return;
        }
        IndexStore.IndexBatch inLocation = new IndexStore.IndexBatch(
                batch.removals().map(path -> track.scope.resolve(path)),
                List.empty(),
                batch.upserts().map(entry -> entry.at(track.scope.resolve(entry.path()))));
        long at = store.writeAt(track.location, inLocation);
        follow(track, at);
    }

    private synchronized void moveTree(Path root, RelativePath from, RelativePath to) {
        Track track = tracks.get(root);
        if (track == null) {
            return;
        }
        store.moveTree(track.location, track.scope.resolve(from), track.scope.resolve(to));
        track.broken = true; // the position it took is not told: the client is sent the move, as before
    }

    private static void follow(Track track, long at) {
        if (at == 0) {
            return;
        }
        if (at == track.at + 1) {
            track.at = at;
        } else {
            track.broken = true;
        }
    }

    /** One job's results, recorded in batches, the last when the job ends (before the client hears it ended). */
    final class Recorder {
        private final Path root;
        private final java.util.List<IndexEntry> upserts = new ArrayList<>();
        private final java.util.List<RelativePath> removals = new ArrayList<>();

        private Recorder(Path root) {
            this.root = root;
        }

        /** The action is done: {@code result} is what its path now holds, as the job examined it (none: nothing). */
        synchronized void done(SyncAction action, Option<IndexEntry> result) {
            action.fold(
                    transfer -> {
                        if (transfer instanceof SyncAction.Move move) {
                            moved(move, result);
                        } else {
                            result.forEach(upserts::add);
                        }
                        return null;
                    },
                    delete -> {
                        if (result.isDefined()) {
                            upserts.add(result.get());
                        } else {
                            remove(delete.path());
                        }
                        return null;
                    });
            if (upserts.size() + removals.size() >= BATCH) {
                flush();
            }
        }

        private void moved(SyncAction.Move move, Option<IndexEntry> result) {
            if (result.isEmpty()) {
                return;
            }
            if (move.current().isDirectory()) {
                flush();
                moveTree(root, move.current().path(), move.wanted().path());
                upserts.add(result.get());
                return;
            }
            remove(move.current().path());
            upserts.add(result.get());
        }

        /** A removal is applied before the batch's upserts: one of a path written earlier in it waits for them. */
        private void remove(RelativePath path) {
            if (upserts.stream().anyMatch(entry -> path.equals(entry.path()) || path.isAncestorOf(entry.path()))) {
                flush();
            }
            removals.add(path);
        }

        /** Writes what is pending; a failure to write leaves it to the next scan, and the client is sent it. */
        synchronized void flush() {
            if (upserts.isEmpty() && removals.isEmpty()) {
                return;
            }
            IndexStore.IndexBatch batch =
                    new IndexStore.IndexBatch(List.ofAll(removals), List.empty(), List.ofAll(upserts));
            upserts.clear();
            removals.clear();
            try {
                write(root, batch);
            } catch (RuntimeException failed) {
                breakTrack();
            }
        }

        private void breakTrack() {
            synchronized (OwnWrites.this) {
                Track track = tracks.get(root);
                if (track != null) {
                    track.broken = true;
                }
            }
        }
    }
}
