package dev.conduit.application.service;

import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.path.RelativePath;

/**
 * One endpoint's part of the index: the entries of a location below a folder, seen with paths relative to that
 * folder (the conduit's root), and what the location's file system can hold. Converting paths keeps directory order,
 * since every path has the same prefix.
 */
record EndpointIndex(IndexStore store, LocationId location, RelativePath prefix, FileSystemTraits traits) {

    IndexStore.EntryCursor ascending() {
        return relative(store.byDirectory(location, prefix));
    }

    IndexStore.EntryCursor descending() {
        return relative(store.byDirectoryDescending(location, prefix));
    }

    /** The entries directly inside the folders (relative to the endpoint, in code-point order). */
    IndexStore.EntryCursor inFolders(io.vavr.collection.Seq<RelativePath> folders, boolean ascending) {
        return relative(store.inFolders(location, folders.map(this::inLocation), ascending));
    }

    long countFiles() {
        return store.countFiles(location, prefix);
    }

    /** The path in the location of a path relative to the endpoint. */
    RelativePath inLocation(RelativePath path) {
        return prefix.resolve(path);
    }

    /** An entry as the location stores it. */
    IndexEntry inLocation(IndexEntry entry) {
        return prefix.isRoot() ? entry : entry.at(prefix.resolve(entry.path()));
    }

    /** An entry as the location stores it, seen from the endpoint's root (it must lie below it). */
    IndexEntry relative(IndexEntry entry) {
        return prefix.isRoot() ? entry : entry.at(entry.path().relativeTo(prefix));
    }

    private IndexStore.EntryCursor relative(IndexStore.EntryCursor cursor) {
        if (prefix.isRoot()) {
            return cursor;
        }
        return new IndexStore.EntryCursor() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public IndexEntry next() {
                return relative(cursor.next());
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }
}
