package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.ibatis.session.SqlSession;

final class MyBatisTrashLedger implements TrashLedger {

    private final Library library;

    @Inject
    MyBatisTrashLedger(Library library) {
        this.library = library;
    }

    @Override
    public Seq<Long> recordPending(Seq<TrashedVersion.New> versions) {
        return library.write(session -> {
            TrashMapper trash = mapper(session);
            return versions.map(version -> {
                        trash.insertPending(TrashRow.of(version));
                        return trash.lastId();
                    })
                    .toList();
        });
    }

    @Override
    public Seq<Option<Long>> recordPendingForAnotherHost(Seq<TrashedVersion.New> versions) {
        return library.write(session -> {
            TrashMapper trash = mapper(session);
            return versions.map(version -> {
                        trash.insertPendingOfNoConduit(TrashRow.of(version));
                        return trash.changes() == 0 ? Option.<Long>none() : Option.some(trash.lastId());
                    })
                    .toList();
        });
    }

    @Override
    public void forgetStored(String storedAt) {
        library.write(session -> {
            mapper(session).deleteStored(storedAt);
            return null;
        });
    }

    @Override
    public void confirm(Seq<Long> ids) {
        library.write(session -> {
            TrashMapper trash = mapper(session);
            ids.forEach(trash::confirm);
            return null;
        });
    }

    @Override
    public Seq<TrashedVersion> pending() {
        return library.read(session -> List.ofAll(mapper(session).pending()).map(TrashRow::toDomain));
    }

    @Override
    public Seq<TrashedVersion> list(Option<ConduitId> conduit) {
        return library.read(session -> List.ofAll(
                        conduit.isEmpty()
                                ? mapper(session).all()
                                : mapper(session).ofConduit(conduit.get().value()))
                .map(TrashRow::toDomain));
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
        return library.read(session ->
                List.ofAll(mapper(session).before(instant.toEpochMilli())).map(TrashRow::toDomain));
    }

    private static TrashMapper mapper(SqlSession session) {
        return session.getMapper(TrashMapper.class);
    }
}
