package dev.conduit.bootstrap;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import dev.conduit.adapter.api.ApiServer;
import dev.conduit.adapter.api.DaemonLock;
import dev.conduit.adapter.api.EventHub;
import dev.conduit.adapter.api.SocketPaths;
import dev.conduit.adapter.cli.Console;
import dev.conduit.adapter.cli.Daemon;
import dev.conduit.adapter.cli.ExitCodes;
import dev.conduit.adapter.jobs.JobsModule;
import dev.conduit.adapter.persistence.PersistenceModule;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * {@code conduit daemon}: one per library (an OS lock, not the socket, says who serves it), the API on the library's
 * socket, the runtime (when there is one), until SIGINT or SIGTERM; then every sync under way stops at its next safe
 * point and the daemon exits 0. The next start (or sync) carries those syncs on.
 */
final class DaemonProcess implements Daemon {

    /** How long a stopping daemon waits for its syncs to reach a safe point (systemd kills after 90 s). */
    static final Duration PATIENCE = Duration.ofSeconds(80);

    private static final Gson GSON =
            new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private final Console console;

    @Inject
    DaemonProcess(Console console) {
        this.console = console;
    }

    @Override
    public int serve(Settings settings) {
        Path library = settings.library();
        Optional<DaemonLock> lock;
        try {
            lock = DaemonLock.tryAcquire(library);
        } catch (IOException | RuntimeException unusable) {
            console.error("cannot serve " + library + ": " + unusable.getMessage());
            return ExitCodes.FAILURE;
        }
        if (lock.isEmpty()) {
            console.error("a daemon already serves " + library
                    + DaemonLock.holder(library)
                            .map(pid -> " (pid " + pid + ")")
                            .orElse("")
                    + "; one daemon per library");
            return ExitCodes.FAILURE;
        }
        try (DaemonLock held = lock.get()) {
            LogSetup.daemonFile(library);
            return serveHolding(settings);
        } catch (IOException failed) {
            console.error("the daemon of " + library + " failed: " + failed.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    private int serveHolding(Settings settings) {
        Path library = settings.library();
        EventHub events = new EventHub();
        AtomicBoolean stopping = new AtomicBoolean();
        CarryOn carryOn = new CarryOn();
        Consumer<Map<String, Object>> publish =
                carryOn.noting(event -> events.publish(GSON.toJson(event)), stopping::get);
        Injector injector = libraryInjector(
                library, console, publish, stopping::get, KeptSessions.Policy.keptFor(settings.keepConnections()));
        StopSignals signals = StopSignals.install();
        ApiServer server;
        try {
            server = ApiServer.start(library, new InProcessCommands(injector), events, settings.maxParallel());
        } catch (IOException | RuntimeException failed) {
            signals.close();
            console.error("the API could not start on " + SocketPaths.of(library) + ": " + failed.getMessage());
            return ExitCodes.FAILURE;
        }
        Thread reporter = DaemonReport.start(events, console, settings);
        try (DaemonRuntime runtime = DaemonRuntime.start(injector, settings)) {
            announce(
                    settings,
                    "daemon-started",
                    "Serving " + library + " on " + SocketPaths.of(library) + " (pid "
                            + ProcessHandle.current().pid() + "); SIGINT or SIGTERM stops it");
            carryOnStopped(settings, server);
            signals.awaitFirst();
            stopping.set(true); // every sync of this process stops at its next safe point
            server.refuseNewRuns();
            server.runs().interruptAll();
        }
        return stop(settings, server, events, injector, signals, reporter, carryOn);
    }

    /** Resumes, in the background, the syncs that the last daemon of this library stopped when it was stopped. */
    private void carryOnStopped(Settings settings, ApiServer server) {
        try {
            for (String conduit : CarryOn.take(settings.library())) {
                if (!settings.json() && !settings.quiet()) {
                    console.line("Carrying on the sync of conduit " + conduit + " that the daemon stopped");
                }
                server.runInBackground(java.util.List.of("resume", conduit));
            }
        } catch (IOException unreadable) {
            console.warning("the syncs that the daemon stopped could not be read: " + unreadable.getMessage()
                    + "; conduit resume carries them on");
        }
    }

    /** The daemon's injector: its library and services, shared by every request (each in a child of it). */
    static Injector libraryInjector(
            Path library,
            Console console,
            Consumer<Map<String, Object>> events,
            java.util.function.BooleanSupplier stopping,
            KeptSessions.Policy keeping) {
        return Guice.createInjector(
                Stage.DEVELOPMENT,
                Modules.override(new ApplicationModule())
                        .with(new DaemonModule(library, console, events, stopping, keeping)),
                new PersistenceModule(),
                new JobsModule());
    }

    private int stop(
            Settings settings,
            ApiServer server,
            EventHub events,
            Injector injector,
            StopSignals signals,
            Thread reporter,
            CarryOn carryOn) {
        try {
            if (!signals.awaitRuns(server.runs(), PATIENCE)) {
                console.warning("syncs still under way after " + PATIENCE.toSeconds() + " s; stopping without them");
            }
            remember(carryOn, settings.library());
            announce(settings, "daemon-stopped", "Stopped serving " + settings.library());
            events.close();
            reporter.join(2_000);
            server.close();
        } catch (InterruptedException stopNow) {
            Thread.currentThread().interrupt();
        } catch (IOException closing) {
            console.warning("the socket could not be removed: " + closing.getMessage());
        } finally {
            signals.close();
            PersistenceModule.endCommand(injector);
        }
        return ExitCodes.OK;
    }

    private void remember(CarryOn carryOn, Path library) {
        try {
            carryOn.remember(library);
        } catch (IOException unwritable) {
            console.warning("the stopped syncs could not be noted for the next start (" + unwritable.getMessage()
                    + "); conduit resume carries them on");
        }
    }

    private void announce(Settings settings, String event, String line) {
        LoggerFactory.getLogger("dev.conduit.daemon").info(line);
        if (settings.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("event", event);
            json.put("library", settings.library().toString());
            json.put("socket", SocketPaths.of(settings.library()).toString());
            json.put("pid", ProcessHandle.current().pid());
            console.json(json);
        } else if (!settings.quiet()) {
            console.line(line);
        }
    }
}
