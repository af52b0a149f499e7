package dev.conduit.application.port.out;

import dev.conduit.domain.conduit.Endpoint;

/** Finds the {@link SyncEndpoint} that serves a conduit's endpoint: a local folder today, a remote one later. */
public interface Endpoints {

    SyncEndpoint at(Endpoint endpoint);
}
