package dev.conduit.application.service;

import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.LocationId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * After a verified generation, each of its locations forgets the removals that no conduit reading it can still ask
 * for (ADR 0031): those at or below the lowest position that any of those conduits' last generations resolved. A
 * conduit reading the location whose last generation recorded no positions (never synced since the journal, killed)
 * keeps them all: its next sync may be running now.
 */
final class TombstonePruning {

    private final ConduitRepository conduits;
    private final LocationRepository locations;
    private final SyncHistory history;
    private final IndexStore store;

    TombstonePruning(ConduitRepository conduits, LocationRepository locations, SyncHistory history, IndexStore store) {
        this.conduits = conduits;
        this.locations = locations;
        this.history = history;
        this.store = store;
    }

    /** Prunes both locations of the conduit's indexes; says how many tombstones went. */
    int prune(Indexes indexes) {
        Seq<Reader> readers = conduits.all().flatMap(this::readers);
        return List.of(indexes.source().location(), indexes.target().location())
                .distinct()
                .map(location -> lowest(readers, location)
                        .map(upTo -> store.forgetRemovals(location, upTo))
                        .getOrElse(0))
                .sum()
                .intValue();
    }

    /** One side of a conduit and the position of it its last generation resolved (none when it recorded none). */
    private record Reader(LocationId location, Option<Long> resolved) {}

    private Seq<Reader> readers(Conduit conduit) {
        Option<SyncHistory.Checkpoint> last = history.last(conduit.id()).flatMap(SyncHistory.Last::checkpoint);
        return List.of(
                        reader(
                                conduit.source(),
                                last.map(checkpoint -> checkpoint.resolved().source())),
                        reader(
                                conduit.target(),
                                last.map(checkpoint -> checkpoint.resolved().target())))
                .flatMap(reader -> reader);
    }

    private Option<Reader> reader(Endpoint endpoint, Option<Long> resolved) {
        return locations.findEnclosing(endpoint).map(Location::id).map(id -> new Reader(id, resolved));
    }

    /** The lowest position the location's readers resolved; none when one of them has none recorded. */
    private static Option<Long> lowest(Seq<Reader> readers, LocationId location) {
        Seq<Reader> here = readers.filter(reader -> reader.location().equals(location));
        if (here.isEmpty() || here.exists(reader -> reader.resolved().isEmpty())) {
            return Option.none();
        }
        return Option.some(here.map(reader -> reader.resolved().get()).min().get());
    }
}
