package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import jakarta.inject.Inject;
import org.apache.ibatis.session.SqlSession;

import java.time.Instant;

final class MyBatisTrashLedger implements TrashLedger {

    private final Library library;

    @Inject
    MyBatisTrashLedger(Library library) {
        this.library = library;
    }

    @Override
    public void record(Seq<TrashedVersion.New> versions) {
        library.write(session -> {
            TrashMapper trash = mapper(session);
            versions.forEach(version -> trash.insert(TrashRow.of(version)));
            return null;
        });
    }

    @Override
    public Seq<TrashedVersion> list(Option<ConduitId> conduit) {
        return library.read(session -> List.ofAll(conduit.isEmpty() ? mapper(session).all()
            : mapper(session).ofConduit(conduit.get().value())).map(TrashRow::toDomain));
    }

    @Override
    public Option<TrashedVersion> find(long id) {
        return library.read(session -> Option.of(mapper(session).find(id)).map(TrashRow::toDomain));
    }

    @Override
    public void forget(long id) {
        library.write(session -> {
            mapper(session).delete(id);
            return null;
        });
    }

    @Override
    public Seq<TrashedVersion> trashedBefore(Instant instant) {
        return library.read(session -> List.ofAll(mapper(session).before(instant.toEpochMilli()))
            .map(TrashRow::toDomain));
    }

    private static TrashMapper mapper(SqlSession session) {
        return session.getMapper(TrashMapper.class);
    }
}
