package dev.conduit.domain.index;

/** How an entry found by a scan compares with what the index held before it (entries not found are removed). */
public enum IndexChange {
    NEW,
    MODIFIED,
    UNCHANGED
}
