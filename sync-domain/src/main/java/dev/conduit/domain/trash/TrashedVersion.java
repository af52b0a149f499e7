package dev.conduit.domain.trash;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * A version that a sync removed or overwrote, moved (never copied) into a trash on the same file system.
 *
 * @param conduit    the conduit whose sync trashed it; none once that conduit was removed
 * @param originalAt the absolute path it was trashed from, where {@code trash restore} puts it back
 * @param path       that path relative to the conduit's root
 * @param storedAt   the absolute path of the version in the trash
 */
public record TrashedVersion(
        long id,
        Option<ConduitId> conduit,
        long generation,
        Side side,
        RelativePath path,
        String originalAt,
        EntryKind kind,
        TrashReason reason,
        long size,
        Instant trashedAt,
        String storedAt) {

    /** A version just moved into the trash, before the ledger has given it an id. */
    public record New(
            ConduitId conduit,
            long generation,
            Side side,
            RelativePath path,
            String originalAt,
            EntryKind kind,
            TrashReason reason,
            long size,
            Instant trashedAt,
            String storedAt) {}
}
