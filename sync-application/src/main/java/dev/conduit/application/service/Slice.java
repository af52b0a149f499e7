package dev.conduit.application.service;

import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeMap;

/**
 * The part of both indexes an incremental resolve reads (ADR 0031), relative to the conduit's roots: every path written
 * or removed on either side since the last clean generation, the folders above each of them, and everything below a
 * removed path. Since that generation left nothing to do, a path outside the slice has nothing to do now either, so
 * the plan over the slice is the plan over everything.
 */
final class Slice {

    /** Nothing changed on either side: the plan is empty without reading an entry. */
    static final Slice EMPTY = new Slice(Set.of(), List.empty());

    private final Set<RelativePath> points;
    private final Seq<RelativePath> subtrees;
    private final java.util.Map<dev.conduit.domain.index.LocationId, Read> reads = new java.util.HashMap<>();

    private Slice(Set<RelativePath> points, Seq<RelativePath> subtrees) {
        this.points = points;
        this.subtrees = subtrees;
    }

    boolean isEmpty() {
        return points.isEmpty();
    }

    /** The paths removed: everything below them is read too. */
    Seq<RelativePath> subtrees() {
        return subtrees;
    }

    /**
     * The slice of one side's index, in the index's order (or its reverse): the changed paths read together, and
     * everything below each removed path. Read once for every pass of a resolve, and again only once the side's
     * journal has moved (a job wrote it).
     */
    IndexStore.EntryCursor read(EndpointIndex whole, boolean ascending) {
        TreeMap<RelativePath, IndexEntry> entries = readOnce(whole);
        return cursor((ascending ? entries : entries.descendingMap()).values().iterator());
    }

    private synchronized TreeMap<RelativePath, IndexEntry> readOnce(EndpointIndex whole) {
        long position = whole.journalPosition();
        Read cached = reads.get(whole.location());
        if (cached != null && cached.position() == position && cached.prefix().equals(whole.prefix())) {
            return cached.entries();
        }
        TreeMap<RelativePath, IndexEntry> entries = new TreeMap<>(RelativePath::compareDirectoryOrder);
        whole.entries(List.ofAll(points)).forEach(entry -> entries.put(entry.path(), entry));
        for (RelativePath removed : subtrees) {
            try (IndexStore.EntryCursor below = whole.below(removed)) {
                below.forEachRemaining(entry -> entries.put(entry.path(), entry));
            }
        }
        reads.put(whole.location(), new Read(whole.prefix(), position, entries));
        return entries;
    }

    /** A side's slice as read at a position of its journal. */
    private record Read(RelativePath prefix, long position, TreeMap<RelativePath, IndexEntry> entries) {}

    /**
     * The slice of a conduit's baseline, in its order (or the reverse): the changed paths read with their folders'
     * entries, and everything below a removed path.
     */
    IndexStore.EntryCursor base(Baselines baselines, ConduitId conduit, boolean ascending) {
        TreeMap<RelativePath, IndexEntry> entries = new TreeMap<>(RelativePath::compareDirectoryOrder);
        if (!isEmpty()) {
            Seq<RelativePath> folders = List.ofAll(points)
                    .map(RelativePath::parent)
                    .distinct()
                    .sorted((a, b) -> RelativePath.compareCodePoints(a.value(), b.value()));
            try (IndexStore.EntryCursor inFolders = baselines.inFolders(conduit, folders, true)) {
                inFolders.forEachRemaining(entry -> {
                    if (points.contains(entry.path())) {
                        entries.put(entry.path(), entry);
                    }
                });
            }
        }
        for (RelativePath removed : subtrees) {
            try (IndexStore.EntryCursor below = baselines.below(conduit, removed)) {
                below.forEachRemaining(entry -> entries.put(entry.path(), entry));
            }
        }
        return cursor((ascending ? entries : entries.descendingMap()).values().iterator());
    }

    private static IndexStore.EntryCursor cursor(Iterator<IndexEntry> entries) {
        return new IndexStore.EntryCursor() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public IndexEntry next() {
                return entries.next();
            }

            @Override
            public void close() {}
        };
    }

    /** Gathers the changes of both sides, each seen from its endpoint's root. */
    static final class Builder {
        private final Set<RelativePath> points = new HashSet<>();
        private final java.util.List<RelativePath> subtrees = new java.util.ArrayList<>();

        /** A path written on one side: it and the folders above it. */
        void written(RelativePath path) {
            RelativePath at = path;
            while (!at.isRoot() && points.add(at)) { // up to a folder already there: those above it are too
                at = at.parent();
            }
        }

        /** A path removed on one side, with everything that was below it. */
        void removed(RelativePath path) {
            written(path);
            subtrees.add(path);
        }

        Slice build() {
            return points.isEmpty() ? EMPTY : new Slice(Set.copyOf(points), List.ofAll(subtrees));
        }
    }
}
