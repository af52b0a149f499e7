package dev.conduit.bootstrap;

import com.google.inject.Injector;
import dev.conduit.adapter.cli.Daemon;

/**
 * What a daemon runs besides its API: the live index, the watchers and the schedules. {@link DaemonProcess} starts it
 * once the socket answers and closes it before the API stops; until a runtime is built, syncs run only on request.
 */
interface DaemonRuntime extends AutoCloseable {

    /** Nothing besides the API: every sync is asked for (the {@code manual} schedule for all). */
    DaemonRuntime NONE = () -> {};

    /**
     * Starts the runtime over the daemon's library. Its syncs go through the injector's {@code SyncConduit}, which
     * publishes their events and stops them at a safe point when the daemon stops.
     */
    static DaemonRuntime start(Injector library, Daemon.Settings settings) {
        return NONE; // the live runtime (issue 14) is started here
    }

    /** Stops watching and scheduling; a sync it runs stops at its next safe point (the daemon is stopping). */
    @Override
    void close();
}
