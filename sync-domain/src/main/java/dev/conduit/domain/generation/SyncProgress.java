package dev.conduit.domain.generation;

import io.vavr.control.Option;
import java.time.Instant;

/**
 * How far a running sync has got: what a progress bar, a {@code --json} progress event and {@code status} in another
 * process all show.
 *
 * @param phase          what it is doing: {@code indexing}, {@code copying}, {@code deleting}, {@code verifying}
 * @param filesDone      files (and links) copied or renamed so far, of {@code filesTotal} in the plan; while indexing,
 *                       the entries examined so far (the totals are not known yet: zero)
 * @param bytesDone      content bytes written so far, including those of files written but not yet in place
 * @param bytesPerSecond the current speed: bytes written over the last few seconds
 * @param current        the path at hand (relative to its root; while indexing, the folder being scanned, absolute),
 *                       empty before the first
 */
public record SyncProgress(
        String phase,
        long filesDone,
        long filesTotal,
        long bytesDone,
        long bytesTotal,
        long bytesPerSecond,
        String current,
        Instant updatedAt) {

    public SyncProgress {
        if (phase == null
                || current == null
                || updatedAt == null
                || filesDone < 0
                || bytesDone < 0
                || bytesPerSecond < 0) {
            throw new IllegalArgumentException("progress needs a phase, a current path and non-negative counts");
        }
    }

    /** Seconds until every byte of the plan is written at the current speed; none while there is no speed to go by. */
    public Option<Long> etaSeconds() {
        if (bytesPerSecond <= 0 || bytesTotal <= 0) {
            return Option.none();
        }
        long left = Math.max(0, bytesTotal - bytesDone);
        return Option.some((left + bytesPerSecond - 1) / bytesPerSecond);
    }
}
