package dev.conduit.adapter.persistence;

import dev.conduit.domain.conduit.BandwidthLimit;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.ConflictPolicy;
import dev.conduit.domain.conduit.DeletePolicy;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.RemoteAccess;
import dev.conduit.domain.conduit.Schedule;
import dev.conduit.domain.conduit.SyncMode;
import dev.conduit.domain.host.RemoteHost;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.parse.Invalid;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** A conduit as its row holds it: settings in their command-line spelling. */
record ConduitRow(
        Long id,
        String name,
        String sourceRoot,
        String sourceDevice,
        String sourceFileKey,
        String targetRoot,
        String targetDevice,
        String targetFileKey,
        String mode,
        String schedule,
        String conflictPolicy,
        String deletePolicy,
        String ignorePatterns,
        boolean readIgnoreFiles,
        int parallel,
        long bandwidthLimit,
        boolean enabled,
        String pausedBecause,
        String sourceHost,
        String targetHost,
        String sshCommand,
        String remoteConduit) {

    static final String COLUMNS = "id, name, source_root AS sourceRoot, source_device AS sourceDevice,"
            + " source_file_key AS sourceFileKey, target_root AS targetRoot, target_device AS targetDevice,"
            + " target_file_key AS targetFileKey, mode, schedule, conflict_policy AS conflictPolicy,"
            + " delete_policy AS deletePolicy, ignore_patterns AS ignorePatterns, read_ignore_files AS readIgnoreFiles,"
            + " parallel, bandwidth_limit AS bandwidthLimit, enabled, paused_because AS pausedBecause,"
            + " source_host AS sourceHost, target_host AS targetHost, ssh_command AS sshCommand,"
            + " remote_conduit AS remoteConduit";

    static ConduitRow of(Conduit conduit) {
        ConduitSettings settings = conduit.settings();
        return new ConduitRow(
                conduit.id().value(),
                conduit.name().value(),
                conduit.source().root(),
                conduit.source().identity().device(),
                conduit.source().identity().fileKey(),
                conduit.target().root(),
                conduit.target().identity().device(),
                conduit.target().identity().fileKey(),
                settings.mode().label(),
                settings.schedule().label(),
                settings.conflict().label(),
                settings.delete().label(),
                settings.ignorePatterns().mkString("\n"),
                settings.readIgnoreFiles(),
                settings.parallel(),
                settings.bandwidth().bytesPerSecond(),
                conduit.enabled(),
                conduit.pausedBecause().getOrNull(),
                host(conduit.source()),
                host(conduit.target()),
                settings.remote().ssh().getOrNull(),
                settings.remote().remoteConduit());
    }

    /** '' is this machine. */
    private static String host(Endpoint endpoint) {
        return endpoint.host().map(RemoteHost::key).getOrElse("");
    }

    Conduit toDomain() {
        ConduitSettings settings = new ConduitSettings(
                stored(SyncMode.parse(mode)),
                stored(Schedule.parse(schedule)),
                stored(ConflictPolicy.parse(conflictPolicy)),
                stored(DeletePolicy.parse(deletePolicy)),
                ignorePatterns.isEmpty() ? List.empty() : List.of(ignorePatterns.split("\n")),
                readIgnoreFiles,
                parallel,
                new BandwidthLimit(bandwidthLimit),
                new RemoteAccess(
                        Option.of(sshCommand),
                        remoteConduit == null ? RemoteAccess.DEFAULT_REMOTE_CONDUIT : remoteConduit));
        return new Conduit(
                new ConduitId(id),
                new ConduitName(name),
                new Endpoint(sourceRoot, new RootIdentity(sourceDevice, sourceFileKey), remote(sourceHost)),
                new Endpoint(targetRoot, new RootIdentity(targetDevice, targetFileKey), remote(targetHost)),
                settings,
                enabled,
                Option.of(pausedBecause));
    }

    private Option<RemoteHost> remote(String host) {
        return host == null || host.isEmpty() ? Option.none() : Option.some(stored(RemoteHost.parse(host)));
    }

    /** A value this library wrote itself; one it cannot read means the file was edited by hand. */
    private <T> T stored(Either<Invalid, T> parsed) {
        return parsed.getOrElseThrow(
                problem -> new IllegalStateException("conduit " + id + " in the library: " + problem.message()));
    }
}
