package dev.conduit.domain.index;

import java.util.Locale;

/** What an index entry is. FIFOs, sockets and devices are never indexed. */
public enum EntryKind {
    FILE,
    DIRECTORY,
    SYMLINK;

    /** The word for people and JSON: {@code file}, {@code directory}, {@code symlink}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
