package dev.conduit.domain.index;

import dev.conduit.domain.host.RemoteHost;
import io.vavr.control.Option;

/**
 * An indexed root directory. Every entry of the index belongs to one location; conduits' endpoints are directories
 * inside locations, so two conduits that share a folder share its index.
 *
 * @param root       the absolute, canonical path of the root directory on its host
 * @param identity   what the root directory was when it was registered, to notice an unmounted or replaced disk
 * @param fileSystem what the root's file system can hold, once probed
 * @param host       none for a root of this machine; the host of a root on another one, whose index this library
 *                   keeps a copy of (the other host's library keeps the index itself): a local root and a remote one
 *                   with the same path are two locations
 */
public record Location(
        LocationId id, String root, RootIdentity identity, Option<RootFileSystem> fileSystem, Option<RemoteHost> host) {

    public Location {
        if (id == null || root == null || root.isEmpty() || identity == null || fileSystem == null || host == null) {
            throw new IllegalArgumentException(
                    "a location needs an id, a root, an identity, a file system option and a host option");
        }
    }

    /** A location of this machine. */
    public Location(LocationId id, String root, RootIdentity identity, Option<RootFileSystem> fileSystem) {
        this(id, root, identity, fileSystem, Option.none());
    }

    /** A location of this machine not probed yet. */
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
        return new Location(id, root, identity, Option.some(probed), host);
    }

    public boolean isRemote() {
        return host.isDefined();
    }
}
