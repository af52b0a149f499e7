package dev.conduit.adapter.persistence;

import dev.conduit.domain.host.RemoteHost;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.RootFileSystem;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.index.TimeGranularity;
import io.vavr.control.Option;

/** A location as stored; the {@code fs} columns are all NULL until its root was probed. */
record LocationRow(
        long id,
        String host,
        String root,
        String device,
        String rootFileKey,
        String fsDevice,
        String fsMtimeGranularity,
        Integer fsPermissions,
        Integer fsSymlinks,
        Integer fsHardLinks,
        Integer fsCaseSensitive,
        Integer fsUserXattrs) {

    Location toDomain() {
        return new Location(
                new LocationId(id), root, new RootIdentity(device, rootFileKey), fileSystem(), remoteHost());
    }

    /** '' is this machine; a host is stored as {@link RemoteHost#key()} wrote it. */
    private Option<RemoteHost> remoteHost() {
        if (host == null || host.isEmpty()) {
            return Option.none();
        }
        return Option.some(RemoteHost.parse(host)
                .getOrElseThrow(problem ->
                        new IllegalStateException("location " + id + " in the library: " + problem.message())));
    }

    private Option<RootFileSystem> fileSystem() {
        if (fsDevice == null || fsMtimeGranularity == null) {
            return Option.none();
        }
        return Option.some(new RootFileSystem(
                fsDevice,
                new FileSystemTraits(
                        TimeGranularity.ofKey(fsMtimeGranularity),
                        isSet(fsPermissions),
                        isSet(fsSymlinks),
                        isSet(fsHardLinks),
                        isSet(fsCaseSensitive),
                        isSet(fsUserXattrs))));
    }

    private static boolean isSet(Integer flag) {
        return flag != null && flag != 0;
    }
}
