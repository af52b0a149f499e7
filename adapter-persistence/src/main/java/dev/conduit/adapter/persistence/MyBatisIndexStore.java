package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.SqlSession;

final class MyBatisIndexStore implements IndexStore {

    private final Library library;

    @Inject
    MyBatisIndexStore(Library library) {
        this.library = library;
    }

    @Override
    public Option<IndexEntry> entry(LocationId location, RelativePath path) {
        return library.read(session ->
                Option.of(mapper(session).entry(location.value(), path.value())).map(EntryRow::toDomain));
    }

    /**
     * Every path looked up in one read transaction, with plain JDBC and one prepared statement: through the mapper,
     * MyBatis' per-call mapping cost more than the lookup (a slice of a thousand paths, ADR 0031).
     */
    @Override
    public Seq<IndexEntry> entries(LocationId location, Seq<RelativePath> paths) {
        return library.entriesAt(
                ENTRY_AT, location.value(), paths, (statement, path) -> statement.setString(2, path.value()));
    }

    static final String ENTRY_AT = "SELECT " + EntryMapper.COLUMNS + " FROM entry WHERE location_id = ? AND path = ?";

    /**
     * The one hot read of a scan (every row of a location, once per scan) is read with plain JDBC on the session's
     * connection: MyBatis' per-row mapping cost about 4 µs a row cold, a third of a no-change rescan (measured in
     * docs/benchmarks.md). Every other statement goes through the mappers.
     */
    @Override
    public EntryCursor byDirectory(LocationId location, RelativePath under) {
        return under.isRoot()
                ? library.stream(EntryMapper.BY_DIRECTORY, location.value())
                : library.stream(
                        EntryMapper.BY_DIRECTORY_UNDER,
                        location.value(),
                        under.value(),
                        under.value(),
                        under.value(),
                        under.value());
    }

    @Override
    public EntryCursor byDirectoryDescending(LocationId location, RelativePath under) {
        return under.isRoot()
                ? library.stream(EntryMapper.BY_DIRECTORY_DESCENDING, location.value())
                : library.stream(
                        EntryMapper.BY_DIRECTORY_UNDER_DESCENDING,
                        location.value(),
                        under.value(),
                        under.value(),
                        under.value(),
                        under.value());
    }

    @Override
    public Seq<IndexEntry> children(LocationId location, RelativePath directory) {
        return library.read(session -> List.ofAll(mapper(session).children(location.value(), directory.value()))
                .map(EntryRow::toDomain));
    }

    @Override
    public EntryCursor inFolders(LocationId location, Seq<RelativePath> folders, boolean ascending) {
        return library.streamFolders(
                "entry",
                "location_id",
                location.value(),
                folders.map(RelativePath::value).toJavaList(),
                ascending);
    }

    @Override
    public long countFiles(LocationId location, RelativePath under) {
        return library.read(session -> under.isRoot()
                ? mapper(session).countFiles(location.value())
                : mapper(session).countFilesBelow(location.value(), under.value()));
    }

    /**
     * One transaction that also moves the location's journal on (ADR 0030): the rows it upserts carry the new position,
     * and every path it removes (or empties) leaves a tombstone at it.
     */
    @Override
    public long write(LocationId location, IndexBatch batch) {
        return written(location, batch)[0];
    }

    /** The position is taken in the write's own transaction: no other writer can come between (ADR 0051). */
    @Override
    public long writeAt(LocationId location, IndexBatch batch) {
        return written(location, batch)[1];
    }

    /** How many entries the removals took out, and the journal position the batch took (0: none). */
    private long[] written(LocationId location, IndexBatch batch) {
        if (batch.isEmpty()) {
            return new long[] {0, 0};
        }
        return library.write(session -> {
            EntryMapper entries = mapper(session);
            if (!batch.refreshed().isEmpty()) {
                try (BulkStatement<IndexEntry> refresh =
                        BulkStatement.prepare(session, EntryMapper.REFRESH, (statement, entry) -> {
                            statement.setLong(1, entry.indexedAtNanos());
                            statement.setLong(2, location.value());
                            statement.setString(3, entry.path().value());
                        })) {
                    batch.refreshed().forEach(refresh::run);
                }
            }
            if (!batch.changes()) {
                return new long[] {0, 0};
            }
            long at = entries.advanceJournal(location.value());
            long removed = 0;
            for (RelativePath path : batch.removals()) {
                removed += entries.deleteAt(location.value(), path.value())
                        + entries.deleteBelow(location.value(), path.value());
                entries.bury(location.value(), path.value(), at);
            }
            for (RelativePath path : batch.emptied()) {
                removed += entries.deleteBelow(location.value(), path.value());
                entries.bury(location.value(), path.value(), at);
            }
            if (batch.upserts().isEmpty()) {
                return new long[] {removed, at};
            }
            try (BulkStatement<IndexEntry> upsert =
                    BulkStatement.prepare(session, EntryMapper.UPSERT, (statement, entry) -> {
                        statement.setLong(1, location.value());
                        statement.setString(2, entry.path().parent().value());
                        statement.setString(3, entry.path().name());
                        EntryRow.of(entry).bind(statement, 4);
                        statement.setLong(4 + EntryRow.BOUND_COLUMNS, at);
                    })) {
                batch.upserts().forEach(upsert::run);
            }
            return new long[] {removed, at};
        });
    }

    @Override
    public long learnHashes(LocationId location, Seq<IndexEntry> hashed) {
        if (hashed.isEmpty()) {
            return 0;
        }
        return library.write(session -> {
            long at = mapper(session).advanceJournal(location.value());
            long learnt = 0;
            try (BulkStatement<EntryRow> learn =
                    BulkStatement.prepare(session, EntryMapper.LEARN_HASH, (statement, row) -> {
                        statement.setString(1, row.contentHash());
                        statement.setLong(2, at);
                        statement.setLong(3, location.value());
                        statement.setString(4, row.path());
                        statement.setLong(5, row.size());
                        statement.setLong(6, row.mtimeNs());
                    })) {
                for (IndexEntry entry : hashed) {
                    learnt += learn.run(EntryRow.of(entry));
                }
            }
            return learnt;
        });
    }

    @Override
    public long removeWrittenUpTo(LocationId location, long position) {
        return library.write(session -> {
            EntryMapper entries = mapper(session);
            long at = entries.advanceJournal(location.value());
            entries.buryWrittenUpTo(location.value(), position, at);
            return (long) entries.deleteWrittenUpTo(location.value(), position);
        });
    }

    /** The moved rows are written at the new position, and the old place is a tombstone (a removal, seen from it). */
    @Override
    public void moveTree(LocationId location, RelativePath from, RelativePath to) {
        library.write(session -> {
            EntryMapper entries = mapper(session);
            long at = entries.advanceJournal(location.value());
            entries.moveBelow(location.value(), at, from.value(), to.value());
            entries.bury(location.value(), from.value(), at);
            return entries.moveAt(
                    location.value(), at, from.value(), to.value(), to.parent().value(), to.name());
        });
    }

    @Override
    public long journalPosition(LocationId location) {
        return library.read(session ->
                Option.of(mapper(session).journalPosition(location.value())).getOrElse(0L));
    }

    @Override
    public JournalChanges changedSince(LocationId location, long position, int limit) {
        return library.read(session -> {
            EntryMapper entries = mapper(session);
            java.util.List<String> written = entries.writtenAfter(location.value(), position, limit + 1);
            java.util.List<String> removed = entries.removedAfter(location.value(), position, limit + 1);
            if (written.size() + removed.size() > limit) {
                return JournalChanges.TOO_MANY;
            }
            return new JournalChanges(
                    List.ofAll(written).map(MyBatisIndexStore::path),
                    List.ofAll(removed).map(MyBatisIndexStore::path));
        });
    }

    @Override
    public int forgetRemovals(LocationId location, long upTo) {
        return library.write(session -> mapper(session).forgetTombstones(location.value(), upTo));
    }

    private static RelativePath path(String stored) {
        return RelativePath.parse(stored)
                .getOrElseThrow(problem -> new IllegalStateException(
                        "damaged change journal entry '" + stored + "': " + problem.description()));
    }

    @Override
    public void forEach(LocationId location, Consumer<IndexEntry> action) {
        library.read(session -> {
            try (Cursor<EntryRow> rows = mapper(session).all(location.value())) {
                rows.forEach(row -> action.accept(row.toDomain()));
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
            return null;
        });
    }

    @Override
    public long count(LocationId location) {
        return library.read(session -> mapper(session).count(location.value()));
    }

    private static EntryMapper mapper(SqlSession session) {
        return session.getMapper(EntryMapper.class);
    }
}
