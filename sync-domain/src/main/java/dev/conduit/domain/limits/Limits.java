package dev.conduit.domain.limits;

import dev.conduit.domain.index.CommonGround;

/**
 * What the two file systems of a conduit allow a plan: the common ground its comparisons stay within, and the
 * entries the receiving side refuses.
 */
public record Limits(CommonGround ground, Refusals refused) {

    /** Two POSIX file systems: nothing refused, metadata compared as it always was. */
    public static final Limits NONE = new Limits(CommonGround.FULL, Refusals.NONE);

    public Limits {
        if (ground == null || refused == null) {
            throw new IllegalArgumentException("a common ground and refusals are required");
        }
    }
}
