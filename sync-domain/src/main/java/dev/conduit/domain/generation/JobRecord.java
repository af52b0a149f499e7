package dev.conduit.domain.generation;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.plan.Direction;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * One job of a sync as the library keeps it: a copy or delete job in one direction, its state, and what its items
 * came to. Items are recorded as they finish, a batch at a time.
 *
 * @param state   {@code queued} from the plan until its turn, {@code running} while it runs (and for one whose
 *                process was killed, until the next sync marks it {@code failed}), then {@code completed},
 *                {@code failed} (some items failed, or it was cut short), {@code paused} (stopped at a safe point),
 *                or {@code cancelled} (its sync stopped before its turn: the next sync plans its work again)
 * @param resumes the job of an earlier, interrupted or paused sync whose unfinished work this one carries on (the
 *                items that one finished are not done again)
 */
public record JobRecord(
        long id,
        ConduitId conduit,
        long generation,
        String kind,
        Direction direction,
        State state,
        long itemsDone,
        long itemsFailed,
        long bytes,
        Instant createdAt,
        Option<Instant> startedAt,
        Option<Instant> endedAt,
        Option<Long> resumes) {

    /**
     * This job as it stands once its process is known to be gone: a running one failed, a queued one is cancelled (as
     * the next sync records them).
     */
    public JobRecord orphaned() {
        State now = state == State.RUNNING ? State.FAILED : state == State.QUEUED ? State.CANCELLED : state;
        return now == state
                ? this
                : new JobRecord(
                        id,
                        conduit,
                        generation,
                        kind,
                        direction,
                        now,
                        itemsDone,
                        itemsFailed,
                        bytes,
                        createdAt,
                        startedAt,
                        endedAt,
                        resumes);
    }

    /** Whether the job did all it set out to do. */
    public boolean finished() {
        return state == State.COMPLETED;
    }

    /** The states of a job. */
    public enum State {
        QUEUED,
        RUNNING,
        PAUSED,
        COMPLETED,
        FAILED,
        CANCELLED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One finished item: what was done where, how many bytes it wrote, and why it failed if it did. */
    public record Item(String op, String path, long bytes, Option<String> failure) {}
}
