package dev.conduit.domain.sync;

import dev.conduit.domain.conduit.ConduitId;
import io.vavr.control.Option;

import java.time.Instant;

/** One sync of a conduit, numbered from 1: when it ran, what it did, and whether the result was verified. */
public record Generation(ConduitId conduit, long number, Instant startedAt, Option<Instant> completedAt,
                         GenerationCounts counts, Verification verification) {

    public Generation {
        if (conduit == null || startedAt == null || completedAt == null || counts == null || verification == null) {
            throw new IllegalArgumentException("every part of a generation is required");
        }
        if (number < 1) {
            throw new IllegalArgumentException("generations are numbered from 1");
        }
    }
}
