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
 */
public record FileStat(
        EntryKind kind,
        long size,
        long mtimeNanos,
        int mode,
        Option<String> fileKey,
        Option<String> linkTarget,
        long ctimeNanos) {

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
        return new FileStat(kind, size, mtimeNanos, mode, fileKey, linkTarget, nanos);
    }

    public boolean isDirectory() {
        return kind == EntryKind.DIRECTORY;
    }

    public boolean isFile() {
        return kind == EntryKind.FILE;
    }
}
