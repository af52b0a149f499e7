package dev.conduit.adapter.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.UnixHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server over a real socket, with a command runner that records what it is asked and answers as the command
 * line would: the routes, the statuses, the forwarded command lines, Ctrl-C, the event stream, the lock.
 */
class ApiServerTest {

    @TempDir
    Path library;

    private final List<List<String>> asked = new CopyOnWriteArrayList<>();
    private final EventHub events = new EventHub();
    private ApiServer server;

    /** Answers like Conduit: list prints JSON; "nope" is not found; "slow" waits for its Ctrl-C; "talk" talks. */
    private final CommandRunner runner = invocation -> {
        List<String> args = invocation.args();
        asked.add(args);
        try {
            return answer(args, invocation);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    };

    private static int answer(List<String> args, CommandRunner.Invocation invocation)
            throws IOException, InterruptedException {
        if (args.contains("nope")) {
            invocation.out().write("{\"error\":\"no conduit 'nope'\",\"kind\":\"not-found\"}\n");
            invocation.err().write("conduit: no conduit 'nope'\n");
            return 1;
        }
        if (args.contains("--bad")) {
            invocation.err().write("conduit: Unknown option: '--bad'\n");
            return 2;
        }
        if (args.contains("slow")) {
            CountDownLatch pressed = new CountDownLatch(1);
            try (Interruption.Registration ignored = invocation.interruption().register(() -> {
                pressed.countDown();
                return true;
            })) {
                invocation.err().write("conduit: waiting\n");
                invocation.err().flush();
                boolean interrupted = pressed.await(20, TimeUnit.SECONDS);
                invocation.out().write(interrupted ? "stopped\n" : "timed out\n");
                return 1;
            }
        }
        if (args.contains("talk")) {
            String who = args.get(args.size() - 1);
            for (int i = 0; i < 200; i++) {
                invocation.out().write(who + " out " + i + "\n");
                invocation.err().write(who + " err " + i + "\n");
            }
            return who.equals("a") ? 0 : 3;
        }
        invocation.out().write("[{\"id\":1,\"name\":\"docs\"}]\n");
        return 0;
    }

    private Path start() throws IOException {
        server = ApiServer.start(library, runner, events, 2);
        return library.resolve(DaemonClient.SOCKET);
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theSocketIsTheOwnersAloneAndGoesAwayWithTheServer() throws IOException {
        Path socket = start();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                .isEqualTo("rw-------");
        try (var left = Files.list(library)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(DaemonClient.SOCKET);
        }
        server.close();
        server = null;
        assertThat(socket).doesNotExist();
        assertThat(DaemonClient.connect(library)).isEmpty();
    }

    @Test
    void aLibraryTooDeepForASocketInsideItIsServedThroughALink() throws IOException {
        library = Files.createDirectories(library.resolve("d".repeat(60)).resolve("e".repeat(60)));
        assertThat(library.resolve(DaemonClient.SOCKET).toString().length()).isGreaterThan(SocketPaths.LONGEST);

        server = ApiServer.start(library, runner, events, 2);

        Path socket = SocketPaths.of(library);
        assertThat(socket.toString().length()).isLessThanOrEqualTo(SocketPaths.LONGEST - 30);
        assertThat(Files.readSymbolicLink(library.resolve(DaemonClient.SOCKET))).isEqualTo(socket);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                .isEqualTo("rwx------");
        assertThat(UnixHttp.get(socket, "/v1/conduits").status()).isEqualTo(200);
        try (DaemonClient client = DaemonClient.connect(library).orElseThrow()) {
            assertThat(client).isNotNull();
        }
        server.close();
        server = null;
        assertThat(socket).doesNotExist();
        assertThat(library.resolve(DaemonClient.SOCKET)).doesNotExist();
    }

    @Test
    void aStaleSocketIsReplaced() throws IOException {
        Files.writeString(library.resolve(DaemonClient.SOCKET), "left by a killed daemon");
        assertThat(DaemonClient.connect(library))
                .as("nobody listens on a stale socket")
                .isEmpty();

        Path socket = start();

        assertThat(UnixHttp.get(socket, "/v1/conduits").status()).isEqualTo(200);
    }

    @Test
    void readsAreTheCommandLinesJsonAndStatusesFollowTheExitCodes() throws IOException {
        Path socket = start();

        UnixHttp list = UnixHttp.get(socket, "/v1/conduits");
        UnixHttp missing = UnixHttp.get(socket, "/v1/conduits/nope/status");
        UnixHttp resolve = UnixHttp.post(socket, "/v1/conflicts/7/resolve", "{\"keep\":\"target\"}");
        UnixHttp noKeep = UnixHttp.post(socket, "/v1/conflicts/7/resolve", "");
        UnixHttp unknown = UnixHttp.get(socket, "/v1/nothing");
        UnixHttp wrongMethod = UnixHttp.post(socket, "/v1/conduits", "");
        UnixHttp bad = UnixHttp.get(socket, "/v1/conflicts?conduit=--bad");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).isEqualTo("[{\"id\":1,\"name\":\"docs\"}]\n");
        assertThat(list.headers()).contains("Content-Type: application/json").contains("Conduit-Exit: 0");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("\"kind\":\"not-found\"");
        assertThat(resolve.status()).isEqualTo(200);
        assertThat(noKeep.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Unknown option");
        assertThat(asked)
                .containsExactly(
                        List.of("list", "--json"),
                        List.of("status", "nope", "--json"),
                        List.of("resolve", "7", "--keep", "target", "--json"),
                        List.of("conflicts", "--bad", "--json"));
    }

    @Test
    void aSyncRunsInTheBackgroundAndSaysSoOnTheEventStream() throws Exception {
        Path socket = start();
        try (BufferedReader stream = new BufferedReader(
                new InputStreamReader(UnixHttp.stream(socket, "/v1/events"), StandardCharsets.UTF_8))) {
            UnixHttp accepted = UnixHttp.post(socket, "/v1/conduits/docs/sync?force=true", "");

            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.body()).contains("\"command\":\"sync\"").contains("\"conduit\":\"docs\"");
            String finished = stream.readLine();
            assertThat(finished)
                    .contains("\"event\":\"run-finished\"")
                    .contains("\"exit\":0")
                    .contains("\"conduit\":\"docs\"");
            assertThat(asked).containsExactly(List.of("sync", "docs", "--force", "--json"));
            events.publish("{\"event\":\"anything\"}");
            assertThat(stream.readLine()).isEqualTo("{\"event\":\"anything\"}");
            events.close();
            assertThat(stream.readLine()).as("the stream ends with the hub").isNull();
        }
    }

    @Test
    void concurrentForwardedCommandsKeepTheirOwnOutputAndExitCodes() throws Exception {
        start();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Forwarded> a = two.submit(() -> forward("run-a", List.of("talk", "a")));
            Future<Forwarded> b = two.submit(() -> forward("run-b", List.of("talk", "b")));

            Forwarded first = a.get(30, TimeUnit.SECONDS);
            Forwarded second = b.get(30, TimeUnit.SECONDS);

            assertThat(first.exit()).isZero();
            assertThat(second.exit()).isEqualTo(3);
            assertThat(first.out().lines()).hasSize(200).allMatch(line -> line.startsWith("a out "));
            assertThat(first.err().lines()).hasSize(200).allMatch(line -> line.startsWith("a err "));
            assertThat(second.out().lines()).hasSize(200).allMatch(line -> line.startsWith("b out "));
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void aForwardedCtrlCReachesTheCommandAndTheDaemonsStopReachesEveryOne() throws Exception {
        start();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<Forwarded> slow = background.submit(() -> forward("slow-1", List.of("sync", "slow")));
            awaitSlow(1);

            DaemonClient.interrupt(library, "slow-1");

            Forwarded stopped = slow.get(30, TimeUnit.SECONDS);
            assertThat(stopped.out()).isEqualTo("stopped\n");
            assertThat(stopped.err()).isEqualTo("conduit: waiting\n");
            assertThat(stopped.exit()).isEqualTo(1);

            Future<Forwarded> again = background.submit(() -> forward("slow-2", List.of("sync", "slow")));
            awaitSlow(2);
            server.refuseNewRuns();
            server.runs().interruptAll();
            assertThat(again.get(30, TimeUnit.SECONDS).out()).isEqualTo("stopped\n");
            assertThat(server.runs().awaitNone(Duration.ofSeconds(5))).isTrue();
            assertThat(forward("late", List.of("status")).exit())
                    .as("a stopping daemon turns new runs away; the client then runs the command itself")
                    .isEqualTo(-1);
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void oneDaemonPerLibrary() throws IOException {
        try (DaemonLock first = DaemonLock.tryAcquire(library).orElseThrow()) {
            assertThat(DaemonLock.tryAcquire(library)).isEmpty();
            assertThat(DaemonLock.holder(library))
                    .contains(Long.toString(ProcessHandle.current().pid()));
        }
    }

    /** Waits until the runner has been asked {@code count} slow commands (a real wait: they run on other threads). */
    private void awaitSlow(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (asked.stream().filter(args -> args.contains("slow")).count() < count) {
            assertThat(System.nanoTime()).as("the slow command started").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private Forwarded forward(String id, List<String> args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (DaemonClient client = DaemonClient.connect(library).orElseThrow()) {
            int exit = client.forward(id, new ArrayList<>(args), Map.of("HOME", "/home/someone"), out, err)
                    .orElse(-1);
            return new Forwarded(exit, out.toString(), err.toString());
        }
    }

    private record Forwarded(int exit, String out, String err) {}
}
