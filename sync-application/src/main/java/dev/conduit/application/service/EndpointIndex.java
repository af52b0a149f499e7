package dev.conduit.application.service;

import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;

/**
 * One endpoint's part of the index: the entries of a location below a folder, seen with paths relative to that
 * folder (the conduit's root), and what the location's file system can hold. Converting paths keeps directory order,
 * since every path has the same prefix. With a {@link Slice}, its cursors read only the slice (ADR 0031).
 */
record EndpointIndex(
        IndexStore store, LocationId location, RelativePath prefix, FileSystemTraits traits, Option<Slice> slice) {

    EndpointIndex(IndexStore store, LocationId location, RelativePath prefix, FileSystemTraits traits) {
        this(store, location, prefix, traits, Option.none());
    }

    /** The same endpoint, its cursors reading only the slice. */
    EndpointIndex within(Slice only) {
        return new EndpointIndex(store, location, prefix, traits, Option.some(only));
    }

    /** The same endpoint, its cursors reading everything. */
    EndpointIndex whole() {
        return slice.isEmpty() ? this : new EndpointIndex(store, location, prefix, traits);
    }

    IndexStore.EntryCursor ascending() {
        return slice.isDefined() ? slice.get().read(whole(), true) : relative(store.byDirectory(location, prefix));
    }

    IndexStore.EntryCursor descending() {
        return slice.isDefined()
                ? slice.get().read(whole(), false)
                : relative(store.byDirectoryDescending(location, prefix));
    }

    /** The entry at a path relative to the endpoint, if the index has it. */
    Option<IndexEntry> entry(RelativePath path) {
        return store.entry(location, inLocation(path)).map(this::relative);
    }

    /** The entries at paths relative to the endpoint that the index has, read together. */
    io.vavr.collection.Seq<IndexEntry> entries(io.vavr.collection.Seq<RelativePath> paths) {
        return store.entries(location, paths.map(this::inLocation)).map(this::relative);
    }

    /** Where the location's change journal is: the slice read at one position holds until it moves. */
    long journalPosition() {
        return store.journalPosition(location);
    }

    /** Every entry below a path relative to the endpoint, in the index's order. */
    IndexStore.EntryCursor below(RelativePath path) {
        return relative(store.byDirectory(location, inLocation(path)));
    }

    /** The entries directly inside the folders (relative to the endpoint, in code-point order). */
    IndexStore.EntryCursor inFolders(io.vavr.collection.Seq<RelativePath> folders, boolean ascending) {
        return relative(store.inFolders(location, folders.map(this::inLocation), ascending));
    }

    /** How many files and links lie below a path relative to the endpoint. */
    long countBelow(RelativePath path) {
        return store.countFiles(location, inLocation(path));
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
