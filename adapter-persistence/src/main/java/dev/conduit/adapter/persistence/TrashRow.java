package dev.conduit.adapter.persistence;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.trash.TrashReason;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Locale;

record TrashRow(
        long id,
        Long conduitId,
        long generation,
        String side,
        String path,
        String originalAt,
        String kind,
        String reason,
        long size,
        long trashedAt,
        String storedAt) {

    static final String COLUMNS = "id, conduit_id AS conduitId, generation, side, path, original_at AS originalAt,"
            + " kind, reason, size, trashed_at AS trashedAt, stored_at AS storedAt";

    static TrashRow of(TrashedVersion.New version) {
        return new TrashRow(
                0,
                version.conduit().value(),
                version.generation(),
                version.side().label(),
                version.path().value(),
                version.originalAt(),
                version.kind().name(),
                version.reason().label(),
                version.size(),
                version.trashedAt().toEpochMilli(),
                version.storedAt());
    }

    TrashedVersion toDomain() {
        return new TrashedVersion(
                id,
                Option.of(conduitId).map(ConduitId::new),
                generation,
                Side.valueOf(side.toUpperCase(Locale.ROOT)),
                RelativePath.parse(path)
                        .getOrElseThrow(problem ->
                                new IllegalStateException("trash item " + id + " has an invalid path: " + problem)),
                originalAt,
                EntryKind.valueOf(kind),
                TrashReason.fromLabel(reason),
                size,
                Instant.ofEpochMilli(trashedAt),
                storedAt);
    }
}
