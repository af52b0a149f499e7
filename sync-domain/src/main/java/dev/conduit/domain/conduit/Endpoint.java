package dev.conduit.domain.conduit;

import dev.conduit.domain.index.RootIdentity;

/**
 * One side of a conduit: a directory, by its absolute canonical path, and which directory it was when the conduit
 * was made (so that an unmounted disk, or another one mounted in its place, is noticed before anything is deleted).
 */
public record Endpoint(String root, RootIdentity identity) {

    public Endpoint {
        if (root == null || !root.startsWith("/") || identity == null) {
            throw new IllegalArgumentException("an endpoint needs an absolute root and its identity: " + root);
        }
    }

    /** Whether {@code other} is this root or a folder below it. */
    public boolean contains(String other) {
        return Roots.isWithin(other, root);
    }
}
