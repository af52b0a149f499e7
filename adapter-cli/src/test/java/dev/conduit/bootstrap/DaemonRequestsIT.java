package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import dev.conduit.adapter.api.ApiServer;
import dev.conduit.adapter.api.EventHub;
import dev.conduit.adapter.cli.Console;
import dev.conduit.adapter.persistence.PersistenceModule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's side in this process: its injector, its API on a real socket, and the command line of this process
 * talking to it (CliRun goes through {@link Forwarding}, as a separate process would). Concurrent requests, events and
 * the daemon's stop, without signals.
 */
class DaemonRequestsIT {

    @TempDir
    Path work;

    private Path library;
    private Path source;
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private Injector injector;
    private ApiServer server;

    @BeforeEach
    void serve() throws Exception {
        library = work.resolve("library");
        source = Files.createDirectories(work.resolve("source"));
        for (int i = 0; i < 5; i++) {
            Files.writeString(source.resolve("f" + i + ".txt"), "content " + i);
        }
        assertThat(alone("add", source.toString(), work.resolve("target").toString(), "--name", "docs")
                        .exitCode())
                .isZero();
        Console daemonConsole =
                new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
        injector = DaemonProcess.libraryInjector(
                library, daemonConsole, event -> events.add(new java.util.LinkedHashMap<>(event)), stopping::get);
        server = ApiServer.start(library, new InProcessCommands(injector), new EventHub(), 2);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        PersistenceModule.endCommand(injector);
    }

    private CliRun alone(String... args) {
        Map<String, String> environment =
                new HashMap<>(Map.of("HOME", work.resolve("home").toString()));
        environment.put("CONDUIT_NO_DAEMON", "1");
        return CliRun.runWithEnvironment(environment, withLibrary(args));
    }

    private CliRun viaDaemon(String... args) {
        return CliRun.runWithEnvironment(Map.of("HOME", work.resolve("home").toString()), withLibrary(args));
    }

    private String[] withLibrary(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--library";
        all[1] = library.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    @Test
    void aForwardedSyncRunsInTheDaemonAndPublishesItsEvents() {
        CliRun synced = viaDaemon("--json", "sync", "docs");

        assertThat(synced.exitCode()).as(synced.err()).isZero();
        assertThat(synced.out()).contains("\"filesCopied\":5");
        assertThat(events)
                .extracting(event -> (String) event.get("event"))
                .startsWith("sync-started")
                .contains("phase", "progress")
                .endsWith("sync-finished");
        assertThat(events.get(events.size() - 1))
                .containsEntry("filesCopied", 5L)
                .containsEntry("stopped", false);
    }

    @Test
    void concurrentRequestsEachGetTheirOwnOutput() throws Exception {
        assertThat(alone("sync", "docs").exitCode()).isZero();
        String status = alone("--json", "status", "docs").out();
        String plan = alone("plan", "docs").out();
        ExecutorService four = Executors.newFixedThreadPool(4);
        try {
            List<Future<CliRun>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(four.submit(() -> viaDaemon("--json", "status", "docs")));
                runs.add(four.submit(() -> viaDaemon("plan", "docs")));
            }
            for (int i = 0; i < runs.size(); i++) {
                CliRun run = runs.get(i).get(60, TimeUnit.SECONDS);
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(run.out()).isEqualTo(i % 2 == 0 ? status : plan);
            }
        } finally {
            four.shutdownNow();
        }
    }

    @Test
    void aStoppingDaemonStopsItsSyncsAtASafePointAndTurnsNewOnesAway() {
        stopping.set(true); // as SIGTERM sets it: a sync that starts now stops at its first safe point

        CliRun stopped = viaDaemon("sync", "docs");

        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.err()).contains("docs stopped at a safe point");
        assertThat(events.get(events.size() - 1)).containsEntry("stopped", true);
        server.refuseNewRuns();
        CliRun here = viaDaemon("status", "docs");
        assertThat(here.exitCode()).as("turned away, the command ran here").isZero();
        assertThat(events)
                .as("no sync in the daemon after it stopped taking runs")
                .hasSizeLessThan(50);
    }
}
