package dev.conduit.domain.conflict;

import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.reconcile.Settlement;
import io.vavr.control.Option;

/**
 * A path both sides of a bidirectional conduit changed since the last sync, in ways that do not agree, and how it is
 * settled.
 *
 * @param source what the source holds there now, if anything
 * @param target what the target holds there now, if anything
 */
public record Conflict(
        RelativePath path,
        ConflictType type,
        Settlement settlement,
        Option<IndexEntry> source,
        Option<IndexEntry> target) {

    public Conflict {
        if (path == null || type == null || settlement == null || source == null || target == null) {
            throw new IllegalArgumentException("a conflict needs its path, type, settlement and both sides");
        }
    }

    public boolean isPending() {
        return settlement instanceof Settlement.Pending;
    }
}
