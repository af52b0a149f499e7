package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.domain.plan.DeleteLimit;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The guards a sync can be told to relax, for {@code sync} and for {@code resume}, which carries a sync on. */
final class SyncLimits {

    @Option(
            names = "--max-delete",
            paramLabel = "PERCENT",
            description = "Refuse a plan that deletes more than this share of the target's files (default 50).")
    int maxDelete = DeleteLimit.DEFAULT.percent();

    @Option(
            names = "--force",
            description = "Sync a root that is suddenly empty or was replaced, and a plan beyond --max-delete.")
    boolean force;

    @Option(
            names = "--full",
            description = "Compare both indexes whole, not only what changed since the last clean sync.")
    boolean full;

    @Option(
            names = "--verify-all",
            description = "After the sync, verify by comparing both indexes whole, not only what changed.")
    boolean verifyAll;

    /** The options of a sync these guards and choices make. */
    SyncConduit.Options options(java.util.function.BooleanSupplier interrupted) {
        return new SyncConduit.Options(force, new DeleteLimit(maxDelete), interrupted, full, verifyAll);
    }

    /** A usage error for a share that is not a percentage. */
    void check(CommandSpec spec) {
        if (maxDelete < 0 || maxDelete > 100) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--max-delete is a percentage from 0 to 100, was " + maxDelete);
        }
    }
}
