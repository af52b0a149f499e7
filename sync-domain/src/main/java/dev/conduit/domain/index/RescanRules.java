package dev.conduit.domain.index;

import io.vavr.control.Option;

/**
 * The rules of an incremental rescan: what must be hashed again, what counts as a change, what must be written.
 *
 * <p>A file is re-hashed only when its size, modification time, file key or change time (ctime) changed, when its
 * hash is unknown, or when it was <em>racy</em> at its last scan: modified so shortly before it was examined that a
 * later write within the same timestamp tick could have left size and mtime unchanged (the problem git calls "racily
 * clean").
 *
 * <p>Extended attributes are read again on the same terms, by the change time instead of the modification time:
 * setting one moves the ctime and nothing else. A scan that finds nothing changed reads none.
 *
 * <p>The same rules guard every write: a job overwrites or deletes an entry only while the disk still holds what the
 * index recorded ({@link #sameEntry}, {@link #untouchedSince}; ADR 0018).
 */
public final class RescanRules {

    /** Generous against coarse timestamps (FAT: 2 s); ext4 and friends tick in milliseconds. */
    public static final long RACY_WINDOW_NANOS = 2_000_000_000L;

    private RescanRules() {}

    public static boolean needsHash(Option<IndexEntry> previous, FileStat now) {
        if (!now.isFile()) {
            return false;
        }
        if (previous.isEmpty()) {
            return true;
        }
        IndexEntry before = previous.get();
        FileStat was = before.stat();
        return !was.isFile()
                || before.hash().isEmpty()
                || was.size() != now.size()
                || was.mtimeNanos() != now.mtimeNanos()
                || !was.fileKey().equals(now.fileKey())
                || changedSince(was.ctimeNanos(), now.ctimeNanos())
                || isRacy(before);
    }

    /**
     * Whether another scan recorded the file as it is now, without a hash, at or after {@code sinceNanos} (when this
     * scan began): that scan left the hash to a copy, as a scan leaves a new file's, and reading the file here would
     * only repeat the copy's work. This is what a scan finds after waiting for another scan of its location (ADR
     * 0049); the copy checks the file against the index after reading it, as it does for a new file.
     */
    public static boolean recordedUnhashedSince(Option<IndexEntry> previous, FileStat now, long sinceNanos) {
        return previous.exists(before -> now.isFile()
                && before.stat().isFile()
                && before.hash().isEmpty()
                && before.indexedAtNanos() >= sinceNanos
                && before.stat().size() == now.size()
                && before.stat().mtimeNanos() == now.mtimeNanos()
                && before.stat().fileKey().equals(now.fileKey())
                && !changedSince(before.stat().ctimeNanos(), now.ctimeNanos()));
    }

    /**
     * Whether {@code now} is still the entry the index recorded as {@code indexed}, by what a rewrite cannot hide
     * without also changing the change time: the same kind; for files and links the same size, modification time and
     * link target, and the same file (device and inode) where both are known. Directories match by kind alone: their
     * times and sizes are bookkeeping.
     */
    public static boolean sameEntry(FileStat indexed, FileStat now) {
        if (indexed.kind() != now.kind()) {
            return false;
        }
        return indexed.isDirectory()
                || indexed.size() == now.size()
                        && indexed.mtimeNanos() == now.mtimeNanos()
                        && indexed.linkTarget().equals(now.linkTarget())
                        && !bothKnownAndDifferent(indexed.fileKey(), now.fileKey());
    }

    /**
     * Whether nothing at all happened to the entry since it was indexed: its change time is known on both sides, the
     * same, and older than the racy window before the moment it was indexed (a write within the same clock tick as
     * the scan could leave the change time as it was). When this is false, a {@link #sameEntry same entry} may still be
     * the same content — a hard link made or removed, a chmod, a racy stamp — or a rewrite that put size and
     * modification time back: only its content can tell.
     */
    public static boolean untouchedSince(IndexEntry indexed, FileStat now) {
        long then = indexed.stat().ctimeNanos();
        return then != 0 && then == now.ctimeNanos() && then < indexed.indexedAtNanos() - RACY_WINDOW_NANOS;
    }

    /** Two change times that are both known (not 0) and not the same. */
    public static boolean changedSince(long ctimeThen, long ctimeNow) {
        return ctimeThen != 0 && ctimeNow != 0 && ctimeThen != ctimeNow;
    }

    /**
     * Whether the entry's extended attributes must be read: a file or directory that is new, or whose change time or
     * file key differs from the index's, or whose attributes were read so close to a change that a later one within
     * the same timestamp tick could hide.
     */
    public static boolean needsXattrs(Option<IndexEntry> previous, FileStat now) {
        if (now.kind() == EntryKind.SYMLINK) {
            return false;
        }
        if (previous.isEmpty()) {
            return true;
        }
        IndexEntry before = previous.get();
        FileStat was = before.stat();
        return was.kind() != now.kind()
                || was.ctimeNanos() != now.ctimeNanos()
                || !was.fileKey().equals(now.fileKey())
                || was.ctimeNanos() >= before.indexedAtNanos() - RACY_WINDOW_NANOS;
    }

    /** Modified so close to being indexed that the hash cannot be trusted without reading the file again. */
    public static boolean isRacy(IndexEntry entry) {
        return entry.stat().mtimeNanos() >= entry.indexedAtNanos() - RACY_WINDOW_NANOS;
    }

    /**
     * The change a user would see. Directory modification times, file keys and change times are bookkeeping, not
     * changes; a symlink changes when its target does; anything changes when its owner or group does (both known).
     */
    public static IndexChange classify(Option<IndexEntry> previous, IndexEntry now) {
        if (previous.isEmpty()) {
            return IndexChange.NEW;
        }
        FileStat was = previous.get().stat();
        FileStat is = now.stat();
        if (was.kind() != is.kind()) {
            return IndexChange.MODIFIED;
        }
        boolean changed = switch (is.kind()) {
            case FILE ->
                was.size() != is.size()
                        || was.mtimeNanos() != is.mtimeNanos()
                        || was.mode() != is.mode()
                        || bothKnownAndDifferent(previous.get().hash(), now.hash())
                        || bothKnownAndDifferent(previous.get().xattrs(), now.xattrs())
                        || ownerChanged(was, is);
            case DIRECTORY ->
                was.mode() != is.mode()
                        || bothKnownAndDifferent(previous.get().xattrs(), now.xattrs())
                        || ownerChanged(was, is);
            case SYMLINK -> !was.linkTarget().equals(is.linkTarget()) || ownerChanged(was, is);
        };
        return changed ? IndexChange.MODIFIED : IndexChange.UNCHANGED;
    }

    /**
     * Whether the stored row must be rewritten: anything recorded differs, or the entry was examined again (its hash
     * or its extended attributes read), which its new examination time must record.
     */
    public static boolean needsWrite(Option<IndexEntry> previous, IndexEntry now, boolean examined) {
        return previous.isEmpty()
                || examined
                || !previous.get().stat().equals(now.stat())
                || !previous.get().hash().equals(now.hash())
                || !previous.get().xattrs().equals(now.xattrs());
    }

    /**
     * A folder's row once a sync set its bits and time (ADR 0059): the row with {@code after}, the lstat taken right
     * after, when it is the folder the row describes (the same file key, both known) and nothing that makes a change
     * differs (kind, bits, extended attributes, owner). Its extended attributes and its examination time stay the
     * row's: nothing read them again, and since its change time is now later than that examination the next scan reads
     * them (a refresh, ADR 0046). None: the folder is left to the next scan.
     */
    public static Option<IndexEntry> timesSet(Option<IndexEntry> row, FileStat after) {
        return row.filter(IndexEntry::isDirectory)
                .filter(before -> after.isDirectory()
                        && before.stat().fileKey().isDefined()
                        && before.stat().fileKey().equals(after.fileKey()))
                .map(before ->
                        new IndexEntry(before.path(), after, Option.none(), before.xattrs(), before.indexedAtNanos()))
                .filter(now -> classify(row, now) == IndexChange.UNCHANGED);
    }

    /**
     * Another owner or group, both known: an index written before owners were recorded learns them at its next scan
     * (the row is written) without that being a change.
     */
    static boolean ownerChanged(FileStat was, FileStat is) {
        return !CommonGround.FULL_WITH_OWNERS.sameOwner(was, is);
    }

    /** Two values that are both known and not the same: where either is unknown, nothing can be said. */
    public static <T> boolean bothKnownAndDifferent(Option<T> a, Option<T> b) {
        return a.isDefined() && b.isDefined() && !a.get().equals(b.get());
    }
}
