package dev.conduit.application.service;

import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.Side;
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
 * the plan over the slice is the plan over everything. A bidirectional sync's phases read it too, grown by what its
 * own jobs wrote before each phase ({@link #catchUp}, ADR 0047).
 */
final class Slice {

    /** Nothing changed on either side: the plan is empty without reading an entry. */
    static final Slice EMPTY = new Slice(new HashSet<>(), new java.util.LinkedHashSet<>(), java.util.Map.of());

    /** Beyond this many paths written by the sync itself, its phases read the folders where the plan acts instead. */
    static final int MAX_CAUGHT_UP = 10_000;

    private final Set<RelativePath> points;
    private final Set<RelativePath> subtrees; // in the order they came
    private final java.util.Map<dev.conduit.domain.index.LocationId, Read> reads = new java.util.HashMap<>();
    /** How far each side's journal is in the slice: what was written after that is not (yet). */
    private final java.util.Map<Side, Long> seen;
    /** The baseline's part, read once: the baseline is only written when the generation closes. */
    private TreeMap<RelativePath, IndexEntry> base;

    private int caughtUp;

    private Slice(Set<RelativePath> points, Set<RelativePath> subtrees, java.util.Map<Side, Long> seen) {
        this.points = points;
        this.subtrees = subtrees;
        this.seen = new java.util.EnumMap<>(Side.class);
        this.seen.putAll(seen);
    }

    synchronized boolean isEmpty() {
        return points.isEmpty();
    }

    /** The paths removed: everything below them is read too. */
    synchronized Seq<RelativePath> subtrees() {
        return List.ofAll(subtrees);
    }

    /**
     * Takes in what was written to both indexes since the slice was gathered (the sync's own jobs: a kept loser's
     * conflict copy, a copy, a delete), so that a phase after them reads them as a read of the folders would. False
     * when it cannot: the empty slice, a slice that knows not where the journals were, too many writes, or a removal
     * of an endpoint's root or a folder above it; then the phase reads the folders where the plan acts.
     */
    synchronized boolean catchUp(Indexes indexes) {
        if (this == EMPTY) {
            return false;
        }
        boolean grew = false;
        for (Side side : Side.values()) {
            EndpointIndex whole = indexes.of(side).whole();
            Long from = seen.get(side);
            if (from == null) {
                return false;
            }
            long now = whole.journalPosition();
            if (now == from) {
                continue;
            }
            IndexStore.JournalChanges changes =
                    whole.store().changedSince(whole.location(), from, MAX_CAUGHT_UP - caughtUp);
            if (changes.tooMany()) {
                return false;
            }
            RelativePath prefix = whole.prefix();
            for (RelativePath removed : changes.removed()) {
                if (removed.equals(prefix) || removed.isAncestorOf(prefix)) {
                    return false;
                }
                if (prefix.isAncestorOf(removed)) {
                    grew |= add(removed.relativeTo(prefix), true);
                }
            }
            for (RelativePath written : changes.written()) {
                if (prefix.isAncestorOf(written)) {
                    grew |= add(written.relativeTo(prefix), false);
                }
            }
            caughtUp += changes.written().size() + changes.removed().size();
            seen.put(side, now);
        }
        if (grew) {
            reads.clear();
            base = null;
        }
        return true;
    }

    /** A path into the slice, with the folders above it; whether the slice grew. */
    private boolean add(RelativePath path, boolean removed) {
        boolean grew = false;
        RelativePath at = path;
        while (!at.isRoot() && points.add(at)) {
            at = at.parent();
            grew = true;
        }
        if (removed && subtrees.add(path)) {
            grew = true;
        }
        return grew;
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
     * The slice of a conduit's baseline, in its order (or the reverse): the changed paths looked up together (read once
     * until the slice grows: the baseline is only written when the generation closes), and everything below a removed
     * path.
     */
    IndexStore.EntryCursor base(Baselines baselines, ConduitId conduit, boolean ascending) {
        TreeMap<RelativePath, IndexEntry> entries = baseOnce(baselines, conduit);
        return cursor((ascending ? entries : entries.descendingMap()).values().iterator());
    }

    private synchronized TreeMap<RelativePath, IndexEntry> baseOnce(Baselines baselines, ConduitId conduit) {
        if (base != null) {
            return base;
        }
        TreeMap<RelativePath, IndexEntry> entries = new TreeMap<>(RelativePath::compareDirectoryOrder);
        if (!isEmpty()) {
            baselines.entries(conduit, List.ofAll(points)).forEach(entry -> entries.put(entry.path(), entry));
        }
        for (RelativePath removed : subtrees) {
            try (IndexStore.EntryCursor below = baselines.below(conduit, removed)) {
                below.forEachRemaining(entry -> entries.put(entry.path(), entry));
            }
        }
        if (this != EMPTY) { // shared by every sync that found nothing changed
            base = entries;
        }
        return entries;
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

        /** The slice, gathered up to these positions of the source's and the target's journals. */
        Slice build(SyncHistory.Positions gathered) {
            return points.isEmpty()
                    ? EMPTY
                    : new Slice(
                            new HashSet<>(points),
                            new java.util.LinkedHashSet<>(subtrees),
                            java.util.Map.of(Side.SOURCE, gathered.source(), Side.TARGET, gathered.target()));
        }
    }
}
