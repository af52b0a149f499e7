package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.GenerationCounts;
import dev.conduit.domain.generation.SyncProgress;
import dev.conduit.domain.generation.Verification;
import dev.conduit.domain.plan.SyncTotals;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.ibatis.session.SqlSession;

final class MyBatisSyncHistory implements SyncHistory {

    private final Library library;

    @Inject
    MyBatisSyncHistory(Library library) {
        this.library = library;
    }

    @Override
    public Generation begin(ConduitId conduit, Instant startedAt) {
        return library.write(session -> {
            HistoryMapper history = mapper(session);
            long number = history.nextNumber(conduit.value());
            Option<Long> resumed = Option.of(history.lastStopped(conduit.value()));
            history.begin(conduit.value(), number, startedAt.toEpochMilli(), resumed.getOrNull());
            return new Generation(
                    conduit, number, startedAt, Option.none(), GenerationCounts.ZERO, Verification.PENDING, resumed);
        });
    }

    @Override
    public int closeInterrupted(ConduitId conduit) {
        return library.write(session -> mapper(session).closeInterrupted(conduit.value()));
    }

    @Override
    public void progress(ConduitId conduit, long generation, SyncProgress progress) {
        library.write(session -> {
            mapper(session)
                    .progress(
                            conduit.value(),
                            generation,
                            new HistoryMapper.ProgressRow(
                                    progress.phase(),
                                    progress.filesDone(),
                                    progress.filesTotal(),
                                    progress.bytesDone(),
                                    progress.bytesTotal(),
                                    progress.bytesPerSecond(),
                                    progress.current(),
                                    progress.updatedAt().toEpochMilli()),
                            progress.updatedAt().toEpochMilli());
            return null;
        });
    }

    @Override
    public void finish(
            ConduitId conduit,
            long generation,
            Instant completedAt,
            GenerationCounts counts,
            Verification verification,
            Option<String> error,
            java.util.Iterator<Baselines.Change> baseline) {
        library.write(session -> {
            try (BulkStatement<Baselines.Change> upsert =
                            BulkStatement.prepare(session, BaselineMapper.UPSERT, (statement, change) -> {
                                bindPath(statement, conduit, change);
                                EntryRow.of(change.entry().get()).withoutInode().bind(statement, 4);
                                statement.setLong(4 + EntryRow.BOUND_COLUMNS, generation);
                            });
                    BulkStatement<Baselines.Change> delete = BulkStatement.prepare(
                            session,
                            BaselineMapper.DELETE,
                            (statement, change) -> bindPath(statement, conduit, change))) {
                while (baseline.hasNext()) {
                    Baselines.Change change = baseline.next();
                    (change.entry().isDefined() ? upsert : delete).run(change);
                }
            }
            HistoryMapper history = mapper(session);
            history.finish(conduit.value(), generation, completedAt.toEpochMilli(), counts, verification.label());
            history.addToTotals(conduit.value(), completedAt.toEpochMilli(), counts, error.getOrNull());
            return null;
        });
    }

    /** The baseline entry's key: conduit, parent, name. */
    private static void bindPath(java.sql.PreparedStatement statement, ConduitId conduit, Baselines.Change change)
            throws java.sql.SQLException {
        statement.setLong(1, conduit.value());
        statement.setString(2, change.path().parent().value());
        statement.setString(3, change.path().name());
    }

    @Override
    public Seq<Generation> generations(ConduitId conduit, int limit) {
        return library.read(session ->
                List.ofAll(mapper(session).generations(conduit.value(), limit)).map(GenerationRow::toDomain));
    }

    @Override
    public Option<SyncProgress> progressOf(ConduitId conduit, long generation) {
        return library.read(session -> Option.of(mapper(session).progressOf(conduit.value(), generation))
                .map(row -> new SyncProgress(
                        row.phase(),
                        row.filesDone(),
                        row.filesTotal(),
                        row.bytesDone(),
                        row.bytesTotal(),
                        row.bytesPerSecond(),
                        row.current(),
                        Instant.ofEpochMilli(row.progressAt()))));
    }

    @Override
    public SyncTotals totals(ConduitId conduit) {
        return library.read(session -> Option.of(mapper(session).totals(conduit.value()))
                .map(row -> new SyncTotals(
                        row.syncs(),
                        row.filesSynced(),
                        row.bytesTransferred(),
                        Option.of(row.lastCompletedAt()).map(Instant::ofEpochMilli),
                        Option.of(row.lastError())))
                .getOrElse(SyncTotals.NONE));
    }

    @Override
    public dev.conduit.domain.generation.FinishedSyncs finishedSince(Instant since) {
        return library.read(session -> {
            HistoryMapper.FinishedRow row = mapper(session).finishedSince(since.toEpochMilli());
            return new dev.conduit.domain.generation.FinishedSyncs(
                    row.syncs(),
                    row.verified(),
                    row.filesSynced(),
                    row.bytesTransferred(),
                    row.conflicts(),
                    row.errors(),
                    java.time.Duration.ofMillis(Math.max(0, row.averageMillis())));
        });
    }

    @Override
    public void checkpoint(ConduitId conduit, long generation, SyncHistory.Checkpoint checkpoint) {
        library.write(session -> {
            mapper(session).checkpoint(conduit.value(), generation, checkpoint);
            return null;
        });
    }

    @Override
    public Option<SyncHistory.Last> last(ConduitId conduit) {
        return library.read(session -> Option.of(mapper(session).last(conduit.value()))
                .map(row -> new SyncHistory.Last(row.generation().toDomain(), row.checkpoint())));
    }

    private static HistoryMapper mapper(SqlSession session) {
        return session.getMapper(HistoryMapper.class);
    }
}
