package dev.conduit.application.port.out;

import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.RootFileSystem;
import dev.conduit.domain.index.RootIdentity;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;

/** The indexed roots of the library. */
public interface LocationRepository {

    /**
     * The location whose root is {@code path} or, failing that, the nearest location above it: a folder inside an
     * indexed root is part of that root's index, not a location of its own.
     */
    Option<Location> findEnclosing(String path);

    Option<Location> findById(LocationId id);

    /** Registers a new location for {@code root}; the root must not be registered yet. */
    Location register(String root, RootIdentity identity, Instant registeredAt);

    /** Records what the location's root's file system can hold, as probed on its device. */
    void recordFileSystem(LocationId id, RootFileSystem fileSystem);

    /** Remembers when a full scan of the location last completed. */
    void recordScan(LocationId id, Instant completedAt);

    Seq<Location> all();
}
