package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.Endpoint;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.ibatis.session.SqlSession;

final class MyBatisConduitRepository implements ConduitRepository {

    private final Library library;

    @Inject
    MyBatisConduitRepository(Library library) {
        this.library = library;
    }

    @Override
    public Option<Conduit> add(
            ConduitName name, Endpoint source, Endpoint target, ConduitSettings settings, Instant createdAt) {
        return library.write(session -> {
            ConduitMapper conduits = mapper(session);
            Conduit unsaved =
                    new Conduit(new ConduitId(Long.MAX_VALUE), name, source, target, settings, true, Option.none());
            if (conduits.insert(ConduitRow.of(unsaved), createdAt.toEpochMilli()) == 0) {
                return Option.none(); // another process took the name or the pair meanwhile
            }
            return Option.some(
                    new Conduit(new ConduitId(conduits.lastId()), name, source, target, settings, true, Option.none()));
        });
    }

    @Override
    public void update(Conduit conduit) {
        library.write(session -> {
            mapper(session).update(ConduitRow.of(conduit));
            return null;
        });
    }

    @Override
    public void remove(ConduitId id) {
        library.write(session -> {
            mapper(session).delete(id.value());
            return null;
        });
    }

    @Override
    public Option<Conduit> findById(ConduitId id) {
        return library.read(
                session -> Option.of(mapper(session).findById(id.value())).map(ConduitRow::toDomain));
    }

    @Override
    public Option<Conduit> findByName(ConduitName name) {
        return library.read(
                session -> Option.of(mapper(session).findByName(name.value())).map(ConduitRow::toDomain));
    }

    @Override
    public Seq<Conduit> all() {
        return library.read(session -> List.ofAll(mapper(session).findAll()).map(ConduitRow::toDomain));
    }

    private static ConduitMapper mapper(SqlSession session) {
        return session.getMapper(ConduitMapper.class);
    }

    @Override
    public void requestStop(ConduitId id, Instant at) {
        library.write(session -> {
            session.getMapper(ConduitMapper.class).stopRequest(id.value(), at.toEpochMilli());
            return null;
        });
    }

    @Override
    public boolean stopRequested(ConduitId id) {
        return library.read(session ->
                Boolean.TRUE.equals(session.getMapper(ConduitMapper.class).stopRequested(id.value())));
    }

    @Override
    public void clearStop(ConduitId id) {
        library.write(session -> {
            session.getMapper(ConduitMapper.class).stopRequest(id.value(), null);
            return null;
        });
    }
}
