package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.domain.host.RemoteHost;
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
    public Option<Location> findRemote(RemoteHost host, String root) {
        return library.read(session ->
                Option.of(mapper(session).findByHostAndRoot(host.key(), root)).map(LocationRow::toDomain));
    }

    @Override
    public Location register(Option<RemoteHost> host, String root, RootIdentity identity, Instant registeredAt) {
        String key = host.map(RemoteHost::key).getOrElse("");
        return library.write(session -> {
            var row = new LocationMapper.NewLocation(
                    key, root, identity.device(), identity.fileKey(), registeredAt.toEpochMilli());
            mapper(session).insert(row); // one write transaction: nobody can come in between
            return mapper(session).findByHostAndRoot(key, root).toDomain();
        });
    }

    @Override
    public Option<PeerIndex.PeerPosition> peerPosition(LocationId id) {
        return library.read(session -> Option.of(mapper(session).peerPosition(id.value()))
                .map(row -> new PeerIndex.PeerPosition(row.library(), row.position())));
    }

    @Override
    public void recordExchange(LocationId id, PeerIndex.PeerPosition position, RootIdentity identity) {
        library.write(session -> {
            mapper(session)
                    .recordExchange(
                            id.value(), position.library(), position.position(), identity.device(), identity.fileKey());
            return null;
        });
    }

    @Override
    public void forgetExchange(LocationId id) {
        library.write(session -> {
            mapper(session).forgetExchange(id.value());
            return null;
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
