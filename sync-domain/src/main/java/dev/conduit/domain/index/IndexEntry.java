package dev.conduit.domain.index;

import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;

/**
 * One row of a location's index: the path, what the file system said about it, its content hash and its extended
 * attributes.
 *
 * @param hash          the content hash of a file; none for directories and symlinks, and for a file
 *                      that could not be read (it is hashed again on the next scan)
 * @param xattrs        the {@code user.} extended attributes of a file or directory; none where they are not known
 *                      (symbolic links, a file system without them, an entry that could not be read)
 * @param indexedAtNanos when the entry was last (re)examined in full, nanoseconds since the epoch
 */
public record IndexEntry(
        RelativePath path, FileStat stat, Option<ContentHash> hash, Option<Xattrs> xattrs, long indexedAtNanos) {

    public IndexEntry {
        if (path == null || stat == null || hash == null || xattrs == null) {
            throw new IllegalArgumentException("path, stat, hash and xattrs are required (use Option.none())");
        }
        if (path.isRoot()) {
            throw new IllegalArgumentException("the root is not an entry of its own index");
        }
        if (hash.isDefined() && !stat.isFile()) {
            throw new IllegalArgumentException("only files have a content hash: " + path);
        }
        if (xattrs.isDefined() && stat.kind() == EntryKind.SYMLINK) {
            throw new IllegalArgumentException("a symbolic link has no extended attributes of its own: " + path);
        }
    }

    /** An entry whose extended attributes are not known. */
    public IndexEntry(RelativePath path, FileStat stat, Option<ContentHash> hash, long indexedAtNanos) {
        this(path, stat, hash, Option.none(), indexedAtNanos);
    }

    /** The same entry at another path (a rename, or the same path seen from another root). */
    public IndexEntry at(RelativePath other) {
        return new IndexEntry(other, stat, hash, xattrs, indexedAtNanos);
    }

    public IndexEntry withHash(Option<ContentHash> known) {
        return new IndexEntry(path, stat, known, xattrs, indexedAtNanos);
    }

    public EntryKind kind() {
        return stat.kind();
    }

    public boolean isDirectory() {
        return stat.isDirectory();
    }
}
