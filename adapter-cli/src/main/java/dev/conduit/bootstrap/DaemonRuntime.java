package dev.conduit.bootstrap;

import com.google.inject.Injector;
import dev.conduit.adapter.cli.Daemon;
import dev.conduit.adapter.cli.LiveRuntime;
import dev.conduit.application.port.in.RunService;

/**
 * What a daemon runs besides its API: the live index, the watchers and the schedules. {@link DaemonProcess} starts it
 * once the socket answers and closes it before the API stops.
 */
interface DaemonRuntime extends AutoCloseable {

    /** Nothing besides the API: every sync is asked for (the {@code manual} schedule for all). */
    DaemonRuntime NONE = () -> {};

    /**
     * Starts the service over the daemon's library (ADR 0033): watches, the live index, the schedules. Its syncs
     * publish their events and stop at a safe point when the daemon stops; from now on the daemon's commands see it
     * (status shows what it watches, a sync resolves from its live index).
     */
    static DaemonRuntime start(Injector library, Daemon.Settings settings) {
        RunService.Running running = library.getInstance(RunService.class)
                .start(new RunService.Options(settings.quietPeriod(), settings.maxParallel()));
        LiveRuntime live = library.getInstance(LiveRuntime.class);
        live.attach(running);
        return () -> {
            live.detach();
            running.close();
        };
    }

    /** Stops watching and scheduling; a sync it runs stops at its next safe point (the daemon is stopping). */
    @Override
    void close();
}
