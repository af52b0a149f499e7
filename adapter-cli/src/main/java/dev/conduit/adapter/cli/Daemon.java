package dev.conduit.adapter.cli;

import java.nio.file.Path;
import java.time.Duration;

/** The service behind {@code conduit daemon}: the composition root builds it (it wires the API and the runtime). */
public interface Daemon {

    /** Serves the library until SIGINT or SIGTERM; returns the exit code. */
    int serve(Settings settings);

    /**
     * @param library     the library folder it serves
     * @param quietPeriod how long a burst of changes must be quiet before an instant sync runs
     * @param maxParallel how many conduits sync at once
     * @param json        events as JSON lines on stdout (else a short line per sync)
     * @param quiet       only problems on stdout and stderr
     * @param keepConnections how long a connection to another host (its ssh and agent) is kept after a sync for the
     *     next sync of that host; zero closes it after each sync
     */
    record Settings(
            Path library,
            Duration quietPeriod,
            int maxParallel,
            boolean json,
            boolean quiet,
            Duration keepConnections) {}
}
