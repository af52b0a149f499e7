package dev.conduit.domain.index;

/** How an entry compares with what the index held before a scan. */
public enum IndexChange {
    NEW,
    MODIFIED,
    UNCHANGED,
    REMOVED
}
