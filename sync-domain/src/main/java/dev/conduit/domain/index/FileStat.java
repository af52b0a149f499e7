package dev.conduit.domain.index;

import io.vavr.control.Option;

/**
 * What one {@code lstat} says about an entry: never followed through symbolic links.
 *
 * @param size       bytes for files, the target's length for symlinks, 0 for directories
 * @param mtimeNanos modification time in nanoseconds since the epoch, as the file system gives it
 * @param mode       POSIX permission bits (including setuid, setgid and sticky), without the file-type bits
 * @param fileKey    device and inode, where the file system has them
 * @param linkTarget the target of a symbolic link, as stored in the link
 * @param ctimeNanos the inode's change time in nanoseconds since the epoch (any write, also of permission bits or
 *                   extended attributes, moves it); 0 where it is not known, as in a baseline
 * @param uid        the owner's numeric user id, {@link #UNKNOWN_OWNER} where it is not known (an index written before
 *                   owners were recorded); the bits of a {@code uid_t}, so ids above 2^31 read as negative numbers
 * @param gid        the group's numeric id, the same way
 */
public record FileStat(
        EntryKind kind,
        long size,
        long mtimeNanos,
        int mode,
        Option<String> fileKey,
        Option<String> linkTarget,
        long ctimeNanos,
        int uid,
        int gid) {

    /** An owner or group not known: {@code (uid_t) -1}, which no file has and {@code lchown} takes as "leave it". */
    public static final int UNKNOWN_OWNER = -1;

    public FileStat {
        if (kind == null || fileKey == null || linkTarget == null) {
            throw new IllegalArgumentException("kind, fileKey and linkTarget are required (use Option.none())");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("mode has bits beyond 07777: " + Integer.toOctalString(mode));
        }
        if (kind == EntryKind.SYMLINK != linkTarget.isDefined()) {
            throw new IllegalArgumentException("a link target is required for symlinks and only for them");
        }
        if (kind == EntryKind.DIRECTORY && size != 0) {
            throw new IllegalArgumentException("directories are recorded with size 0");
        }
    }

    /** What is known of an entry without its owner and group. */
    public FileStat(
            EntryKind kind,
            long size,
            long mtimeNanos,
            int mode,
            Option<String> fileKey,
            Option<String> linkTarget,
            long ctimeNanos) {
        this(kind, size, mtimeNanos, mode, fileKey, linkTarget, ctimeNanos, UNKNOWN_OWNER, UNKNOWN_OWNER);
    }

    /** What is known of an entry without its change time. */
    public FileStat(
            EntryKind kind, long size, long mtimeNanos, int mode, Option<String> fileKey, Option<String> linkTarget) {
        this(kind, size, mtimeNanos, mode, fileKey, linkTarget, 0);
    }

    public static FileStat file(long size, long mtimeNanos, int mode, Option<String> fileKey) {
        return new FileStat(EntryKind.FILE, size, mtimeNanos, mode, fileKey, Option.none());
    }

    public static FileStat directory(long mtimeNanos, int mode, Option<String> fileKey) {
        return new FileStat(EntryKind.DIRECTORY, 0, mtimeNanos, mode, fileKey, Option.none());
    }

    public static FileStat symlink(String target, long mtimeNanos, int mode, Option<String> fileKey) {
        return new FileStat(EntryKind.SYMLINK, target.length(), mtimeNanos, mode, fileKey, Option.some(target));
    }

    /** The same, with the change time an lstat gave. */
    public FileStat withCtime(long nanos) {
        return new FileStat(kind, size, mtimeNanos, mode, fileKey, linkTarget, nanos, uid, gid);
    }

    /** The same, with the owner and group an lstat gave. */
    public FileStat withOwner(int owner, int group) {
        return new FileStat(kind, size, mtimeNanos, mode, fileKey, linkTarget, ctimeNanos, owner, group);
    }

    /** The same with other permission bits (what a job meant to leave, where the disk holds more for a while). */
    public FileStat withMode(int bits) {
        return new FileStat(kind, size, mtimeNanos, bits, fileKey, linkTarget, ctimeNanos, uid, gid);
    }

    /** Whether the owner and group are both known. */
    public boolean ownerKnown() {
        return uid != UNKNOWN_OWNER && gid != UNKNOWN_OWNER;
    }

    public boolean isDirectory() {
        return kind == EntryKind.DIRECTORY;
    }

    public boolean isFile() {
        return kind == EntryKind.FILE;
    }
}
