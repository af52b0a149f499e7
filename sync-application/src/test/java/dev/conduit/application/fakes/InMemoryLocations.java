package dev.conduit.application.fakes;

import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.domain.host.RemoteHost;
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
    private final java.util.Map<LocationId, PeerIndex.PeerPosition> exchanges = new java.util.HashMap<>();

    @Override
    public Option<Location> findEnclosing(String path) {
        return List.ofAll(locations)
                .filter(l -> !l.isRemote())
                .filter(l -> l.root().equals(path) || path.startsWith(l.root() + "/"))
                .maxBy(l -> l.root().length());
    }

    @Override
    public Option<Location> findById(LocationId id) {
        return List.ofAll(locations).find(l -> l.id().equals(id));
    }

    @Override
    public Option<Location> findRemote(RemoteHost host, String root) {
        return List.ofAll(locations)
                .find(l -> l.host().equals(Option.some(host)) && l.root().equals(root));
    }

    @Override
    public Location register(Option<RemoteHost> host, String root, RootIdentity identity, Instant registeredAt) {
        Location location = new Location(new LocationId(locations.size() + 1), root, identity, Option.none(), host);
        locations.add(location);
        return location;
    }

    @Override
    public Option<PeerIndex.PeerPosition> peerPosition(LocationId id) {
        return Option.of(exchanges.get(id));
    }

    @Override
    public void recordExchange(LocationId id, PeerIndex.PeerPosition position, RootIdentity identity) {
        exchanges.put(id, position);
    }

    @Override
    public void forgetExchange(LocationId id) {
        exchanges.remove(id);
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
