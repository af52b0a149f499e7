package dev.conduit.domain.plan;

import io.vavr.control.Option;
import java.time.Instant;

/** Sums over every sync of a conduit. */
public record SyncTotals(
        long syncs,
        long filesSynced,
        long bytesTransferred,
        Option<Instant> lastCompletedAt,
        Option<String> lastError) {

    public static final SyncTotals NONE = new SyncTotals(0, 0, 0, Option.none(), Option.none());
}
