package dev.conduit.application.port.in;

import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.generation.Generation;
import io.vavr.collection.Seq;
import java.time.Duration;

/**
 * What one sync did.
 *
 * @param problems the first errors of the sync, each with its path and reason (scan errors included)
 * @param stopped  whether it stopped at a safe point before the end, as asked (pause, Ctrl-C)
 */
public record SyncReport(
        Conduit conduit,
        Generation generation,
        Seq<String> problems,
        Duration elapsed,
        long pendingConflicts,
        boolean stopped) {

    public static final int MAX_LISTED_PROBLEMS = 100;
}
