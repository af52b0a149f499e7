package dev.conduit.application.port.out;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;

/**
 * Each bidirectional conduit's baseline: every path as both sides agreed on it at the last sync that settled it,
 * relative to the conduit's roots. Read here in the order of the index (see {@link IndexStore#byDirectory}); written
 * only by {@link SyncHistory#finish}, in the transaction that closes the generation.
 */
public interface Baselines {

    IndexStore.EntryCursor ascending(ConduitId conduit);

    IndexStore.EntryCursor descending(ConduitId conduit);

    /** The entries directly inside the given folders (in code-point order), as {@link IndexStore#inFolders}. */
    IndexStore.EntryCursor inFolders(
            ConduitId conduit, io.vavr.collection.Seq<RelativePath> folders, boolean ascending);

    /**
     * The entries below a path (not the path itself), in the order of {@link #ascending}, as {@link
     * IndexStore#byDirectory} reads an index below a folder. By default the whole baseline, filtered.
     */
    default IndexStore.EntryCursor below(ConduitId conduit, RelativePath under) {
        IndexStore.EntryCursor all = ascending(conduit);
        java.util.Iterator<dev.conduit.domain.index.IndexEntry> kept =
                io.vavr.collection.Iterator.ofAll(all).filter(entry -> under.isAncestorOf(entry.path()));
        return new IndexStore.EntryCursor() {
            @Override
            public boolean hasNext() {
                return kept.hasNext();
            }

            @Override
            public dev.conduit.domain.index.IndexEntry next() {
                return kept.next();
            }

            @Override
            public void close() {
                all.close();
            }
        };
    }

    /**
     * The entries at these paths that the baseline has, in no particular order: one read for many paths (a slice of
     * what changed, ADR 0031). By default the folders of the paths read with {@link #inFolders}, filtered.
     */
    default io.vavr.collection.Seq<IndexEntry> entries(ConduitId conduit, io.vavr.collection.Seq<RelativePath> paths) {
        java.util.Set<RelativePath> wanted = paths.toJavaSet();
        io.vavr.collection.Seq<RelativePath> folders = paths.map(RelativePath::parent)
                .distinct()
                .sorted((a, b) -> RelativePath.compareCodePoints(a.value(), b.value()));
        java.util.List<IndexEntry> found = new java.util.ArrayList<>();
        try (IndexStore.EntryCursor inFolders = inFolders(conduit, folders, true)) {
            inFolders.forEachRemaining(entry -> {
                if (wanted.contains(entry.path())) {
                    found.add(entry);
                }
            });
        }
        return io.vavr.collection.List.ofAll(found);
    }

    /**
     * Forgets the conduit's baseline: its next bidirectional sync starts from the union of both sides, as a first one
     * does. For a conduit whose mode changed: a baseline from before a spell of mirroring would be stale.
     */
    void forget(ConduitId conduit);

    /** One path's new baseline: the agreed entry, or none when both sides lack the path now. */
    record Change(RelativePath path, Option<IndexEntry> entry) {}
}
