package dev.conduit.application.port.out;

import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.RootIdentity;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

import java.time.Instant;

/** The indexed roots of the library. */
public interface LocationRepository {

    Option<Location> findByRoot(String root);

    Option<Location> findById(LocationId id);

    /** Registers a new location for {@code root}; the root must not be registered yet. */
    Location register(String root, RootIdentity identity, Instant registeredAt);

    /** Remembers when a full scan of the location last completed. */
    void recordScan(LocationId id, Instant completedAt);

    Seq<Location> all();
}
