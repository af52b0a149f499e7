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
                library,
                daemonConsole,
                event -> events.add(new java.util.LinkedHashMap<>(event)),
                stopping::get,
                KeptSessions.Policy.MOMENT);
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

    /** The progress-bar commands a forwarded command line sends back, and its exit code. */
    private record Forwarded(int exit, List<String> bars, String out) {}

    private Forwarded forwarded(boolean interactive, String... args) throws Exception {
        StringBuilder json =
                new StringBuilder("{\"id\":\"run-").append(interactive).append("\",\"args\":[");
        json.append("\"--library=").append(library).append('"');
        for (String arg : args) {
            json.append(",\"").append(arg).append('"');
        }
        json.append("],\"env\":{}").append(interactive ? ",\"interactive\":true}" : "}");
        dev.conduit.testing.UnixHttp answer = dev.conduit.testing.UnixHttp.post(
                dev.conduit.adapter.api.SocketPaths.of(library), "/v1/cli", json.toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> bars = new CopyOnWriteArrayList<>();
        StringWriter out = new StringWriter();
        int exit = dev.conduit.adapter.api.CliFrames.relay(
                new java.io.ByteArrayInputStream(answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                out,
                new StringWriter(),
                bars::add);
        return new Forwarded(exit, bars, out.toString());
    }

    @Test
    void aSyncForwardedFromATerminalSendsItsProgressBarAndFromElsewhereNothing() throws Exception {
        Path slow = Files.createDirectories(work.resolve("slow"));
        byte[] content = new byte[192 << 10];
        new java.util.Random(9).nextBytes(content);
        Files.write(slow.resolve("a.bin"), content);
        Files.write(slow.resolve("b.bin"), content);
        assertThat(alone(
                                "add",
                                slow.toString(),
                                work.resolve("slow-target").toString(),
                                "--name",
                                "slow",
                                "--bwlimit",
                                "256K")
                        .exitCode())
                .isZero();

        Forwarded fromTerminal = forwarded(true, "sync", "slow"); // 384 KiB at 256 KiB/s: progress is published

        assertThat(fromTerminal.exit()).isZero();
        assertThat(fromTerminal.out()).startsWith("Synced slow");
        assertThat(fromTerminal.bars()).first().isEqualTo("bytes\tSyncing");
        assertThat(fromTerminal.bars())
                .contains("total\t" + (2 * content.length))
                .last()
                .isEqualTo("close");
        assertThat(fromTerminal.bars())
                .as("the bar moves as the copies go, with what the in-process bar says beside it")
                .anySatisfy(command -> assertThat(command).matches("at\t[0-9]+\t[0-9]+ of 2 files, .*"));

        Files.write(slow.resolve("c.bin"), content);
        Forwarded notFromTerminal = forwarded(false, "sync", "slow");
        assertThat(notFromTerminal.exit()).isZero();
        assertThat(notFromTerminal.bars()).as("no terminal: no bar").isEmpty();

        Files.write(slow.resolve("d.bin"), content);
        Forwarded json = forwarded(true, "--json", "sync", "slow");
        assertThat(json.exit()).isZero();
        assertThat(json.bars()).as("JSON: events, not a bar (as run alone)").isEmpty();
    }
}
