package dev.conduit.domain.index;

import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;

/**
 * One row of a location's index: the path, what the file system said about it, and its content hash.
 *
 * @param hash          the content hash of a file; none for directories and symlinks, and for a file
 *                      that could not be read (it is hashed again on the next scan)
 * @param indexedAtNanos when the entry was last (re)examined in full, nanoseconds since the epoch
 */
public record IndexEntry(RelativePath path, FileStat stat, Option<ContentHash> hash, long indexedAtNanos) {

    public IndexEntry {
        if (path == null || stat == null || hash == null) {
            throw new IllegalArgumentException("path, stat and hash are required (use Option.none())");
        }
        if (path.isRoot()) {
            throw new IllegalArgumentException("the root is not an entry of its own index");
        }
        if (hash.isDefined() && !stat.isFile()) {
            throw new IllegalArgumentException("only files have a content hash: " + path);
        }
    }

    public EntryKind kind() {
        return stat.kind();
    }

    public boolean isDirectory() {
        return stat.isDirectory();
    }
}
