package dev.conduit.application.fakes;

import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.SyncEndpoint;
import dev.conduit.domain.conduit.Endpoint;
import java.util.Map;
import java.util.TreeMap;

/** The endpoints a test made, by root; asking for any other fails the test. */
public final class InMemoryEndpoints implements Endpoints {

    private final Map<String, InMemoryEndpoint> byRoot = new TreeMap<>();

    public InMemoryEndpoints with(InMemoryEndpoint endpoint) {
        byRoot.put(endpoint.location().root(), endpoint);
        return this;
    }

    @Override
    public SyncEndpoint at(Endpoint endpoint) {
        InMemoryEndpoint found = byRoot.get(endpoint.root());
        if (found == null) {
            throw new AssertionError("no endpoint at " + endpoint.root());
        }
        return found;
    }
}
