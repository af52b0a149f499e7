package dev.conduit.domain.conduit;

import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * How a conduit syncs: everything about it a user chooses, apart from its name and its two roots.
 *
 * @param ignorePatterns  gitignore-style patterns anchored at each root, on top of the built-in ones
 * @param readIgnoreFiles whether {@code .conduitignore} files in the roots apply
 * @param parallel        how many files are transferred at once
 * @param remote          how a remote endpoint is reached (ssh command, remote Conduit); unused by local conduits
 */
public record ConduitSettings(
        SyncMode mode,
        Schedule schedule,
        ConflictPolicy conflict,
        DeletePolicy delete,
        Seq<String> ignorePatterns,
        boolean readIgnoreFiles,
        int parallel,
        BandwidthLimit bandwidth,
        RemoteAccess remote) {

    public static final int MAX_PARALLEL = 64;

    /** The defaults of {@code conduit add}. */
    public static final ConduitSettings DEFAULTS = new ConduitSettings(
            SyncMode.MIRROR,
            Schedule.MANUAL,
            ConflictPolicy.NEWEST_WINS,
            DeletePolicy.TRASH,
            List.empty(),
            true,
            4,
            BandwidthLimit.UNLIMITED,
            RemoteAccess.DEFAULTS);

    public ConduitSettings {
        if (mode == null
                || schedule == null
                || conflict == null
                || delete == null
                || ignorePatterns == null
                || bandwidth == null
                || remote == null) {
            throw new IllegalArgumentException("every setting is required");
        }
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw new IllegalArgumentException(parallelProblem(parallel));
        }
        for (String pattern : ignorePatterns) {
            String problem = patternProblem(pattern);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
    }

    /** Settings of a conduit that reaches its endpoints with the default ssh and remote Conduit. */
    public ConduitSettings(
            SyncMode mode,
            Schedule schedule,
            ConflictPolicy conflict,
            DeletePolicy delete,
            Seq<String> ignorePatterns,
            boolean readIgnoreFiles,
            int parallel,
            BandwidthLimit bandwidth) {
        this(
                mode,
                schedule,
                conflict,
                delete,
                ignorePatterns,
                readIgnoreFiles,
                parallel,
                bandwidth,
                RemoteAccess.DEFAULTS);
    }

    public ConduitSettings withRemote(RemoteAccess changed) {
        return new ConduitSettings(
                mode, schedule, conflict, delete, ignorePatterns, readIgnoreFiles, parallel, bandwidth, changed);
    }

    static String patternProblem(String pattern) {
        if (pattern == null || pattern.isBlank() || pattern.startsWith("#")) {
            return "an ignore pattern cannot be empty or a comment: '" + pattern + "'";
        }
        if (pattern.indexOf('\n') >= 0 || pattern.indexOf('\r') >= 0) {
            return "an ignore pattern is one line";
        }
        return null;
    }

    static String parallelProblem(int parallel) {
        return "--parallel must be between 1 and " + MAX_PARALLEL + ", was " + parallel;
    }
}
