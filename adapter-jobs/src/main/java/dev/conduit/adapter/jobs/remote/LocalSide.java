package dev.conduit.adapter.jobs.remote;

import dev.conduit.adapter.jobs.sync.SharedBandwidth;
import dev.conduit.adapter.jobs.sync.TrashFolder;
import dev.conduit.application.port.out.FileTree;
import java.time.Clock;

/**
 * This machine's side of a session's copies: its file tree, its library's trash, its clock, and the bandwidth its
 * copies share with the other copies of the process (ADR 0045).
 */
public record LocalSide(FileTree tree, TrashFolder trash, Clock clock, SharedBandwidth bandwidth) {

    /** A side whose copies share their bandwidth with no one else's. */
    public LocalSide(FileTree tree, TrashFolder trash, Clock clock) {
        this(tree, trash, clock, new SharedBandwidth());
    }
}
