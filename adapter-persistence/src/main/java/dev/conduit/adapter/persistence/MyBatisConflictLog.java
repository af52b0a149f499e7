package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.ConflictLog;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.conflict.ConflictRecord;
import dev.conduit.domain.reconcile.BidirectionalResolver;
import dev.conduit.domain.reconcile.Keep;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

final class MyBatisConflictLog implements ConflictLog {

    private final Library library;

    @Inject
    MyBatisConflictLog(Library library) {
        this.library = library;
    }

    @Override
    public Seq<ConflictRecord> pending(ConduitId conduit) {
        return library.read(
                session -> List.ofAll(mapper(session).pending(conduit.value())).map(ConflictRow::toDomain));
    }

    @Override
    public void record(ConduitId conduit, long generation, Instant at, Seq<Conflict> found) {
        long millis = at.toEpochMilli();
        library.write(session -> {
            ConflictMapper conflicts = mapper(session);
            Map<String, ConflictRow> pending = new HashMap<>();
            for (ConflictRow row : conflicts.pending(conduit.value())) {
                pending.put(row.path(), row);
            }
            for (Conflict conflict : found) {
                String path = conflict.path().value();
                String type = conflict.type().label();
                String source = BidirectionalResolver.fingerprint(conflict.source());
                String target = BidirectionalResolver.fingerprint(conflict.target());
                ConflictRow open = pending.remove(path);
                if (conflict.isPending()) {
                    if (open == null) {
                        conflicts.insert(
                                conduit.value(), path, type, source, target, "pending", null, generation, millis);
                    } else if (!open.sourceVersion().equals(source)
                            || !open.targetVersion().equals(target)
                            || !open.type().equals(type)) {
                        conflicts.changed(open.id(), type, source, target);
                    }
                } else if (open != null) {
                    conflicts.settle(open.id(), conflict.settlement().label(), generation, millis);
                } else {
                    conflicts.insert(
                            conduit.value(),
                            path,
                            type,
                            source,
                            target,
                            "settled",
                            conflict.settlement().label(),
                            generation,
                            millis);
                }
            }
            for (ConflictRow gone : pending.values()) {
                conflicts.settle(
                        gone.id(), "no longer in conflict: the two sides were made to agree", generation, millis);
            }
            return null;
        });
    }

    @Override
    public Seq<ConflictRecord> list(Option<ConduitId> conduit, boolean settledToo, int limit) {
        return library.read(session -> List.ofAll(
                        mapper(session).list(conduit.map(ConduitId::value).getOrNull(), settledToo, limit))
                .map(ConflictRow::toDomain));
    }

    @Override
    public Option<ConflictRecord> find(long id) {
        return library.read(session -> Option.of(mapper(session).find(id)).map(ConflictRow::toDomain));
    }

    @Override
    public void answer(long id, Keep keep) {
        library.write(session -> mapper(session).answer(id, keep.label()));
    }

    @Override
    public long countPending(ConduitId conduit) {
        return library.read(session -> mapper(session).countPending(conduit.value()));
    }

    private static ConflictMapper mapper(SqlSession session) {
        return session.getMapper(ConflictMapper.class);
    }
}
