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
        io.vavr.collection.Seq<IndexEntry> entries = folders.flatMap(folder -> children(location, folder)
                .sorted((a, b) ->
                        RelativePath.compareCodePoints(a.path().name(), b.path().name())));
        java.util.Iterator<IndexEntry> iterator = (ascending ? entries : entries.reverse()).iterator();
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
        writes++;
        TreeMap<RelativePath, IndexEntry> index = of(location);
        long removed = 0;
        for (RelativePath path : batch.removals()) {
            int before = index.size();
            index.keySet().removeIf(p -> p.equals(path) || path.isAncestorOf(p));
            removed += before - index.size();
        }
        for (RelativePath path : batch.emptied()) {
            int before = index.size();
            index.keySet().removeIf(path::isAncestorOf);
            removed += before - index.size();
        }
        batch.upserts().forEach(entry -> index.put(entry.path(), entry));
        return removed;
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
        for (IndexEntry entry : moved) {
            RelativePath path = to.resolve(entry.path().relativeTo(from));
            index.put(path, new IndexEntry(path, entry.stat(), entry.hash(), entry.indexedAtNanos()));
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

    public int writes() {
        return writes;
    }

    public Map<String, IndexEntry> snapshot(LocationId location) {
        Map<String, IndexEntry> copy = new TreeMap<>();
        of(location).forEach((path, entry) -> copy.put(path.value(), entry));
        return copy;
    }
}
