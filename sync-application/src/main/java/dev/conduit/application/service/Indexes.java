package dev.conduit.application.service;

import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.index.CommonGround;

/** Both endpoints' indexes of a conduit, refreshed. */
record Indexes(Conduit conduit, EndpointIndex source, EndpointIndex target) {

    EndpointIndex of(Side side) {
        return side == Side.SOURCE ? source : target;
    }

    /** What both endpoints' file systems can hold: their metadata is compared within it. */
    CommonGround ground() {
        return CommonGround.of(source.traits(), target.traits());
    }
}
