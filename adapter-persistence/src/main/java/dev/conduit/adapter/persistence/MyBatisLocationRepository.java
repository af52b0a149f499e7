package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.RootFileSystem;
import dev.conduit.domain.index.RootIdentity;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.ibatis.session.SqlSession;

final class MyBatisLocationRepository implements LocationRepository {

    private final Library library;

    @Inject
    MyBatisLocationRepository(Library library) {
        this.library = library;
    }

    @Override
    public Option<Location> findEnclosing(String path) {
        return library.read(
                session -> Option.of(mapper(session).findEnclosing(path)).map(LocationRow::toDomain));
    }

    @Override
    public Option<Location> findById(LocationId id) {
        return library.read(
                session -> Option.of(mapper(session).findById(id.value())).map(LocationRow::toDomain));
    }

    @Override
    public Location register(String root, RootIdentity identity, Instant registeredAt) {
        return library.write(session -> {
            var row = new LocationMapper.NewLocation(
                    root, identity.device(), identity.fileKey(), registeredAt.toEpochMilli());
            mapper(session).insert(row); // one write transaction: nobody can come in between
            return mapper(session).findByRoot(root).toDomain();
        });
    }

    @Override
    public void recordFileSystem(LocationId id, RootFileSystem fileSystem) {
        FileSystemTraits traits = fileSystem.traits();
        library.write(session -> {
            mapper(session)
                    .recordFileSystem(
                            id.value(),
                            fileSystem.device(),
                            traits.mtime().key(),
                            traits.permissions(),
                            traits.symlinks(),
                            traits.hardLinks(),
                            traits.caseSensitive(),
                            traits.userXattrs());
            return null;
        });
    }

    @Override
    public void recordScan(LocationId id, Instant completedAt) {
        library.write(session -> {
            mapper(session).recordScan(id.value(), completedAt.toEpochMilli());
            return null;
        });
    }

    @Override
    public Seq<Location> all() {
        return library.read(session -> List.ofAll(mapper(session).findAll()).map(LocationRow::toDomain));
    }

    private static LocationMapper mapper(SqlSession session) {
        return session.getMapper(LocationMapper.class);
    }
}
