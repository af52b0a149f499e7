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
     * The one hot read of a scan (every row of a location, once per scan) is read with plain JDBC on the session's
     * connection: MyBatis' per-row mapping cost about 4 µs a row cold, a third of a no-change rescan (measured in
     * docs/benchmarks.md). Every other statement goes through the mappers.
     */
    @Override
    public EntryCursor byDirectory(LocationId location, RelativePath under) {
        return under.isRoot()
                ? library.stream(EntryMapper.BY_DIRECTORY, location.value())
                : library.stream(
                        EntryMapper.BY_DIRECTORY_UNDER, location.value(), under.value(), under.value(), under.value());
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

    @Override
    public long write(LocationId location, IndexBatch batch) {
        return library.write(session -> {
            EntryMapper entries = mapper(session);
            long removed = 0;
            for (RelativePath path : batch.removals()) {
                removed += entries.deleteAt(location.value(), path.value())
                        + entries.deleteBelow(location.value(), path.value());
            }
            for (RelativePath path : batch.emptied()) {
                removed += entries.deleteBelow(location.value(), path.value());
            }
            if (batch.upserts().isEmpty()) {
                return removed;
            }
            try (BulkStatement<IndexEntry> upsert =
                    BulkStatement.prepare(session, EntryMapper.UPSERT, (statement, entry) -> {
                        statement.setLong(1, location.value());
                        statement.setString(2, entry.path().parent().value());
                        statement.setString(3, entry.path().name());
                        EntryRow.of(entry).bind(statement, 4);
                    })) {
                batch.upserts().forEach(upsert::run);
            }
            return removed;
        });
    }

    @Override
    public void moveTree(LocationId location, RelativePath from, RelativePath to) {
        library.write(session -> {
            EntryMapper entries = mapper(session);
            entries.moveBelow(location.value(), from.value(), to.value());
            return entries.moveAt(
                    location.value(), from.value(), to.value(), to.parent().value(), to.name());
        });
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
