package dev.conduit.domain.index;

/**
 * An indexed root directory. Every entry of the index belongs to one location; conduits' endpoints are directories
 * inside locations, so two conduits that share a folder share its index.
 *
 * @param root     the absolute, canonical path of the root directory
 * @param identity what the root directory was when it was registered, to notice an unmounted or replaced disk
 */
public record Location(LocationId id, String root, RootIdentity identity) {

    public Location {
        if (id == null || root == null || root.isEmpty() || identity == null) {
            throw new IllegalArgumentException("a location needs an id, a root and an identity");
        }
    }
}
