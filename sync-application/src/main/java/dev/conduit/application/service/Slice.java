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
        Growth growth = new Growth();
        java.util.Map<Side, Long> from = new java.util.EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            EndpointIndex whole = indexes.of(side).whole();
            Long at = seen.get(side);
            if (at == null) {
                return forgetReads();
            }
            from.put(side, at);
            long now = whole.journalPosition();
            if (now == at) {
                continue;
            }
            IndexStore.JournalChanges changes =
                    whole.store().changedSince(whole.location(), at, MAX_CAUGHT_UP - caughtUp);
            if (changes.tooMany()) {
                return forgetReads();
            }
            RelativePath prefix = whole.prefix();
            java.util.List<RelativePath> removedHere = new java.util.ArrayList<>();
            java.util.List<RelativePath> writtenHere = new java.util.ArrayList<>();
            for (RelativePath removed : changes.removed()) {
                if (removed.equals(prefix) || removed.isAncestorOf(prefix)) {
                    return forgetReads();
                }
                if (prefix.isAncestorOf(removed)) {
                    RelativePath path = removed.relativeTo(prefix);
                    add(path, true, growth);
                    removedHere.add(path);
                }
            }
            for (RelativePath written : changes.written()) {
                if (prefix.isAncestorOf(written)) {
                    RelativePath path = written.relativeTo(prefix);
                    add(path, false, growth);
                    writtenHere.add(path);
                }
            }
            growth.removed.put(side, removedHere);
            growth.written.put(side, writtenHere);
            growth.to.put(side, now);
            caughtUp += changes.written().size() + changes.removed().size();
            seen.put(side, now);
        }
        for (Side side : Side.values()) {
            EndpointIndex whole = indexes.of(side).whole();
            Read cached = reads.remove(whole.location());
            if (cached != null
                    && cached.position() == from.get(side)
                    && cached.prefix().equals(whole.prefix())) {
                reads.put(whole.location(), cached.caughtUp(whole, growth, side));
            }
        }
        if (base != null && growth.grew()) {
            base = null; // looked up again, whole, at the next pass that reads it: the baseline itself did not move
        }
        return true;
    }

    /** A slice that cannot catch up forgets what it read: the next read reads its paths again. */
    private boolean forgetReads() {
        reads.clear();
        base = null;
        return false;
    }

    /**
     * What one catch-up added: the paths new to the slice (either side's writes and removals, with the folders above
     * them), the removed paths now read below, and each side's own writes and removals since the slice last held it.
     */
    private static final class Growth {
        final java.util.List<RelativePath> points = new java.util.ArrayList<>();
        final java.util.List<RelativePath> subtrees = new java.util.ArrayList<>();
        final java.util.Map<Side, java.util.List<RelativePath>> written = new java.util.EnumMap<>(Side.class);
        final java.util.Map<Side, java.util.List<RelativePath>> removed = new java.util.EnumMap<>(Side.class);
        /** How far each side's journal was read; a side whose journal did not move is not in it. */
        final java.util.Map<Side, Long> to = new java.util.EnumMap<>(Side.class);

        boolean grew() {
            return !points.isEmpty() || !subtrees.isEmpty();
        }
    }

    /** A path into the slice, with the folders above it; what is new to the slice is noted in {@code growth}. */
    private void add(RelativePath path, boolean removed, Growth growth) {
        RelativePath at = path;
        while (!at.isRoot() && points.add(at)) {
            growth.points.add(at);
            at = at.parent();
        }
        if (removed && subtrees.add(path)) {
            growth.subtrees.add(path);
        }
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

    /** Whether the path or a folder above it is one of {@code paths}: one look per level, not per path. */
    private static boolean atOrBelow(RelativePath path, Set<RelativePath> paths) {
        for (RelativePath at = path; !at.isRoot(); at = at.parent()) {
            if (paths.contains(at)) {
                return true;
            }
        }
        return false;
    }

    /** A side's slice as read at a position of its journal. */
    private record Read(RelativePath prefix, long position, TreeMap<RelativePath, IndexEntry> entries) {

        /**
         * This read, made where the catch-up began, brought as far as the catch-up read the side's journal: what
         * the side removed leaves it with everything below; the paths the side wrote or removed and those new to the
         * slice are looked up again; below a removal new to the slice is read. (A read made elsewhere is dropped, and
         * made again whole when next needed.)
         */
        Read caughtUp(EndpointIndex whole, Growth growth, Side side) {
            // a copy: a cursor of an earlier pass may still walk the entries as they were
            TreeMap<RelativePath, IndexEntry> entries = new TreeMap<>(this.entries);
            java.util.List<RelativePath> removedHere = growth.removed.getOrDefault(side, java.util.List.of());
            java.util.List<RelativePath> writtenHere = growth.written.getOrDefault(side, java.util.List.of());
            if (!removedHere.isEmpty()) {
                Set<RelativePath> gone = new HashSet<>(removedHere);
                entries.keySet().removeIf(path -> atOrBelow(path, gone));
            }
            Set<RelativePath> lookUp = new java.util.LinkedHashSet<>(growth.points);
            lookUp.addAll(writtenHere);
            lookUp.addAll(removedHere);
            lookUp.forEach(entries::remove);
            whole.entries(List.ofAll(lookUp)).forEach(entry -> entries.put(entry.path(), entry));
            for (RelativePath removed : growth.subtrees) {
                try (IndexStore.EntryCursor below = whole.below(removed)) {
                    below.forEachRemaining(entry -> entries.put(entry.path(), entry));
                }
            }
            return new Read(prefix, growth.to.getOrDefault(side, position), entries);
        }
    }

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
