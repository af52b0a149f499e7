package dev.conduit.domain.sync;

import dev.conduit.domain.conduit.ConduitId;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * One job of a sync as the library keeps it: a copy or delete job in one direction, its state, and what its items
 * came to. Items are recorded as they finish, a batch at a time.
 *
 * @param state {@code running} while it runs (and for one whose process was killed, until the next sync marks it
 *              {@code failed}), then {@code completed}, {@code failed} (some items failed, or it was cut short),
 *              or {@code paused} (stopped at a safe point)
 */
public record JobRecord(long id, ConduitId conduit, long generation, String kind, Direction direction, State state,
                        long itemsDone, long itemsFailed, long bytes, Instant createdAt, Option<Instant> endedAt) {

    /** The states of a job. */
    public enum State {
        QUEUED, RUNNING, PAUSED, COMPLETED, FAILED, CANCELLED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One finished item: what was done where, how many bytes it wrote, and why it failed if it did. */
    public record Item(String op, String path, long bytes, Option<String> failure) {
    }
}
