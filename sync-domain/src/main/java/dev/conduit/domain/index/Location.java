package dev.conduit.domain.index;

import io.vavr.control.Option;

/**
 * An indexed root directory. Every entry of the index belongs to one location; conduits' endpoints are directories
 * inside locations, so two conduits that share a folder share its index.
 *
 * @param root       the absolute, canonical path of the root directory
 * @param identity   what the root directory was when it was registered, to notice an unmounted or replaced disk
 * @param fileSystem what the root's file system can hold, once probed
 */
public record Location(LocationId id, String root, RootIdentity identity, Option<RootFileSystem> fileSystem) {

    public Location {
        if (id == null || root == null || root.isEmpty() || identity == null || fileSystem == null) {
            throw new IllegalArgumentException("a location needs an id, a root, an identity and a file system option");
        }
    }

    /** A location not probed yet. */
    public Location(LocationId id, String root, RootIdentity identity) {
        this(id, root, identity, Option.none());
    }

    /** What the root's file system can hold: as probed, else what is assumed of a POSIX one. */
    public FileSystemTraits traits() {
        return fileSystem.map(RootFileSystem::traits).getOrElse(FileSystemTraits.POSIX);
    }

    /** Whether the root must be probed: never was, or was on another device than {@code device} now. */
    public boolean needsProbe(String device) {
        return fileSystem.forAll(probed -> !probed.device().equals(device));
    }

    public Location withFileSystem(RootFileSystem probed) {
        return new Location(id, root, identity, Option.some(probed));
    }
}
