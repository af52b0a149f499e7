package dev.conduit.domain.index;

import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;

/** Index entries for tests, written short. */
public final class Entries {

    public static final long T0 = 1_700_000_000_000_000_000L;

    private Entries() {}

    public static RelativePath path(String raw) {
        return RelativePath.parse(raw).get();
    }

    public static ContentHash hash(char c) {
        return new ContentHash(Integer.toHexString(c).repeat(64).substring(0, 64));
    }

    public static IndexEntry file(String path, long size, char content, long mtime, int mode) {
        return new IndexEntry(
                path(path), FileStat.file(size, mtime, mode, Option.none()), Option.some(hash(content)), T0);
    }

    public static IndexEntry file(String path, char content) {
        return file(path, 10, content, T0, 0644);
    }

    public static IndexEntry dir(String path) {
        return dir(path, 0755);
    }

    public static IndexEntry dir(String path, int mode) {
        return new IndexEntry(path(path), FileStat.directory(T0, mode, Option.none()), Option.none(), T0);
    }

    /** The entry with extended attributes whose fingerprint is {@code c} repeated; {@code ' '} for none at all. */
    public static IndexEntry xattrs(IndexEntry entry, char c) {
        return new IndexEntry(
                entry.path(),
                entry.stat(),
                entry.hash(),
                Option.some(
                        c == ' ' ? Xattrs.NONE : new Xattrs(String.valueOf(c).repeat(64))),
                entry.indexedAtNanos());
    }

    public static IndexEntry link(String path, String target) {
        return new IndexEntry(path(path), FileStat.symlink(target, T0, 0777, Option.none()), Option.none(), T0);
    }

    /** The entry owned by {@code uid} and {@code gid} ({@link FileStat#UNKNOWN_OWNER} for not known). */
    public static IndexEntry owned(IndexEntry entry, int uid, int gid) {
        return new IndexEntry(
                entry.path(), entry.stat().withOwner(uid, gid), entry.hash(), entry.xattrs(), entry.indexedAtNanos());
    }
}
