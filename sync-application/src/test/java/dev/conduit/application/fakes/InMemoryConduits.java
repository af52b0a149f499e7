package dev.conduit.application.fakes;

import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.Endpoint;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The conduits of a library in memory, with the stop requests and every update written, in order. */
public final class InMemoryConduits implements ConduitRepository {

    private final Map<ConduitId, Conduit> conduits = new LinkedHashMap<>();
    private final java.util.Set<ConduitId> stops = new java.util.HashSet<>();

    /** Every conduit written by {@link #update}, in order. */
    public final java.util.List<Conduit> updates = new java.util.ArrayList<>();

    public InMemoryConduits with(Conduit conduit) {
        conduits.put(conduit.id(), conduit);
        return this;
    }

    @Override
    public Option<Conduit> add(
            ConduitName name, Endpoint source, Endpoint target, ConduitSettings settings, Instant createdAt) {
        throw new UnsupportedOperationException("a sync creates no conduit");
    }

    @Override
    public synchronized void update(Conduit conduit) {
        updates.add(conduit);
        conduits.put(conduit.id(), conduit);
    }

    @Override
    public synchronized void remove(ConduitId id) {
        conduits.remove(id);
    }

    @Override
    public synchronized Option<Conduit> findById(ConduitId id) {
        return Option.of(conduits.get(id));
    }

    @Override
    public synchronized Option<Conduit> findByName(ConduitName name) {
        return List.ofAll(conduits.values()).find(conduit -> conduit.name().equals(name));
    }

    @Override
    public synchronized Seq<Conduit> all() {
        return List.ofAll(conduits.values());
    }

    @Override
    public synchronized void requestStop(ConduitId id, Instant at) {
        stops.add(id);
    }

    @Override
    public synchronized boolean stopRequested(ConduitId id) {
        return stops.contains(id);
    }

    @Override
    public synchronized void clearStop(ConduitId id) {
        stops.remove(id);
    }
}
