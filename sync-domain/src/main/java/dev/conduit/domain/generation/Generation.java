package dev.conduit.domain.generation;

import dev.conduit.domain.conduit.ConduitId;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * One sync of a conduit, numbered from 1: when it ran, what it did, and whether the result was verified.
 *
 * @param resumedFrom the generation it carries on, when that one was killed or paused before its end
 */
public record Generation(
        ConduitId conduit,
        long number,
        Instant startedAt,
        Option<Instant> completedAt,
        GenerationCounts counts,
        Verification verification,
        Option<Long> resumedFrom) {

    public Generation {
        if (conduit == null
                || startedAt == null
                || completedAt == null
                || counts == null
                || verification == null
                || resumedFrom == null) {
            throw new IllegalArgumentException("every part of a generation is required");
        }
        if (number < 1) {
            throw new IllegalArgumentException("generations are numbered from 1");
        }
    }

    /** A generation that carries on none. */
    public Generation(
            ConduitId conduit,
            long number,
            Instant startedAt,
            Option<Instant> completedAt,
            GenerationCounts counts,
            Verification verification) {
        this(conduit, number, startedAt, completedAt, counts, verification, Option.none());
    }

    /** The same generation, finished. */
    /**
     * This generation as it stands once its process is known to be gone: one still pending was interrupted (the next
     * sync records it so, and carries it on).
     */
    public Generation orphaned() {
        return verification.equals(Verification.PENDING)
                ? new Generation(conduit, number, startedAt, completedAt, counts, Verification.INTERRUPTED, resumedFrom)
                : this;
    }

    public Generation finished(Instant at, GenerationCounts done, Verification result) {
        return new Generation(conduit, number, startedAt, Option.some(at), done, result, resumedFrom);
    }
}
