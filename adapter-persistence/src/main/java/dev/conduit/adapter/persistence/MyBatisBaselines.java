package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.Seq;
import jakarta.inject.Inject;

final class MyBatisBaselines implements Baselines {

    private final Library library;

    @Inject
    MyBatisBaselines(Library library) {
        this.library = library;
    }

    @Override
    public IndexStore.EntryCursor ascending(ConduitId conduit) {
        return library.stream(BaselineMapper.BY_DIRECTORY, conduit.value());
    }

    @Override
    public IndexStore.EntryCursor descending(ConduitId conduit) {
        return library.stream(BaselineMapper.BY_DIRECTORY_DESCENDING, conduit.value());
    }

    /**
     * Every path looked up by its key (conduit, parent, name) with one prepared statement on one connection. Not
     * by {@code path = ?}: SQLite then read the conduit's whole baseline for each path (issue 13).
     */
    @Override
    public Seq<IndexEntry> entries(ConduitId conduit, Seq<RelativePath> paths) {
        return library.entriesAt(ENTRY_AT, conduit.value(), paths, (statement, path) -> {
            statement.setString(2, path.parent().value());
            statement.setString(3, path.name());
        });
    }

    static final String ENTRY_AT =
            "SELECT " + EntryMapper.COLUMNS + " FROM baseline_entry WHERE conduit_id = ? AND parent = ? AND name = ?";

    @Override
    public IndexStore.EntryCursor below(ConduitId conduit, RelativePath under) {
        return under.isRoot()
                ? ascending(conduit)
                : library.stream(
                        BaselineMapper.BY_DIRECTORY_UNDER,
                        conduit.value(),
                        under.value(),
                        under.value(),
                        under.value(),
                        under.value());
    }

    @Override
    public void forget(ConduitId conduit) {
        library.write(session -> session.getMapper(BaselineMapper.class).forget(conduit.value()));
    }

    @Override
    public IndexStore.EntryCursor inFolders(ConduitId conduit, Seq<RelativePath> folders, boolean ascending) {
        return library.streamFolders(
                "baseline_entry",
                "conduit_id",
                conduit.value(),
                folders.map(RelativePath::value).toJavaList(),
                ascending);
    }
}
