package dev.conduit.application.port.out;

import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.Endpoint;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;

/** The conduits of the library, with their running totals. */
public interface ConduitRepository {

    /**
     * Stores a new, enabled conduit and gives it its id; none when its name or its pair of roots is taken (another
     * process may have added one since the caller checked).
     */
    Option<Conduit> add(
            ConduitName name, Endpoint source, Endpoint target, ConduitSettings settings, Instant createdAt);

    /** Replaces the stored name, endpoints, settings, enabled flag and pause of the conduit with this id. */
    void update(Conduit conduit);

    /** Forgets the conduit, its history and its trash records; the files on disk are not touched. */
    void remove(ConduitId id);

    Option<Conduit> findById(ConduitId id);

    Option<Conduit> findByName(ConduitName name);

    /** Every conduit, by id. */
    Seq<Conduit> all();

    /** Asks the conduit's running sync, in whatever process, to stop at its next safe point. */
    void requestStop(ConduitId id, Instant at);

    /** Whether a stop has been asked for since the last {@link #clearStop}. */
    boolean stopRequested(ConduitId id);

    void clearStop(ConduitId id);
}
