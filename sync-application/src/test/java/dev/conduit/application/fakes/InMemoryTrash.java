package dev.conduit.application.fakes;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.TrashBins;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/** The trash's ledger and its files in memory: {@link #files} are the paths a version is stored at. */
public final class InMemoryTrash implements TrashLedger, TrashBins {

    /** What is in the trash folders, by stored path. */
    public final Set<String> files = new HashSet<>();
    /** Stored paths whose folder is not there (a disk that is not mounted). */
    public final Set<String> away = new HashSet<>();

    private final TreeMap<Long, TrashedVersion> records = new TreeMap<>();
    private final Set<Long> pending = new HashSet<>();
    private long nextId = 1;

    @Override
    public synchronized Seq<Long> recordPending(Seq<TrashedVersion.New> versions) {
        return versions.map(version -> {
                    long id = nextId++;
                    records.put(
                            id,
                            new TrashedVersion(
                                    id,
                                    Option.some(version.conduit()),
                                    version.generation(),
                                    version.side(),
                                    version.path(),
                                    version.originalAt(),
                                    version.kind(),
                                    version.reason(),
                                    version.size(),
                                    version.trashedAt(),
                                    version.storedAt()));
                    pending.add(id);
                    return id;
                })
                .toList();
    }

    @Override
    public synchronized Seq<Option<Long>> recordPendingForAnotherHost(Seq<TrashedVersion.New> versions) {
        return versions.map(version -> {
                    if (List.ofAll(records.values())
                            .exists(held -> held.storedAt().equals(version.storedAt()))) {
                        return Option.<Long>none();
                    }
                    long id = nextId++;
                    records.put(
                            id,
                            new TrashedVersion(
                                    id,
                                    Option.none(),
                                    version.generation(),
                                    version.side(),
                                    version.path(),
                                    version.originalAt(),
                                    version.kind(),
                                    version.reason(),
                                    version.size(),
                                    version.trashedAt(),
                                    version.storedAt()));
                    pending.add(id);
                    return Option.some(id);
                })
                .toList();
    }

    @Override
    public synchronized void forgetStored(String storedAt) {
        List.ofAll(records.values())
                .filter(held -> held.storedAt().equals(storedAt))
                .forEach(held -> forget(held.id()));
    }

    @Override
    public synchronized void confirm(Seq<Long> ids) {
        ids.forEach(pending::remove);
    }

    @Override
    public synchronized Seq<TrashedVersion> pending() {
        return List.ofAll(records.values()).filter(version -> pending.contains(version.id()));
    }

    @Override
    public synchronized Seq<TrashedVersion> list(Option<ConduitId> conduit) {
        return List.ofAll(records.descendingMap().values())
                .filter(version -> !pending.contains(version.id()))
                .filter(version -> conduit.isEmpty() || version.conduit().equals(conduit));
    }

    @Override
    public synchronized Option<TrashedVersion> find(long id) {
        return Option.of(records.get(id)).filter(version -> !pending.contains(id));
    }

    @Override
    public synchronized void forget(long id) {
        records.remove(id);
        pending.remove(id);
    }

    @Override
    public synchronized Seq<TrashedVersion> trashedBefore(Instant instant) {
        return List.ofAll(records.values())
                .filter(version -> !pending.contains(version.id()))
                .filter(version -> version.trashedAt().isBefore(instant));
    }

    /** What removing a conduit does to its records: they stay, without it. */
    public synchronized void conduitRemoved(ConduitId conduit) {
        records.replaceAll((id, version) -> version.conduit().contains(conduit)
                ? new TrashedVersion(
                        id,
                        Option.none(),
                        version.generation(),
                        version.side(),
                        version.path(),
                        version.originalAt(),
                        version.kind(),
                        version.reason(),
                        version.size(),
                        version.trashedAt(),
                        version.storedAt())
                : version);
    }

    @Override
    public synchronized Presence presence(String storedAt) {
        return files.contains(storedAt) ? Presence.THERE : away.contains(storedAt) ? Presence.UNKNOWN : Presence.ABSENT;
    }

    @Override
    public Either<EntryFailure, Void> restore(
            String storedAt, String originalAt, dev.conduit.domain.path.RelativePath path) {
        return Either.left(EntryFailure.refused("not in this fake"));
    }

    @Override
    public synchronized Either<EntryFailure, Void> purge(String storedAt) {
        files.remove(storedAt);
        return Either.right(null);
    }
}
