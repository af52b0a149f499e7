package dev.conduit.application.port.out;

import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.host.RemoteHost;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.RootFileSystem;
import dev.conduit.domain.index.RootIdentity;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * The indexed roots of the library: roots of this machine, and the copies this library keeps of the indexes of roots
 * on other hosts (ADR 0039). A root's path and its host make a location: {@code /srv} here and {@code nas:/srv} are
 * two.
 */
public interface LocationRepository {

    /**
     * The location of this machine whose root is {@code path} or, failing that, the nearest location above it: a folder
     * inside an indexed root is part of that root's index, not a location of its own.
     */
    Option<Location> findEnclosing(String path);

    /** The copy of the index of exactly this root on another host, if this library keeps one. */
    Option<Location> findRemote(RemoteHost host, String root);

    /** The location that holds an endpoint's index: the enclosing local one, or the copy of a remote root's. */
    default Option<Location> findEnclosing(Endpoint endpoint) {
        return endpoint.host().isEmpty()
                ? findEnclosing(endpoint.root())
                : findRemote(endpoint.host().get(), endpoint.root());
    }

    Option<Location> findById(LocationId id);

    /** Registers a new location for {@code root} of this machine; the root must not be registered yet. */
    default Location register(String root, RootIdentity identity, Instant registeredAt) {
        return register(Option.none(), root, identity, registeredAt);
    }

    /** Registers a new location for {@code root} on {@code host} (none: this machine), unless it is registered. */
    Location register(Option<RemoteHost> host, String root, RootIdentity identity, Instant registeredAt);

    /** Where the last exchange with the peer left a copy of its index; none before the first (ADR 0039). */
    Option<PeerIndex.PeerPosition> peerPosition(LocationId id);

    /** Remembers an exchange applied to the copy: where it left it, and which directory the peer's root was. */
    void recordExchange(LocationId id, PeerIndex.PeerPosition position, RootIdentity identity);

    /** Forgets where the copy was: the next exchange sends the whole index. */
    void forgetExchange(LocationId id);

    /** Records what the location's root's file system can hold, as probed on its device. */
    void recordFileSystem(LocationId id, RootFileSystem fileSystem);

    /** Remembers when a full scan of the location last completed. */
    void recordScan(LocationId id, Instant completedAt);

    Seq<Location> all();
}
