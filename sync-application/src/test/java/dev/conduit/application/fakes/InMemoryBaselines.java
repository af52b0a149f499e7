package dev.conduit.application.fakes;

import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.Seq;

/** A conduit's baseline kept in an in-memory index store, as one more location of it. */
public final class InMemoryBaselines implements Baselines {

    private final InMemoryIndexStore store;
    private final LocationId location;

    public InMemoryBaselines(InMemoryIndexStore store, LocationId location) {
        this.store = store;
        this.location = location;
    }

    @Override
    public IndexStore.EntryCursor ascending(ConduitId conduit) {
        return store.byDirectory(location, RelativePath.ROOT);
    }

    @Override
    public IndexStore.EntryCursor descending(ConduitId conduit) {
        return store.byDirectoryDescending(location, RelativePath.ROOT);
    }

    @Override
    public IndexStore.EntryCursor inFolders(ConduitId conduit, Seq<RelativePath> folders, boolean ascending) {
        return store.inFolders(location, folders, ascending);
    }

    @Override
    public IndexStore.EntryCursor below(ConduitId conduit, RelativePath under) {
        return store.byDirectory(location, under);
    }

    @Override
    public void forget(ConduitId conduit) {
        throw new UnsupportedOperationException("a sync forgets no baseline");
    }
}
