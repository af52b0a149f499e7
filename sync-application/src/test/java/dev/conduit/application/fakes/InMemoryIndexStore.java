package dev.conduit.application.fakes;

import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.path.RelativePath;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

public final class InMemoryIndexStore implements IndexStore {

    private final Map<LocationId, TreeMap<RelativePath, IndexEntry>> entries = new HashMap<>();
    private int writes;
    /** How many cursors read a whole location (from its root), by location. */
    private final Map<LocationId, Integer> wholeReads = new HashMap<>();

    private final Map<LocationId, Integer> readInFolders = new HashMap<>();
    private final Map<LocationId, Integer> lookedUp = new HashMap<>();
    /** The change journal: each location's position, where each entry was last written, and tombstones. */
    private final Map<LocationId, Long> positions = new HashMap<>();

    private final Map<LocationId, Map<RelativePath, Long>> writtenAt = new HashMap<>();
    private final Map<LocationId, Map<RelativePath, Long>> removedAt = new HashMap<>();

    private TreeMap<RelativePath, IndexEntry> of(LocationId location) {
        return entries.computeIfAbsent(location, id -> new TreeMap<>());
    }

    @Override
    public io.vavr.control.Option<IndexEntry> entry(LocationId location, RelativePath path) {
        return io.vavr.control.Option.of(of(location).get(path));
    }

    @Override
    public EntryCursor byDirectory(LocationId location, RelativePath under) {
        return cursor(location, under, false);
    }

    @Override
    public EntryCursor byDirectoryDescending(LocationId location, RelativePath under) {
        return cursor(location, under, true);
    }

    @Override
    public io.vavr.collection.Seq<IndexEntry> children(LocationId location, RelativePath directory) {
        return io.vavr.collection.List.ofAll(of(location).values())
                .filter(entry -> entry.path().parent().equals(directory))
                .sortBy(entry -> entry.path().name());
    }

    @Override
    public EntryCursor inFolders(LocationId location, io.vavr.collection.Seq<RelativePath> folders, boolean ascending) {
        // as the library streams them: folder after folder in the order given (reversed by the caller when
        // descending), each folder's entries by name, or in reverse
        io.vavr.collection.Seq<IndexEntry> entries = folders.flatMap(folder -> {
            io.vavr.collection.Seq<IndexEntry> inside = children(location, folder)
                    .sorted((a, b) -> RelativePath.compareCodePoints(
                            a.path().name(), b.path().name()));
            return ascending ? inside : inside.reverse();
        });
        readInFolders.merge(location, entries.size(), Integer::sum);
        java.util.Iterator<IndexEntry> iterator = entries.iterator();
        return new EntryCursor() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public IndexEntry next() {
                return iterator.next();
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public long countFiles(LocationId location, RelativePath under) {
        return of(location).values().stream()
                .filter(entry -> under.isAncestorOf(entry.path()) && !entry.isDirectory())
                .count();
    }

    private EntryCursor cursor(LocationId location, RelativePath under, boolean descending) {
        if (under.isRoot()) {
            wholeReads.merge(location, 1, Integer::sum);
        }
        java.util.List<IndexEntry> ordered =
                new java.util.ArrayList<>(of(location).values());
        ordered.removeIf(entry -> !under.isAncestorOf(entry.path()));
        java.util.Comparator<IndexEntry> order = (a, b) -> RelativePath.compareDirectoryOrder(a.path(), b.path());
        ordered.sort(descending ? order.reversed() : order);
        java.util.Iterator<IndexEntry> entries = ordered.iterator();
        return new EntryCursor() {
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

    @Override
    public long write(LocationId location, IndexBatch batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        writes++;
        TreeMap<RelativePath, IndexEntry> index = of(location);
        batch.refreshed().forEach(entry -> index.computeIfPresent(entry.path(), (path, was) -> entry));
        if (!batch.changes()) {
            return 0;
        }
        long at = advance(location);
        long removed = 0;
        for (RelativePath path : batch.removals()) {
            int before = index.size();
            index.keySet().removeIf(p -> p.equals(path) || path.isAncestorOf(p));
            removed += before - index.size();
            bury(location, path, at);
        }
        for (RelativePath path : batch.emptied()) {
            int before = index.size();
            index.keySet().removeIf(path::isAncestorOf);
            removed += before - index.size();
            bury(location, path, at);
        }
        batch.upserts().forEach(entry -> {
            index.put(entry.path(), entry);
            written(location).put(entry.path(), at);
        });
        return removed;
    }

    @Override
    public long learnHashes(LocationId location, io.vavr.collection.Seq<IndexEntry> hashed) {
        if (hashed.isEmpty()) {
            return 0;
        }
        writes++;
        TreeMap<RelativePath, IndexEntry> index = of(location);
        long at = advance(location);
        long learnt = 0;
        for (IndexEntry entry : hashed) {
            IndexEntry was = index.get(entry.path());
            if (was != null
                    && was.hash().isEmpty()
                    && was.stat().size() == entry.stat().size()
                    && was.stat().mtimeNanos() == entry.stat().mtimeNanos()) {
                index.put(entry.path(), was.withHash(entry.hash()));
                written(location).put(entry.path(), at);
                learnt++;
            }
        }
        return learnt;
    }

    private long advance(LocationId location) {
        return positions.merge(location, 1L, Long::sum);
    }

    private Map<RelativePath, Long> written(LocationId location) {
        return writtenAt.computeIfAbsent(location, id -> new HashMap<>());
    }

    private void bury(LocationId location, RelativePath path, long at) {
        removedAt.computeIfAbsent(location, id -> new HashMap<>()).put(path, at);
        written(location).keySet().removeIf(p -> p.equals(path) || path.isAncestorOf(p));
    }

    @Override
    public long journalPosition(LocationId location) {
        return positions.getOrDefault(location, 0L);
    }

    @Override
    public JournalChanges changedSince(LocationId location, long position, int limit) {
        io.vavr.collection.List<RelativePath> written = io.vavr.collection.List.ofAll(
                        written(location).entrySet())
                .filter(row -> row.getValue() > position)
                .sortBy(Map.Entry::getValue)
                .map(Map.Entry::getKey);
        io.vavr.collection.List<RelativePath> removed = io.vavr.collection.List.ofAll(
                        removedAt.getOrDefault(location, Map.of()).entrySet())
                .filter(row -> row.getValue() > position)
                .sortBy(Map.Entry::getValue)
                .map(Map.Entry::getKey);
        return written.size() + removed.size() > limit ? JournalChanges.TOO_MANY : new JournalChanges(written, removed);
    }

    @Override
    public int forgetRemovals(LocationId location, long upTo) {
        Map<RelativePath, Long> tombstones = removedAt.getOrDefault(location, new HashMap<>());
        int before = tombstones.size();
        tombstones.values().removeIf(at -> at <= upTo);
        return before - tombstones.size();
    }

    @Override
    public void moveTree(LocationId location, RelativePath from, RelativePath to) {
        TreeMap<RelativePath, IndexEntry> index = of(location);
        java.util.List<IndexEntry> moved = new java.util.ArrayList<>();
        index.values().removeIf(entry -> {
            boolean inside = entry.path().equals(from) || from.isAncestorOf(entry.path());
            if (inside) {
                moved.add(entry);
            }
            return inside;
        });
        long at = advance(location);
        bury(location, from, at);
        for (IndexEntry entry : moved) {
            RelativePath path = to.resolve(entry.path().relativeTo(from));
            index.put(path, new IndexEntry(path, entry.stat(), entry.hash(), entry.indexedAtNanos()));
            written(location).put(path, at);
        }
    }

    @Override
    public void forEach(LocationId location, Consumer<IndexEntry> action) {
        of(location).values().forEach(action);
    }

    @Override
    public long count(LocationId location) {
        return of(location).size();
    }

    @Override
    public io.vavr.collection.Seq<IndexEntry> entries(LocationId location, io.vavr.collection.Seq<RelativePath> paths) {
        lookedUp.merge(location, paths.size(), Integer::sum);
        return paths.flatMap(path -> entry(location, path));
    }

    /** How many paths have been looked up by {@link #entries} so far. */
    public int lookedUp(LocationId location) {
        return lookedUp.getOrDefault(location, 0);
    }

    /** How many entries have been read folder by folder ({@link #inFolders}) so far. */
    public int readInFolders(LocationId location) {
        return readInFolders.getOrDefault(location, 0);
    }

    /** How many cursors have read the whole location so far. */
    public int wholeReads(LocationId location) {
        return wholeReads.getOrDefault(location, 0);
    }

    public int writes() {
        return writes;
    }

    public Map<String, IndexEntry> snapshot(LocationId location) {
        Map<String, IndexEntry> copy = new TreeMap<>();
        of(location).forEach((path, entry) -> copy.put(path.value(), entry));
        return copy;
    }

    @Override
    public long removeWrittenUpTo(LocationId location, long position) {
        throw new UnsupportedOperationException("copies of remote indexes are tested over SQLite");
    }
}
