package dev.conduit.adapter.persistence;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.GenerationCounts;
import dev.conduit.domain.generation.Verification;
import io.vavr.control.Option;
import java.time.Instant;

record GenerationRow(
        long conduitId,
        long number,
        long startedAt,
        Long completedAt,
        long filesCopied,
        long filesDeleted,
        long conflicts,
        long bytesTransferred,
        long errors,
        String verification,
        Long resumedFrom) {

    static final String COLUMNS = "conduit_id AS conduitId, number, started_at AS startedAt,"
            + " completed_at AS completedAt, files_copied AS filesCopied, files_deleted AS filesDeleted, conflicts,"
            + " bytes_transferred AS bytesTransferred, errors, verification, resumed_from AS resumedFrom";

    Generation toDomain() {
        return new Generation(
                new ConduitId(conduitId),
                number,
                Instant.ofEpochMilli(startedAt),
                Option.of(completedAt).map(Instant::ofEpochMilli),
                new GenerationCounts(filesCopied, filesDeleted, conflicts, bytesTransferred, errors),
                Verification.parse(verification)
                        .getOrElseThrow(problem -> new IllegalStateException(problem.message())),
                Option.of(resumedFrom));
    }
}
