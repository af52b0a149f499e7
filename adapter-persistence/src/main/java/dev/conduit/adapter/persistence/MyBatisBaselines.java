package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
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

    @Override
    public Seq<IndexEntry> children(ConduitId conduit, RelativePath directory) {
        return library.read(session -> List.ofAll(session.getMapper(BaselineMapper.class)
            .children(conduit.value(), directory.value())).map(EntryRow::toDomain));
    }
}
