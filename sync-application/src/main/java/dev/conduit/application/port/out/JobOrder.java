package dev.conduit.application.port.out;

import dev.conduit.domain.conduit.BandwidthLimit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.Side;
import io.vavr.control.Option;
import java.nio.file.Path;

/**
 * What a copy or delete job works on.
 *
 * @param from     the sending root (a copy reads here)
 * @param to       the receiving root (a job writes and deletes only here)
 * @param parallel how many files at once
 * @param trash    where removed and overwritten versions go; none when they are deleted for good
 * @param losers   where versions that lost a conflict go: a bidirectional conduit keeps them even when its delete
 *                 policy is {@code permanent}
 * @param stop     whether the job is asked to stop at its next safe point (between files): it then takes no more
 *                 actions, and lets those under way finish
 * @param owners   whether what is written gets the sending side's owner and group ({@code lchown}); only where the
 *                 sync keeps owners (ADR 0040), else it belongs to the user who writes it
 */
public record JobOrder(
        Path from,
        Path to,
        int parallel,
        BandwidthLimit bandwidth,
        Option<TrashBin> trash,
        Option<TrashBin> losers,
        java.util.function.BooleanSupplier stop,
        boolean owners) {

    public JobOrder {
        if (from == null
                || to == null
                || bandwidth == null
                || trash == null
                || losers == null
                || stop == null
                || parallel < 1) {
            throw new IllegalArgumentException("a job order needs both roots, a bandwidth, a trash option and workers");
        }
    }

    /** An order that leaves owners as they are. */
    public JobOrder(
            Path from,
            Path to,
            int parallel,
            BandwidthLimit bandwidth,
            Option<TrashBin> trash,
            Option<TrashBin> losers,
            java.util.function.BooleanSupplier stop) {
        this(from, to, parallel, bandwidth, trash, losers, stop, false);
    }

    /** An order whose conflict losers, if any, go where every other replaced version goes, never asked to stop. */
    public JobOrder(Path from, Path to, int parallel, BandwidthLimit bandwidth, Option<TrashBin> trash) {
        this(from, to, parallel, bandwidth, trash, trash, () -> false);
    }

    public boolean stopped() {
        return stop.getAsBoolean();
    }

    /**
     * The part of the trash one sync fills: versions from {@code side} of the conduit, trashed by generation
     * {@code generation}.
     */
    public record TrashBin(ConduitId conduit, long generation, Side side) {}
}
