package dev.conduit.application.service;

import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.index.CommonGround;
import io.vavr.control.Option;

/**
 * Both endpoints' indexes of a conduit, refreshed; read whole, or only a {@link Slice} of both (ADR 0031).
 *
 * @param owners whether owners and groups are kept: every side the conduit writes into may give entries away (its
 *               endpoint runs as root, {@link dev.conduit.application.port.out.SyncEndpoint#keepsOwners}; ADR 0040)
 */
record Indexes(Conduit conduit, EndpointIndex source, EndpointIndex target, boolean owners) {

    /** Both indexes, owners not kept. */
    Indexes(Conduit conduit, EndpointIndex source, EndpointIndex target) {
        this(conduit, source, target, false);
    }

    EndpointIndex of(Side side) {
        return side == Side.SOURCE ? source : target;
    }

    /** What both endpoints' file systems can hold, and whether owners are kept: metadata is compared within it. */
    CommonGround ground() {
        return CommonGround.of(source.traits(), target.traits(), owners);
    }

    /** The slice both sides are read within, if they are not read whole. */
    Option<Slice> slice() {
        return source.slice();
    }

    /** Both indexes, read only within the slice. */
    Indexes within(Slice only) {
        return new Indexes(conduit, source.within(only), target.within(only), owners);
    }

    /** Both indexes, read whole. */
    Indexes whole() {
        return new Indexes(conduit, source.whole(), target.whole(), owners);
    }
}
