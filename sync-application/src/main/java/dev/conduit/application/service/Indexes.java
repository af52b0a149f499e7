package dev.conduit.application.service;

import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Side;

/** Both endpoints' indexes of a conduit, refreshed. */
record Indexes(Conduit conduit, EndpointIndex source, EndpointIndex target) {

    EndpointIndex of(Side side) {
        return side == Side.SOURCE ? source : target;
    }
}
