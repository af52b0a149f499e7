package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.conduit.ConduitId;
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
}
