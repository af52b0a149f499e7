package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.QueryConduits;
import dev.conduit.application.port.in.RunService;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service a daemon process runs (the live index and the schedules), once it runs: commands answered by the daemon
 * see it through this (status shows what it watches and when each conduit is due next; a sync resolves from its live
 * index). A command run alone never has one.
 */
@Singleton
public final class LiveRuntime {

    private final AtomicReference<RunService.Running> running = new AtomicReference<>();

    /** From now on, commands see this service. */
    public void attach(RunService.Running service) {
        running.set(service);
    }

    /** The service stops: commands no longer see it. */
    public void detach() {
        running.set(null);
    }

    public Optional<RunService.Running> running() {
        return Optional.ofNullable(running.get());
    }

    /** The status with what the service knows (next run, watching); as the library tells it when none runs. */
    public QueryConduits.Status overlay(QueryConduits.Status status) {
        return running().map(service -> service.overlay(status)).orElse(status);
    }
}
