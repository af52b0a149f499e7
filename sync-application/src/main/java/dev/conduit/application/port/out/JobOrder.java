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
 */
public record JobOrder(Path from, Path to, int parallel, BandwidthLimit bandwidth, Option<TrashBin> trash) {

    public JobOrder {
        if (from == null || to == null || bandwidth == null || trash == null || parallel < 1) {
            throw new IllegalArgumentException("a job order needs both roots, a bandwidth, a trash option and workers");
        }
    }

    /**
     * The part of the trash one sync fills: versions from {@code side} of the conduit, trashed by generation
     * {@code generation}.
     */
    public record TrashBin(ConduitId conduit, long generation, Side side) {
    }
}
