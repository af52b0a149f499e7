package dev.conduit.domain.sync;

import java.time.Instant;

/**
 * How far a running sync has got.
 *
 * @param phase what it is doing: {@code indexing}, {@code copying}, {@code deleting}, {@code verifying}
 */
public record SyncProgress(String phase, long filesDone, long filesTotal, long bytesDone, long bytesTotal,
                           Instant updatedAt) {
}
