package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.conduit.adapter.api.DaemonClient;
import dev.conduit.testing.UnixHttp;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./conduit daemon} as a real process: its API, one daemon per library, a killed daemon's socket blocking
 * nothing, SIGTERM in the middle of a sync (carried on by the next start), and the command line answered by it exactly as without it.
 */
class DaemonE2E {

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path work;

    private final List<Process> daemons = new ArrayList<>();
    private Path library;
    private Path source;
    private Path target;

    @AfterEach
    void killDaemons() throws InterruptedException {
        for (Process daemon : daemons) {
            daemon.destroyForcibly();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void conduit(int files, int size, String... options) throws IOException {
        library = work.resolve("library");
        source = Files.createDirectories(work.resolve("source"));
        target = work.resolve("target");
        Random random = new Random(5);
        for (int i = 0; i < files; i++) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            Mirrors.write(source, "f" + i + ".bin", content);
        }
        List<String> add = new ArrayList<>(List.of("add", source.toString(), target.toString(), "--name", "docs"));
        add.addAll(List.of(options));
        CliRun added = CliRun.run(library, add.toArray(String[]::new));
        assertThat(added.exitCode()).as(added.err()).isZero();
    }

    private Process daemon(String log, String... options) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(PROJECT.resolve("conduit").toString(), "--library", library.toString(), "daemon"));
        command.addAll(List.of(options));
        Process daemon = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(work.resolve(log).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        daemons.add(daemon);
        return daemon;
    }

    /** Starts a daemon and waits until its socket answers. */
    private Process serving(String log, String... options) throws Exception {
        Process daemon = daemon(log, options);
        for (int poll = 0; poll < 1200; poll++) {
            if (DaemonClient.connect(library).map(this::close).isPresent()) {
                return daemon;
            }
            assertThat(daemon.isAlive()).as(Files.readString(work.resolve(log))).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("the daemon did not answer in 60 s: " + Files.readString(work.resolve(log)));
    }

    private boolean close(DaemonClient client) {
        client.close();
        return true;
    }

    private Path socket() {
        return library.resolve(DaemonClient.SOCKET);
    }

    /** The command run in this process with no daemon asked: what it prints alone. */
    private CliRun alone(String... args) {
        Map<String, String> environment =
                new HashMap<>(Map.of("HOME", library.resolve("home").toString()));
        environment.put("CONDUIT_NO_DAEMON", "1");
        List<String> withLibrary = new ArrayList<>(List.of("--library", library.toString()));
        withLibrary.addAll(List.of(args));
        return CliRun.runWithEnvironment(environment, withLibrary.toArray(String[]::new));
    }

    @Test
    void theApiAnswersWithTheCommandLinesJsonOnAnOwnerOnlySocket() throws Exception {
        conduit(3, 1000);
        serving("daemon.log");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket())))
                .isEqualTo("rw-------");
        UnixHttp list = UnixHttp.get(socket(), "/v1/conduits");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).isEqualTo(alone("--json", "list").out());
        UnixHttp synced = UnixHttp.post(socket(), "/v1/conduits/docs/sync?wait=true", "");
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        assertThat(synced.body()).contains("\"filesCopied\":3").contains("\"verification\":\"verified\"");
        assertThat(Mirrors.view(target)).isEqualTo(Mirrors.view(source));
        UnixHttp status = UnixHttp.get(socket(), "/v1/status");
        assertThat(status.status()).isEqualTo(200);
        assertThat(watchless(status.body()))
                .isEqualTo(watchless(alone("--json", "status").out()));
        assertThat(UnixHttp.get(socket(), "/v1/conduits/nope/status").status()).isEqualTo(404);
        assertThat(UnixHttp.get(socket(), "/v1/conflicts").body()).isEqualTo("[]\n");
        assertThat(UnixHttp.post(socket(), "/v1/conduits/docs/pause", "").status())
                .as("nothing to pause")
                .isEqualTo(409);
    }

    @Test
    void aSecondDaemonIsRefusedAndAKilledOneBlocksNothing() throws Exception {
        conduit(1, 10);
        Process first = serving("first.log");

        Process second = daemon("second.log");

        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(Files.readAllLines(work.resolve("second.log")))
                .containsExactly("conduit: a daemon already serves " + library + " (pid " + first.pid()
                        + "); one daemon per library");

        first.destroyForcibly(); // SIGKILL: no clean-up at all
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(socket()).as("the killed daemon's socket is left behind").exists();
        CliRun status = CliRun.run(library, "status");
        assertThat(status.exitCode()).as("a dead socket: the command runs here").isZero();
        assertThat(status.out()).isEqualTo(alone("status").out());

        serving("third.log");
        assertThat(UnixHttp.get(socket(), "/v1/status").status()).isEqualTo(200);
    }

    @Test
    void sigtermInTheMiddleOfASyncStopsItAtASafePointExitsZeroAndTheNextStartCarriesItOn() throws Exception {
        conduit(8, 768 * 1024, "--bwlimit", "1M", "--parallel", "1"); // 6 s of copying
        Process daemon = serving("daemon.log");
        assertThat(UnixHttp.post(socket(), "/v1/conduits/docs/sync", "").status())
                .isEqualTo(202);
        waitForCopies();

        daemon.destroy(); // SIGTERM

        assertThat(daemon.waitFor(60, TimeUnit.SECONDS))
                .as("the daemon stopped")
                .isTrue();
        assertThat(daemon.exitValue())
                .as(Files.readString(work.resolve("daemon.log")))
                .isZero();
        List<String> copied = names(target);
        assertThat(copied).noneMatch(name -> name.startsWith(".conduit-tmp-"));
        assertThat(copied).as("stopped in the middle").isNotEmpty().hasSizeLessThan(8);
        for (String name : copied) {
            assertThat(Files.size(target.resolve(name))).as(name + " whole").isEqualTo(768 * 1024);
        }
        assertThat(alone("--json", "history", "docs").out()).contains("\"failed:paused\"");
        assertThat(socket())
                .as("a daemon that stopped cleanly takes its socket away")
                .doesNotExist();
        assertThat(Files.readString(work.resolve("daemon.log"))).contains("Stopped docs");

        serving("again.log");
        JsonObject resumed = carriedOn();

        assertThat(resumed.get("verification").getAsString()).isEqualTo("verified");
        assertThat(resumed.get("filesCopied").getAsLong())
                .as("what was copied before the stop is not copied again")
                .isEqualTo(8 - copied.size());
        assertThat(Mirrors.view(target)).isEqualTo(Mirrors.view(source));
        assertThat(Files.readString(work.resolve("again.log"))).contains("Carrying on the sync of conduit 1");
        assertThat(library.resolve("daemon.resume")).as("carried on once").doesNotExist();
    }

    /** Waits for the generation that the new daemon carried on by itself (it resumes the one the stop paused). */
    private JsonObject carriedOn() throws Exception {
        for (int poll = 0; poll < 1200; poll++) {
            JsonArray history = JsonParser.parseString(
                            alone("--json", "history", "docs").out())
                    .getAsJsonArray();
            JsonObject last = history.get(0).getAsJsonObject();
            if (last.has("resumedFrom")
                    && last.has("completed")
                    && !last.get("completed").isJsonNull()) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                "the stopped sync was not carried on in 60 s: " + Files.readString(work.resolve("again.log")));
    }

    @Test
    void ctrlCOnAForwardedSyncStopsItInTheDaemonAtASafePoint() throws Exception {
        conduit(8, 768 * 1024, "--bwlimit", "1M", "--parallel", "1");
        Process daemon = serving("daemon.log");
        List<String> command = new java.util.ArrayList<>(LaunchedConduit.DEFAULT_INTERRUPT);
        command.addAll(List.of(PROJECT.resolve("conduit").toString(), "--library", library.toString(), "sync", "docs"));
        Process sync = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        work.resolve("sync.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        waitForCopies();

        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(sync.pid()))
                        .start()
                        .waitFor())
                .isZero();

        assertThat(sync.waitFor(30, TimeUnit.SECONDS)).as("the client stopped").isTrue();
        String said = Files.readString(work.resolve("sync.log"));
        assertThat(sync.exitValue()).as(said).isEqualTo(1);
        assertThat(said)
                .contains("conduit: stopping at the next safe point (Ctrl-C again to stop at once)")
                .contains("docs stopped at a safe point, nothing half-written; conduit resume 1 carries it on");
        assertThat(names(target)).as("stopped in the middle").hasSizeLessThan(8);
        assertThat(Files.readString(work.resolve("daemon.log")))
                .as("the daemon ran the sync")
                .contains("Stopped docs");
        assertThat(daemon.isAlive()).as("the daemon serves on").isTrue();
        CliRun resumed = CliRun.run(library, "resume", "docs");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(Mirrors.view(target)).isEqualTo(Mirrors.view(source));
    }

    @Test
    void theCommandLineAnsweredByTheDaemonPrintsWhatItPrintsAlone() throws Exception {
        conduit(3, 100);
        assertThat(alone("sync", "docs").exitCode()).isZero();
        serving("daemon.log");
        List<List<String>> commands = List.of(
                List.of("list"),
                List.of("--json", "list"),
                List.of("status"),
                List.of("status", "docs", "--json"),
                List.of("plan", "docs"),
                List.of("--json", "plan", "1"),
                List.of("conflicts"),
                List.of("stats"),
                List.of("sync"),
                List.of("sync", "--bwlimit", "fast"),
                List.of("status", "nope"),
                List.of("--json", "status", "nope"),
                List.of("resolve", "99", "--keep", "target"),
                List.of("pause", "docs"),
                List.of("resume", "docs"),
                List.of("plan", "--help"));
        for (List<String> command : commands) {
            CliRun viaDaemon = watchless(CliRun.run(library, command.toArray(String[]::new)));
            CliRun here = watchless(alone(command.toArray(String[]::new)));
            assertThat(viaDaemon).as(String.join(" ", command)).isEqualTo(here);
        }
        for (List<String> sync : List.of(List.of("sync", "docs"), List.of("--json", "sync", "docs"))) {
            Files.writeString(source.resolve("f0.bin"), "changed once " + sync.size());
            CliRun viaDaemon = normalized(CliRun.run(library, sync.toArray(String[]::new)));
            Files.writeString(source.resolve("f0.bin"), "changed again" + sync.size());
            CliRun here = normalized(alone(sync.toArray(String[]::new)));
            assertThat(viaDaemon).as(String.join(" ", sync)).isEqualTo(here);
            assertThat(viaDaemon.exitCode()).isZero();
            assertThat(viaDaemon.out()).containsAnyOf("1 copied", "\"filesCopied\":1");
        }
        assertThat(Files.readString(work.resolve("daemon.log")).lines().filter(line -> line.startsWith("Synced docs")))
                .as("the daemon ran the forwarded syncs, and only those")
                .hasSize(2);
    }

    /**
     * The output with whether the roots are watched taken out: a daemon watches them (its status says so), a command
     * run alone does not.
     */
    private static CliRun watchless(CliRun run) {
        return new CliRun(run.exitCode(), watchless(run.out()), run.err());
    }

    private static String watchless(String output) {
        return output.replaceAll(", watched( live|; [^\n]*)", ", W")
                .replace(", not watched", ", W")
                .replaceAll(
                        "(schedule: [^,\n]*(, next run [^,\n]*)?), (watching|rescanning|polling|source)[^\n]*", "$1, W")
                .replaceAll("\"watching\":(true|false)", "\"watching\":W")
                .replaceAll("\"liveIndex\":(null|\"[^\"]*\")", "\"liveIndex\":W");
    }

    @Test
    void statusSaysAWatchedConduitsFirstSyncWillScanUntilItRan() throws Exception {
        conduit(3, 100);
        assertThat(alone("sync", "docs").exitCode())
                .isZero(); // synced before: the daemon's first sync scans all the same
        serving("daemon.log");
        String watched = "";
        for (int poll = 0; poll < 600 && !watched.contains(", watched"); poll++) {
            watched = CliRun.run(library, "status", "docs").out();
            Thread.sleep(50);
        }
        assertThat(watched).contains("    schedule: manual, watched; first sync will scan\n");
        assertThat(CliRun.run(library, "--json", "status", "docs").out())
                .contains("\"watching\":true,\"liveIndex\":\"watching; first sync will scan\"");
        assertThat(alone("status", "docs").out()).as("no service here").contains("    schedule: manual, not watched\n");

        CliRun synced = CliRun.run(library, "sync", "docs");
        assertThat(synced.exitCode()).as(synced.err()).isZero();

        assertThat(CliRun.run(library, "status", "docs").out()).contains("    schedule: manual, watched live\n");
        assertThat(CliRun.run(library, "--json", "status", "docs").out())
                .contains("\"watching\":true,\"liveIndex\":\"watching\"");
    }

    @Test
    void anInstantConduitFollowsItsSourceWhileTheDaemonRuns() throws Exception {
        conduit(3, 100, "--schedule", "instant");
        serving("daemon.log", "--quiet-period", "200ms");
        converged("the first sync of an instant conduit that never synced");

        Files.writeString(source.resolve("new.txt"), "made while watched");
        converged("a file made");
        Files.writeString(source.resolve("f0.bin"), "rewritten while watched");
        converged("a file rewritten");
        Files.delete(source.resolve("f1.bin"));
        converged("a file deleted");
        Files.createDirectories(source.resolve("folder/inner"));
        Files.writeString(source.resolve("folder/inner/deep.txt"), "deep");
        converged("a folder made");
        Files.move(source.resolve("folder"), source.resolve("moved"));
        converged("a folder moved");

        CliRun status = CliRun.run(library, "status", "docs");
        assertThat(status.out()).as(status.err()).contains("schedule: instant, watched live");
        assertThat(Files.readString(work.resolve("daemon.log")))
                .as("every change was synced by the daemon")
                .contains("Synced docs");
    }

    /** Waits until the target is what the source is (the daemon synced it), at most 30 s. */
    private void converged(String after) throws Exception {
        for (int poll = 0; poll < 600; poll++) {
            try {
                if (Files.isDirectory(target) && Mirrors.view(target).equals(Mirrors.view(source))) {
                    return;
                }
            } catch (RuntimeException listedWhileWritten) {
                // an entry went away between listing and reading it: the daemon is at work; look again
            }
            Thread.sleep(50);
        }
        assertThat(Mirrors.view(target))
                .as(after + ": " + Files.readString(work.resolve("daemon.log")))
                .isEqualTo(Mirrors.view(source));
    }

    /** A sync's output with its generation number and its time taken out, which differ from one sync to the next. */
    private static CliRun normalized(CliRun run) {
        return new CliRun(run.exitCode(), normalized(run.out()), normalized(run.err()));
    }

    private static String normalized(String output) {
        return output.replaceAll("generation \\d+", "generation N")
                .replaceAll("\"generation\":\\d+", "\"generation\":N")
                .replaceAll("in \\d+\\.\\d+ s", "in T s")
                .replaceAll("\"elapsedMillis\":\\d+", "\"elapsedMillis\":T")
                .replaceAll("\"(bytesPerSecond|etaSeconds)\":[0-9a-z]+", "\"$1\":X")
                .replaceAll("(?m)^\\{\"event\":\"progress\".*\\n", "");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> all = Files.list(folder)) {
            return all.map(path -> path.getFileName().toString()).toList();
        }
    }

    /** Waits until the sync has copied something: then it is surely under way. */
    private void waitForCopies() throws Exception {
        for (int poll = 0; poll < 600; poll++) {
            if (Files.isDirectory(target) && names(target).stream().anyMatch(name -> name.endsWith(".bin"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sync copied nothing in 30 s: " + Files.readString(work.resolve("daemon.log")));
    }
}
