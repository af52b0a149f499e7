package dev.conduit.domain.conflict;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.reconcile.Keep;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * One conflict as the log keeps it.
 *
 * @param sourceVersion what the source held when it was last seen in conflict (a fingerprint)
 * @param settlement    how it was settled, in words; none while pending
 * @param answer        the user's answer to a pending conflict, if given
 */
public record ConflictRecord(
        long id,
        ConduitId conduit,
        RelativePath path,
        ConflictType type,
        boolean pending,
        String sourceVersion,
        String targetVersion,
        Option<String> settlement,
        Option<Keep> answer,
        long detectedGeneration,
        Instant detectedAt,
        Option<Instant> settledAt) {}
