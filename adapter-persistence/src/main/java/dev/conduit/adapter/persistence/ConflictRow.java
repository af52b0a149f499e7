package dev.conduit.adapter.persistence;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conflict.ConflictRecord;
import dev.conduit.domain.conflict.ConflictType;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.reconcile.Keep;
import io.vavr.control.Option;
import java.time.Instant;

record ConflictRow(
        long id,
        long conduitId,
        String path,
        String type,
        String sourceVersion,
        String targetVersion,
        String state,
        String settlement,
        String answer,
        long detectedGeneration,
        long detectedAt,
        Long settledAt) {

    static final String COLUMNS = "id, conduit_id AS conduitId, path, type, source_version AS sourceVersion,"
            + " target_version AS targetVersion, state, settlement, answer, detected_generation AS detectedGeneration,"
            + " detected_at AS detectedAt, settled_at AS settledAt";

    ConflictRecord toDomain() {
        return new ConflictRecord(
                id,
                new ConduitId(conduitId),
                RelativePath.parse(path)
                        .getOrElseThrow(problem ->
                                new IllegalStateException("conflict " + id + " has an invalid path: " + problem)),
                ConflictType.parse(type).getOrElseThrow(problem -> new IllegalStateException(problem.message())),
                "pending".equals(state),
                sourceVersion,
                targetVersion,
                Option.of(settlement),
                Option.of(answer)
                        .map(raw -> Keep.parse(raw)
                                .getOrElseThrow(problem -> new IllegalStateException(problem.message()))),
                detectedGeneration,
                Instant.ofEpochMilli(detectedAt),
                Option.of(settledAt).map(Instant::ofEpochMilli));
    }
}
