package dev.conduit.domain.index;

/** What an index entry is. FIFOs, sockets and devices are never indexed. */
public enum EntryKind {
    FILE,
    DIRECTORY,
    SYMLINK
}
