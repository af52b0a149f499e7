package dev.conduit.application.port.out;

import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.Seq;

import java.util.function.Consumer;

/** The entries of each location's index: read a directory at a time, written in batches. */
public interface IndexStore {

    /** The indexed entries directly inside {@code directory}. */
    Seq<IndexEntry> children(LocationId location, RelativePath directory);

    /**
     * Applies the batch in one transaction: first every removal (the path and everything below it) and every
     * emptied directory (everything below it), then every upsert.
     *
     * @return how many entries the removals and emptyings took out of the index
     */
    long write(LocationId location, IndexBatch batch);

    /** Every entry of the location, in tree order, streamed: the index is never held in memory whole. */
    void forEach(LocationId location, Consumer<IndexEntry> action);

    long count(LocationId location);

    /**
     * Changes to a location's index that are written together.
     *
     * @param removals paths that are gone, with everything below them
     * @param emptied  directories that became something else: everything below them is gone, the path itself is
     *                 rewritten by an upsert
     * @param upserts  entries to insert or replace
     */
    record IndexBatch(Seq<RelativePath> removals, Seq<RelativePath> emptied, Seq<IndexEntry> upserts) {

        public boolean isEmpty() {
            return removals.isEmpty() && emptied.isEmpty() && upserts.isEmpty();
        }
    }
}
