package dev.conduit.application.port.in;

import dev.conduit.domain.index.Location;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.Seq;
import java.time.Duration;

/**
 * What one scan changed in a location's index.
 *
 * @param scope        the folder that was scanned, relative to the location's root (the root itself, or a folder
 *                     inside it)
 * @param problems     the first problems met, in scan order (at most {@link #MAX_LISTED_PROBLEMS})
 * @param errorCount   every problem that is an error, listed or not
 * @param warningCount every problem that is a warning, listed or not
 * @param temporaries  temporary files of Conduit's copies found in the tree (relative to the location's root): left
 *                     by a sync that was killed, unless one is writing them right now
 * @param ignoreFiles  this root's ignore files as the other side's scan must read them: none when it reads them from
 *                     this machine's disk; listed when the root is on another host (ADR 0039)
 */
public record IndexReport(
        Location location,
        RelativePath scope,
        long created,
        long modified,
        long removed,
        long unchanged,
        long filesHashed,
        long bytesHashed,
        Seq<ScanProblem> problems,
        long errorCount,
        long warningCount,
        Seq<RelativePath> temporaries,
        Duration elapsed,
        io.vavr.control.Option<PeerIgnoreFiles> ignoreFiles) {

    public static final int MAX_LISTED_PROBLEMS = 1000;

    /** A report of a root of this machine. */
    public IndexReport(
            Location location,
            RelativePath scope,
            long created,
            long modified,
            long removed,
            long unchanged,
            long filesHashed,
            long bytesHashed,
            Seq<ScanProblem> problems,
            long errorCount,
            long warningCount,
            Seq<RelativePath> temporaries,
            Duration elapsed) {
        this(
                location,
                scope,
                created,
                modified,
                removed,
                unchanged,
                filesHashed,
                bytesHashed,
                problems,
                errorCount,
                warningCount,
                temporaries,
                elapsed,
                io.vavr.control.Option.none());
    }
}
