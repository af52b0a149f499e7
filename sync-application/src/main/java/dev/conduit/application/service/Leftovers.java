package dev.conduit.application.service;

import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.SyncLibrary;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Side;
import java.time.Instant;

/**
 * Before a sync, with the conduit's lock held: what a killed sync left open is closed (its generation, its jobs, its
 * unconfirmed trash records, each settled by the trash of the endpoint it was removed from), and a stop request left
 * from before is dropped, since it is not for this sync.
 */
final class Leftovers {

    private final SyncLibrary library;
    private final Endpoints endpoints;

    Leftovers(SyncLibrary library, Endpoints endpoints) {
        this.library = library;
        this.endpoints = endpoints;
    }

    void close(Conduit conduit, Instant now) {
        library.history().closeInterrupted(conduit.id());
        library.jobs().closeInterrupted(conduit.id(), now);
        new PendingTrash(
                        library.trash(),
                        version -> endpoints
                                .at(version.side() == Side.SOURCE ? conduit.source() : conduit.target())
                                .trash(),
                        library.locks())
                .settleHeld(conduit.id());
        library.conduits().clearStop(conduit.id());
    }
}
