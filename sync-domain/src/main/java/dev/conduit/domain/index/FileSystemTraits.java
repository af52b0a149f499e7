package dev.conduit.domain.index;

import io.vavr.collection.List;

/**
 * What the file system of a root can hold, as a probe found it (once per root and file system): how finely it keeps
 * modification times, whether POSIX permission bits persist, whether it has symbolic links and hard links, whether
 * names that differ only in case are different files, and whether it keeps extended attributes in the {@code user.}
 * namespace. A sync compares metadata within what both sides can hold, and refuses what the receiving side cannot.
 */
public record FileSystemTraits(
        TimeGranularity mtime,
        boolean permissions,
        boolean symlinks,
        boolean hardLinks,
        boolean caseSensitive,
        boolean userXattrs) {

    /**
     * What is assumed of a root that has not been probed (or could not be: a read-only one): a POSIX file system like
     * ext4, which holds everything. Comparisons then work as they did before roots were probed.
     */
    public static final FileSystemTraits POSIX =
            new FileSystemTraits(TimeGranularity.NANOSECOND, true, true, true, true, true);

    public FileSystemTraits {
        if (mtime == null) {
            throw new IllegalArgumentException("a modification-time granularity is required");
        }
    }

    /** In a few words, for people: {@code times to 1 s, no permission bits, no symlinks, case-insensitive}. */
    public String describe() {
        return List.of(
                        "times to " + mtime.label(),
                        permissions ? "permission bits" : "no permission bits",
                        symlinks ? "symlinks" : "no symlinks",
                        hardLinks ? "hard links" : "no hard links",
                        caseSensitive ? "case-sensitive" : "case-insensitive",
                        userXattrs ? "user xattrs" : "no user xattrs")
                .mkString(", ");
    }
}
