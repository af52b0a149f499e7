package dev.conduit.application.fakes;

import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.RootFileSystem;
import dev.conduit.domain.index.RootIdentity;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;

public final class InMemoryLocations implements LocationRepository {

    private final java.util.List<Location> locations = new ArrayList<>();

    @Override
    public Option<Location> findEnclosing(String path) {
        return List.ofAll(locations)
                .filter(l -> l.root().equals(path) || path.startsWith(l.root() + "/"))
                .maxBy(l -> l.root().length());
    }

    @Override
    public Option<Location> findById(LocationId id) {
        return List.ofAll(locations).find(l -> l.id().equals(id));
    }

    @Override
    public Location register(String root, RootIdentity identity, Instant registeredAt) {
        Location location = new Location(new LocationId(locations.size() + 1), root, identity);
        locations.add(location);
        return location;
    }

    @Override
    public void recordFileSystem(LocationId id, RootFileSystem fileSystem) {
        locations.replaceAll(location -> location.id().equals(id) ? location.withFileSystem(fileSystem) : location);
    }

    @Override
    public void recordScan(LocationId id, Instant completedAt) {}

    @Override
    public Seq<Location> all() {
        return List.ofAll(locations);
    }
}
