package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.conduit.testing.SshHost;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote endpoints as CLI.md ("Devices") promises them, driven through {@code ./conduit} against another host: a
 * real {@code sshd} in another network namespace ({@link SshHost}), the agent run there as this checkout's launcher
 * with a library of its own. The remote side shares this machine's file system, so the tests look at both sides'
 * files directly; every comparison with {@code rsync} goes over the same ssh.
 */
class RemoteEndpointsE2E {

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    private static final Path LAUNCHER = PROJECT.resolve("conduit");
    private static final int MIB = 1024 * 1024;

    private static SshHost host;

    @TempDir
    Path work;

    private Path library;
    private Path agent;
    private Path local;
    private Path remote;

    @BeforeAll
    static void startTheOtherHost() throws Exception {
        host = SshHost.start();
    }

    @AfterAll
    static void stopTheOtherHost() throws Exception {
        host.close();
    }

    @BeforeEach
    void twoSides() throws Exception {
        library = work.resolve("library");
        agent = host.remoteConduit(LAUNCHER, work.resolve("remote-library"));
        local = Files.createDirectories(work.resolve("local"));
        remote = work.resolve("remote");
    }

    private record Run(int exit, String out, String err) {
        /** What conduit said on stderr, and what the other host's sshd logged: why a run failed. */
        String why() {
            return err + "\n--- the other host's sshd:\n" + host.sshdLog();
        }

        /** The summary: the last line of {@code --json} output. */
        JsonObject summary() {
            List<String> lines = out.lines().filter(line -> !line.isBlank()).toList();
            return JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        }
    }

    /** {@code ./conduit --library LIBRARY ARGS...} as a process, to its end; standard input is empty. */
    private Run conduit(String... arguments) throws Exception {
        return start(arguments).finish();
    }

    /** A {@code ./conduit} process under way, its output going to two files. */
    private record Started(Process process, Path out, Path err) {
        Run finish() throws Exception {
            assertThat(process.waitFor(180, TimeUnit.SECONDS))
                    .as("conduit ended")
                    .isTrue();
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        }

        boolean isAlive() {
            return process.isAlive();
        }
    }

    private Started start(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "--library", library.toString()));
        command.addAll(Arrays.asList(arguments));
        Path out = Files.createTempFile(work, "out-", ".txt");
        Path err = Files.createTempFile(work, "err-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("HOME", work.resolve("home").toString());
        builder.environment().remove("CONDUIT_SSH");
        builder.environment().remove("CONDUIT_LIBRARY");
        return new Started(builder.start(), out, err);
    }

    /** The options that reach the other host: {@code --ssh} and {@code --remote-conduit}. */
    private List<String> reach() {
        return List.of("--ssh", host.sshOption(), "--remote-conduit", agent.toString());
    }

    private String[] sync(String source, String target, String... more) {
        List<String> words = new ArrayList<>(List.of("--json", "sync", source, target));
        words.addAll(reach());
        words.addAll(Arrays.asList(more));
        return words.toArray(String[]::new);
    }

    /** {@code rsync -anci --delete} over the same ssh: what it would still do to make TO a copy of FROM. */
    private static String rsyncDifferences(String from, String to) throws Exception {
        Process rsync = new ProcessBuilder("rsync", "-anci", "--delete", "-e", host.sshOption(), from + "/", to + "/")
                .redirectErrorStream(true)
                .start();
        String said = new String(rsync.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rsync.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(rsync.exitValue()).as(said).isZero();
        return said;
    }

    private static void tree(Path root, long seed) throws IOException {
        Random random = new Random(seed);
        for (int i = 0; i < 40; i++) {
            byte[] content = new byte[random.nextInt(20_000)];
            random.nextBytes(content);
            Mirrors.write(root, "d" + (i % 5) + "/e" + (i % 3) + "/f" + i + ".bin", content);
        }
        Files.createDirectories(root.resolve("empty/folder"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("d0/e0/f0.bin"));
        Files.setPosixFilePermissions(root.resolve("d1/e1/f1.bin"), PosixFilePermissions.fromString("rwx------"));
        Files.setLastModifiedTime(root.resolve("d2/e2/f2.bin"), FileTime.from(Instant.parse("2020-02-02T02:02:02Z")));
    }

    @Test
    void aMirrorToTheRemoteLeavesRsyncNothingToDo() throws Exception {
        tree(local, 1);

        Run sync = conduit(sync(local.toString(), host.endpoint(remote)));

        assertThat(sync.exit()).as(sync.why()).isZero();
        assertThat(sync.summary().get("verification").getAsString()).isEqualTo("verified");
        assertThat(sync.summary().get("filesCopied").getAsLong())
                .as("40 files and a link")
                .isEqualTo(41);
        assertThat(rsyncDifferences(local.toString(), host.endpoint(remote))).isEmpty();
        assertThat(Mirrors.view(remote)).isEqualTo(Mirrors.view(local));
        Run again = conduit("--json", "sync", "1");
        assertThat(again.exit()).as(again.why()).isZero();
        assertThat(again.err())
                .as("sync NAME starts its agent and opens its library on threads of their own, quietly (ADR 0058)")
                .isEmpty();
        assertThat(again.summary().get("filesCopied").getAsLong()).isZero();
        assertThat(again.summary().get("bytesTransferred").getAsLong()).isZero();
    }

    @Test
    void aDaemonSyncsARemoteConduitAgainOverTheConnectionItKept() throws Exception {
        tree(local, 7);
        Path starts = work.resolve("agent-starts");
        Path counting = work.resolve("counting-conduit");
        Files.writeString(counting, "#!/bin/sh\necho $$ >> '" + starts + "'\nexec '" + agent + "' \"$@\"\n");
        assertThat(counting.toFile().setExecutable(true)).isTrue();
        List<String> add = new ArrayList<>(List.of("add", local.toString(), host.endpoint(remote), "--name", "nas"));
        add.addAll(List.of("--ssh", host.sshOption(), "--remote-conduit", counting.toString()));
        Run added = conduit(add.toArray(String[]::new));
        assertThat(added.exit()).as(added.why()).isZero();
        long before = Files.exists(starts) ? Files.readAllLines(starts).size() : 0;
        Started daemon = start("daemon");
        try {
            for (int poll = 0; !Files.readString(daemon.out()).contains("Serving "); poll++) {
                assertThat(daemon.isAlive() && poll < 1200)
                        .as("the daemon serves: " + Files.readString(daemon.err()))
                        .isTrue();
                Thread.sleep(50);
            }
            Run first = conduit("--json", "sync", "nas");
            assertThat(first.exit()).as(first.why()).isZero();
            assertThat(first.summary().get("filesCopied").getAsLong()).isEqualTo(41);
            Mirrors.write(local, "later.txt", "later"); // an event the live index applies before the next sync

            Run second = conduit("--json", "sync", "nas");

            assertThat(second.exit())
                    .as("the live index looks at the roots on this machine only: " + second.why())
                    .isZero();
            assertThat(second.err()).isEmpty();
            assertThat(second.summary().get("filesCopied").getAsLong()).isEqualTo(1);
            assertThat(Files.readAllLines(starts))
                    .as("the daemon's two syncs over one ssh and one agent, kept from the first")
                    .hasSize((int) before + 1);
            assertThat(Mirrors.view(remote)).isEqualTo(Mirrors.view(local));

            List<String> agents = Files.readAllLines(starts); // each agent's pid: the wrappers exec it
            long kept = Long.parseLong(agents.get(agents.size() - 1).strip());
            ProcessHandle agentProcess = ProcessHandle.of(kept).orElseThrow();
            assertThat(agentProcess.info().commandLine().orElse(""))
                    .as("the agent the daemon kept, still running between its syncs")
                    .contains("agent");
            agentProcess.destroyForcibly(); // SIGKILL
            agentProcess.onExit().get(10, TimeUnit.SECONDS);
            Mirrors.write(local, "after-the-kill.txt", "after");
            Run third = conduit("--json", "sync", "nas");
            assertThat(third.exit())
                    .as("a kept session whose agent died is not used: " + third.why())
                    .isZero();
            assertThat(Files.readAllLines(starts)).as("a new agent").hasSize((int) before + 2);
            assertThat(Mirrors.view(remote)).isEqualTo(Mirrors.view(local));
        } finally {
            daemon.process().destroy(); // SIGTERM: the daemon stops and ends the agent it kept
            Run stopped = daemon.finish();
            assertThat(stopped.exit()).as(stopped.err()).isZero();
        }
    }

    @Test
    void aMirrorFromTheRemoteLeavesRsyncNothingToDo() throws Exception {
        Files.createDirectories(remote);
        tree(remote, 2);
        Path target = work.resolve("target");

        Run sync = conduit(sync(host.endpoint(remote), target.toString()));

        assertThat(sync.exit()).as(sync.why()).isZero();
        assertThat(sync.summary().get("verification").getAsString()).isEqualTo("verified");
        assertThat(rsyncDifferences(host.endpoint(remote), target.toString())).isEmpty();
        assertThat(Mirrors.view(target)).isEqualTo(Mirrors.view(remote));
    }

    @Test
    void bidirectionalCarriesEditsBothWaysAndSettlesAConflict() throws Exception {
        Files.createDirectories(remote);
        Mirrors.write(local, "a.txt", "a");
        Mirrors.write(local, "b.txt", "b");
        Mirrors.write(remote, "c.txt", "c");
        Mirrors.write(remote, "gone.txt", "to be deleted on the remote side");
        Run first = conduit(
                sync(local.toString(), host.endpoint(remote), "--mode", "bidirectional", "--conflict", "keep-both"));
        assertThat(first.exit()).as(first.why()).isZero();
        assertThat(Mirrors.view(remote)).isEqualTo(Mirrors.view(local)).containsKeys("a.txt", "c.txt");

        Mirrors.write(local, "a.txt", "a, edited here");
        Mirrors.write(remote, "b.txt", "b, edited there");
        Mirrors.write(local, "new-here.txt", "new here");
        Files.delete(remote.resolve("gone.txt"));
        Mirrors.write(local, "c.txt", "c, the local edit");
        Mirrors.write(remote, "c.txt", "c, the remote edit");
        Files.setLastModifiedTime(remote.resolve("c.txt"), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(local.resolve("c.txt"), FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));

        Run second = conduit("--json", "sync", "1");

        assertThat(second.exit()).as(second.why()).isZero();
        assertThat(second.summary().get("conflicts").getAsLong()).isEqualTo(1);
        assertThat(Mirrors.view(remote)).isEqualTo(Mirrors.view(local));
        assertThat(Files.readString(remote.resolve("a.txt"))).isEqualTo("a, edited here");
        assertThat(Files.readString(local.resolve("b.txt"))).isEqualTo("b, edited there");
        assertThat(remote.resolve("new-here.txt")).hasContent("new here");
        assertThat(local.resolve("gone.txt")).doesNotExist();
        assertThat(Files.readString(remote.resolve("c.txt")))
                .as("the newer version")
                .isEqualTo("c, the local edit");
        try (Stream<Path> files = Files.list(local)) {
            Path loser = files.filter(path -> path.getFileName().toString().startsWith("c (conflict "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no conflict copy of c.txt"));
            assertThat(loser.getFileName().toString()).endsWith(" target).txt");
            assertThat(loser).hasContent("c, the remote edit");
        }
    }

    /**
     * Clock skew between the hosts under {@code newest-wins}. The agent runs under libfaketime two hours ahead
     * ({@code --remote-conduit 'faketime -f +2h conduit'}); the test first proves the offset reached what the agent
     * does (the times its scan stamped on its index), then edits {@code c.txt} on the other host first, through that
     * host's clock ({@code touch} under the same offset stamps it two hours ahead), and here afterwards.
     *
     * <p>What is right: newest-wins compares modification times, and each file's time was made by the clock of the
     * host it was written on; Conduit cannot know how far apart the clocks were when a file was written, so the
     * earlier edit, stamped by the fast clock, wins. Nothing is lost: the losing version is in this side's trash,
     * listed and restorable. Each host's {@code indexedAt} only ever meets its own disk's times (the racy rule, the
     * guard before a write), never the other host's.
     */
    @Test
    void underClockSkewNewestWinsGoesByTheFilesTimesAndTheLoserIsInTheTrash() throws Exception {
        Files.createDirectories(remote);
        Mirrors.write(local, "c.txt", "c, as both sides had it");
        Mirrors.write(remote, "there.txt", "on the other host");
        Path skewed = host.remoteConduit(LAUNCHER, work.resolve("remote-library"));
        String ahead = "faketime -f +2h " + skewed;
        Instant before = Instant.now();
        Run first = conduit(
                "--json",
                "sync",
                local.toString(),
                host.endpoint(remote),
                "--ssh",
                host.sshOption(),
                "--remote-conduit",
                ahead,
                "--mode",
                "bidirectional",
                "--conflict",
                "newest-wins");
        assertThat(first.exit()).as(first.why()).isZero();
        assertThat(Mirrors.view(remote)).isEqualTo(Mirrors.view(local));
        assertThat(agentIndexedAt(work.resolve("remote-library"), "there.txt"))
                .as("the agent's clock is two hours ahead: its scan stamped its index so")
                .isAfter(before.plus(java.time.Duration.ofMinutes(119)))
                .isBefore(Instant.now().plus(java.time.Duration.ofMinutes(121)));

        Mirrors.write(remote, "c.txt", "c, edited there first");
        Process touched = new ProcessBuilder(host.ssh("faketime -f +2h touch " + remote.resolve("c.txt")))
                .redirectErrorStream(true)
                .start()
                .onExit()
                .get(60, TimeUnit.SECONDS);
        assertThat(touched.exitValue()).isZero();
        Instant editedThere = Files.getLastModifiedTime(remote.resolve("c.txt")).toInstant();
        Thread.sleep(20);
        Mirrors.write(local, "c.txt", "c, edited here afterwards");
        Instant editedHere = Files.getLastModifiedTime(local.resolve("c.txt")).toInstant();
        assertThat(editedThere)
                .as("the other host's clock stamped its earlier edit two hours ahead")
                .isAfter(editedHere.plus(java.time.Duration.ofMinutes(119)));

        Run second = conduit("--json", "sync", "1");

        assertThat(second.exit()).as(second.why()).isZero();
        assertThat(second.summary().get("conflicts").getAsLong()).isEqualTo(1);
        assertThat(local.resolve("c.txt"))
                .as("newest-wins goes by the files' times: the fast clock's edit wins")
                .hasContent("c, edited there first");
        assertThat(Mirrors.view(remote)).isEqualTo(Mirrors.view(local));
        assertThat(Files.getLastModifiedTime(local.resolve("c.txt")).toInstant())
                .isEqualTo(editedThere);
        JsonArray trash =
                JsonParser.parseString(conduit("--json", "trash", "list").out()).getAsJsonArray();
        assertThat(trash)
                .extracting(entry -> entry.getAsJsonObject().get("side").getAsString() + " "
                        + entry.getAsJsonObject().get("path").getAsString() + " "
                        + entry.getAsJsonObject().get("reason").getAsString())
                .as("the loser is kept")
                .containsExactly("source c.txt conflict-loser");
        Files.delete(local.resolve("c.txt")); // restore puts a version back only where nothing is

        Run restore = conduit(
                "trash", "restore", trash.get(0).getAsJsonObject().get("id").getAsString());

        assertThat(restore.exit()).as(restore.why()).isZero();
        assertThat(local.resolve("c.txt")).hasContent("c, edited here afterwards");
    }

    /** When the agent's scan last examined {@code path} in full, as its own library recorded it. */
    private static Instant agentIndexedAt(Path agentLibrary, String path) throws Exception {
        try (java.sql.Connection db =
                        java.sql.DriverManager.getConnection("jdbc:sqlite:" + agentLibrary.resolve("library.db"));
                java.sql.PreparedStatement query = db.prepareStatement("SELECT indexed_at FROM entry WHERE path = ?")) {
            query.setString(1, path);
            try (java.sql.ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("the agent indexed " + path).isTrue();
                long nanos = row.getLong(1);
                return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
            }
        }
    }

    @Test
    void aRenameOnOneSideIsAMoveOnTheOtherWithNoBytesSent() throws Exception {
        byte[] large = new byte[2 * MIB];
        new Random(3).nextBytes(large);
        Mirrors.write(local, "photos/2025/holiday.raw", large);
        Mirrors.write(local, "keep.txt", "keep");
        Run first = conduit(sync(local.toString(), host.endpoint(remote)));
        assertThat(first.exit()).as(first.why()).isZero();
        Files.createDirectories(local.resolve("archive"));
        Files.move(local.resolve("photos/2025/holiday.raw"), local.resolve("archive/holiday.raw"));

        Run plan = conduit("--json", "plan", "1");
        Run sync = conduit("--json", "sync", "1");

        assertThat(plan.exit()).as(plan.why()).isZero();
        assertThat(JsonParser.parseString(plan.out()).getAsJsonObject().getAsJsonArray("operations"))
                .extracting(e -> e.getAsJsonObject().get("op").getAsString() + " "
                        + e.getAsJsonObject().get("path").getAsString())
                .contains("move archive/holiday.raw")
                .noneMatch(operation -> operation.startsWith("copy ") || operation.startsWith("delete "));
        assertThat(sync.exit()).as(sync.why()).isZero();
        assertThat(sync.summary().get("bytesTransferred").getAsLong()).isZero();
        assertThat(sync.summary().get("filesDeleted").getAsLong()).isZero();
        assertThat(Mirrors.view(remote)).isEqualTo(Mirrors.view(local));
        JsonArray trash =
                JsonParser.parseString(conduit("--json", "trash", "list").out()).getAsJsonArray();
        assertThat(trash)
                .as("a move keeps nothing in the trash, on either side")
                .isEmpty();
    }

    @Test
    void theRemoteSidesReplacedAndDeletedVersionsAreInTheTrashAndCanBeRestored() throws Exception {
        Mirrors.write(local, "kept.txt", "the first version");
        Mirrors.write(local, "gone.txt", "deleted later");
        Run first = conduit(sync(local.toString(), host.endpoint(remote)));
        assertThat(first.exit()).as(first.why()).isZero();
        Mirrors.write(local, "kept.txt", "the second version");
        Files.delete(local.resolve("gone.txt"));

        Run second = conduit("--json", "sync", "1");

        assertThat(second.exit()).as(second.why()).isZero();
        assertThat(remote.resolve("kept.txt")).hasContent("the second version");
        assertThat(remote.resolve("gone.txt")).doesNotExist();
        JsonArray trash =
                JsonParser.parseString(conduit("--json", "trash", "list").out()).getAsJsonArray();
        assertThat(trash)
                .extracting(entry -> entry.getAsJsonObject().get("side").getAsString() + " "
                        + entry.getAsJsonObject().get("path").getAsString() + " "
                        + entry.getAsJsonObject().get("reason").getAsString())
                .containsExactlyInAnyOrder("target kept.txt overwritten", "target gone.txt deleted");
        String deleted = trash.asList().stream()
                .map(entry -> entry.getAsJsonObject())
                .filter(entry -> entry.get("path").getAsString().equals("gone.txt"))
                .map(entry -> entry.get("id").getAsString())
                .findFirst()
                .orElseThrow();

        Run restore = conduit("trash", "restore", deleted);

        assertThat(restore.exit()).as(restore.why()).isZero();
        assertThat(remote.resolve("gone.txt"))
                .as("back where it was, on the remote side")
                .hasContent("deleted later");
        Run history = conduit("--json", "history", "1");
        assertThat(history.exit()).as(history.why()).isZero();
        assertThat(JsonParser.parseString(history.out()).getAsJsonArray()).hasSize(2);
    }

    @Test
    void theRemoteHostsOwnLibraryListsAndRestoresWhatItsAgentTrashed() throws Exception {
        Mirrors.write(local, "kept.txt", "the first version");
        Mirrors.write(local, "gone.txt", "deleted later");
        Mirrors.write(local, "later.txt", "deleted later, restored from here");
        for (int i = 0; i < 4; i++) { // two deletes stay within the delete limit
            Mirrors.write(local, "stays-" + i + ".txt", "stays");
        }
        Run first = conduit(sync(local.toString(), host.endpoint(remote)));
        assertThat(first.exit()).as(first.why()).isZero();
        assertThat(trashThere()).as("nothing trashed yet").isEmpty();
        Mirrors.write(local, "kept.txt", "the second version");
        Files.delete(local.resolve("gone.txt"));
        Files.delete(local.resolve("later.txt"));

        Run second = conduit("--json", "sync", "1");

        assertThat(second.exit()).as(second.why()).isZero();
        JsonArray here =
                JsonParser.parseString(conduit("--json", "trash", "list").out()).getAsJsonArray();
        assertThat(here)
                .extracting(RemoteEndpointsE2E::sidePathReason)
                .as("this library lists each version once")
                .containsExactlyInAnyOrder(
                        "target kept.txt overwritten", "target gone.txt deleted", "target later.txt deleted");
        JsonArray there = trashThere();
        assertThat(there)
                .extracting(RemoteEndpointsE2E::sidePathReason)
                .as("`conduit trash list` on the other host, in the agent's library")
                .containsExactlyInAnyOrder(
                        "target kept.txt overwritten", "target gone.txt deleted", "target later.txt deleted");

        Run restoredThere = onTheOtherHost("trash", "restore", idOf(there, "gone.txt"));

        assertThat(restoredThere.exit()).as(restoredThere.why()).isZero();
        assertThat(remote.resolve("gone.txt"))
                .as("restored on the other host, by its own library")
                .hasContent("deleted later");
        assertThat(trashThere())
                .extracting(RemoteEndpointsE2E::sidePathReason)
                .doesNotContain("target gone.txt deleted");

        Run restoredHere = conduit("trash", "restore", idOf(here, "later.txt"));

        assertThat(restoredHere.exit()).as(restoredHere.why()).isZero();
        assertThat(remote.resolve("later.txt")).hasContent("deleted later, restored from here");
        assertThat(trashThere())
                .extracting(RemoteEndpointsE2E::sidePathReason)
                .as("a version restored through the session leaves the agent's library too")
                .containsExactly("target kept.txt overwritten");
    }

    private static String sidePathReason(com.google.gson.JsonElement entry) {
        JsonObject version = entry.getAsJsonObject();
        return version.get("side").getAsString() + " " + version.get("path").getAsString() + " "
                + version.get("reason").getAsString();
    }

    private static String idOf(JsonArray trash, String path) {
        return trash.asList().stream()
                .map(entry -> entry.getAsJsonObject())
                .filter(entry -> entry.get("path").getAsString().equals(path))
                .map(entry -> entry.get("id").getAsString())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + path + " in " + trash));
    }

    /** {@code conduit --json trash list} run on the other host, over ssh, with the agent's library. */
    private JsonArray trashThere() throws Exception {
        Run list = onTheOtherHost("--json", "trash", "list");
        assertThat(list.exit()).as(list.why()).isZero();
        return JsonParser.parseString(list.out()).getAsJsonArray();
    }

    /** {@code conduit ARGS...} run by a user of the other host (over ssh): the agent's {@code conduit}, its library. */
    private Run onTheOtherHost(String... arguments) throws Exception {
        StringBuilder command = new StringBuilder(agent.toString());
        for (String argument : arguments) {
            command.append(' ').append(argument);
        }
        Process process = new ProcessBuilder(host.ssh(command.toString()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        java.util.concurrent.CompletableFuture<String> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err.get());
    }

    @Test
    void aConnectionCutMidTransferLeavesNoPartialFileAndTheNextSyncCarriesOn() throws Exception {
        byte[] large = new byte[64 * MIB];
        new Random(4).nextBytes(large);
        Mirrors.write(local, "big.bin", large);
        Mirrors.write(local, "small.txt", "small");
        Started sync = start(sync(local.toString(), host.endpoint(remote), "--bwlimit", "16M"));
        long received = awaitArrived(sync, 16L * MIB);

        host.cutConnections();

        Run cut = sync.finish();
        assertThat(cut.exit()).as("the sync whose connection was cut fails").isEqualTo(1);
        assertThat(cut.err().strip().lines()).as(cut.why()).isNotEmpty();
        assertThat(remote.resolve("big.bin"))
                .as("no partial file in place (%d bytes had arrived)", received)
                .satisfiesAnyOf(
                        path -> assertThat(path).doesNotExist(),
                        path -> assertThat(Files.readAllBytes(path)).isEqualTo(large));

        Run next = conduit("--json", "sync", "1");

        assertThat(next.exit()).as(next.why()).isZero();
        assertThat(Files.readAllBytes(remote.resolve("big.bin"))).isEqualTo(large);
        assertThat(Mirrors.view(remote)).isEqualTo(Mirrors.view(local));
        assertThat(temporaries(remote)).isEmpty();
        assertThat(next.summary().get("bytesTransferred").getAsLong())
                .as("what had arrived and was verified is not sent again")
                .isLessThan(large.length);
    }

    /**
     * The connection cut while the other host's index is brought up to date (library sync first): the agent is seen
     * reading the files it must hash before it can answer (three sparse files of 1 GiB, new since the last
     * exchange), and the cut lands before it read them all. The sync fails as a lost connection, in one line, exit 1,
     * the conduit not paused, nothing changed on either side.
     */
    @Test
    void aConnectionCutDuringTheIndexExchangeIsALostConnectionAndChangesNothing() throws Exception {
        Files.createDirectories(remote);
        Mirrors.write(local, "a.txt", "a");
        Mirrors.write(remote, "there.txt", "there");
        Run first = conduit(sync(local.toString(), host.endpoint(remote), "--mode", "bidirectional"));
        assertThat(first.exit()).as(first.why()).isZero();
        long gib = 1024L * MIB;
        for (int i = 0; i < 3; i++) {
            try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(
                    remote.resolve("big-" + i + ".bin").toFile(), "rw")) {
                sparse.setLength(gib);
            }
        }
        Map<String, String> localBefore = Mirrors.view(local);
        Map<String, String> remoteBefore = listing(remote);

        Started sync = start("--json", "sync", "1");
        long read = awaitAgentRead(sync, 256L * MIB);
        assertThat(read)
                .as("the agent had not read all it must hash: the exchange was under way")
                .isLessThan(3 * gib);
        host.cutConnections();
        Run cut = sync.finish();

        assertThat(cut.exit()).as(cut.why()).isEqualTo(1);
        assertThat(cut.err().strip()).as("one line").doesNotContain("\n");
        assertThat(cut.err())
                .contains("connection to the agent on " + host.alias() + " was lost")
                .contains("while the index of " + remote)
                .contains("nothing was changed")
                .doesNotContain("cannot index")
                .doesNotContain("check that it can be read");
        assertThat(Mirrors.view(local)).isEqualTo(localBefore);
        assertThat(listing(remote)).isEqualTo(remoteBefore);
        assertThat(state()).as("a lost connection does not pause the conduit").isEqualTo("idle");
    }

    /** Every entry below a root with its size: what a sync would change (no file is read). */
    private static Map<String, String> listing(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> !path.equals(root))
                    .collect(java.util.stream.Collectors.toMap(
                            path -> root.relativize(path).toString(), path -> {
                                try {
                                    return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                                            ? "dir"
                                            : Files.size(path) + " " + Files.getLastModifiedTime(path);
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            }));
        }
    }

    /** Waits until the agent has read at least {@code bytes} (its files and jars); returns how much it had. */
    private static long awaitAgentRead(Started sync, long bytes) throws Exception {
        for (int poll = 0; poll < 3000; poll++) {
            if (!sync.isAlive()) {
                Run ended = sync.finish();
                throw new AssertionError("the sync ended before the agent read " + bytes + " bytes (exit "
                        + ended.exit() + "): " + ended.out() + ended.why());
            }
            Optional<ProcessHandle> agent = agentProcess();
            long read = agent.map(process -> io(process, "rchar")).orElse(0L);
            if (read >= bytes) {
                return read;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the agent did not read " + bytes + " bytes in 30 s");
    }

    @Test
    void anAgentKilledMidSyncIsCaughtUpByTheNextSync() throws Exception {
        Random random = new Random(5);
        int files = 300;
        for (int i = 0; i < files; i++) {
            byte[] content = new byte[32 * 1024];
            random.nextBytes(content);
            Mirrors.write(local, "d" + (i % 10) + "/f" + i + ".bin", content);
        }
        Started sync = start(sync(local.toString(), host.endpoint(remote), "--bwlimit", "2M"));
        awaitArrived(sync, MIB);
        awaitWritten(sync, 20);
        ProcessHandle killed = agentProcess().orElseThrow(() -> new AssertionError("no agent runs"));

        killed.destroyForcibly(); // SIGKILL

        assertThat(killed.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        long placed = placed(remote);
        assertThat(placed).as("killed mid-work: not every file placed").isLessThan(files);
        Run interrupted = sync.finish();
        assertThat(interrupted.exit()).isEqualTo(1);
        Run next = conduit("--json", "sync", "1");
        assertThat(next.exit()).as(next.why()).isZero();
        assertThat(next.summary().get("verification").getAsString()).isEqualTo("verified");
        assertThat(Mirrors.view(remote)).isEqualTo(Mirrors.view(local));
        assertThat(temporaries(remote)).isEmpty();
        assertThat(rsyncDifferences(local.toString(), host.endpoint(remote))).isEmpty();
    }

    @Test
    void anUnreachableHostIsOneLineAndChangesNothing() throws Exception {
        twoTreesThatDiffer();

        refusedWithOneLine(List.of(
                "sync",
                local.toString(),
                host.unreachableAlias() + ":" + remote,
                "--ssh",
                host.sshOption(),
                "--remote-conduit",
                agent.toString()));
    }

    @Test
    void aHostWhoseSshdIsDownIsOneLineAndChangesNothing() throws Exception {
        try (SshHost down = SshHost.start()) {
            down.stop();
            twoTreesThatDiffer();

            refusedWithOneLine(List.of(
                    "sync",
                    local.toString(),
                    down.endpoint(remote),
                    "--ssh",
                    down.sshOption(),
                    "--remote-conduit",
                    down.remoteConduit(LAUNCHER, work.resolve("remote-library")).toString()));
        }
    }

    @Test
    void aFailedLoginIsOneLineAndChangesNothing() throws Exception {
        twoTreesThatDiffer();

        refusedWithOneLine(List.of(
                "sync",
                local.toString(),
                host.aliasWithWrongKey() + ":" + remote,
                "--ssh",
                host.sshOption(),
                "--remote-conduit",
                agent.toString()));
    }

    @Test
    void aMissingAgentIsOneLineAndChangesNothing() throws Exception {
        twoTreesThatDiffer();

        refusedWithOneLine(List.of(
                "sync",
                local.toString(),
                host.endpoint(remote),
                "--ssh",
                host.sshOption(),
                "--remote-conduit",
                "/nonexistent"));
    }

    private void twoTreesThatDiffer() throws IOException {
        tree(local, 6);
        Mirrors.write(remote, "only-there.txt", "only on the remote side");
        Mirrors.write(remote, "d0/e0/f0.bin", "the remote side's f0");
    }

    private void refusedWithOneLine(List<String> arguments) throws Exception {
        Map<String, String> localBefore = Mirrors.view(local);
        Map<String, String> remoteBefore = Mirrors.view(remote);
        Optional<Map<String, String>> remoteLibraryBefore = viewIfThere(work.resolve("remote-library"));

        Run refused = conduit(arguments.toArray(String[]::new));

        assertThat(refused.exit()).as(refused.why()).isEqualTo(1);
        assertThat(refused.err().strip()).as("one line").isNotEmpty().doesNotContain("\n");
        assertThat(Mirrors.view(local)).isEqualTo(localBefore);
        assertThat(Mirrors.view(remote)).isEqualTo(remoteBefore);
        assertThat(viewIfThere(work.resolve("remote-library"))).isEqualTo(remoteLibraryBefore);
    }

    @Test
    void pathsOutsideTheRootAreNeitherFollowedNorWritten() throws Exception {
        Path outside = Files.createDirectories(work.resolve("outside"));
        Mirrors.write(outside, "secret.txt", "outside every root");
        Files.createDirectories(remote);
        Mirrors.write(remote, "inside.txt", "inside");
        Files.createSymbolicLink(remote.resolve("escape"), outside);
        Map<String, String> outsideBefore = Mirrors.view(outside);
        Path target = work.resolve("target");

        Run fromRemote = conduit(sync(host.endpoint(remote), target.toString()));

        assertThat(fromRemote.exit()).as(fromRemote.why()).isZero();
        assertThat(Files.isSymbolicLink(target.resolve("escape")))
                .as("a link, as a link")
                .isTrue();
        assertThat(Files.readSymbolicLink(target.resolve("escape"))).isEqualTo(outside);
        try (Stream<Path> copied = Files.walk(target)) { // links not followed
            assertThat(copied.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                            .map(path -> target.relativize(path).toString()))
                    .as("nothing from outside the root was copied")
                    .containsExactly("inside.txt");
        }

        Path into = Files.createDirectories(work.resolve("into"));
        Files.createSymbolicLink(into.resolve("sub"), outside);
        Mirrors.write(local, "sub/written.txt", "must land inside the remote root");

        Run toRemote = conduit(sync(local.toString(), host.endpoint(into)));

        assertThat(Mirrors.view(outside))
                .as("nothing written through a link out of the root")
                .isEqualTo(outsideBefore);
        assertThat(toRemote.exit()).as(toRemote.why()).isIn(0, 1);
        if (toRemote.exit() == 0) {
            assertThat(Files.isSymbolicLink(into.resolve("sub"))).isFalse();
            assertThat(Mirrors.view(into)).isEqualTo(Mirrors.view(local));
        }
    }

    @Test
    void aMissingRemoteRootPausesTheConduitAndDeletesNothing() throws Exception {
        tree(local, 7);
        Run first = conduit(sync(local.toString(), host.endpoint(remote), "--mode", "bidirectional"));
        assertThat(first.exit()).as(first.why()).isZero();
        Map<String, String> before = Mirrors.view(local);
        Path away = Files.move(remote, work.resolve("unmounted"));

        Run sync = conduit("sync", "1");

        assertThat(sync.exit()).isEqualTo(1);
        assertThat(sync.err()).contains("missing");
        assertThat(Mirrors.view(local)).as("no delete propagated").isEqualTo(before);
        assertThat(remote).as("the missing root is not made again").doesNotExist();
        assertThat(state()).isEqualTo("paused");
        Files.move(away, remote);
        Run back = conduit("sync", "1");
        assertThat(back.exit()).as(back.why()).isZero();
        assertThat(state()).isEqualTo("idle");
    }

    private String state() throws Exception {
        return JsonParser.parseString(conduit("--json", "status", "1").out())
                .getAsJsonArray()
                .get(0)
                .getAsJsonObject()
                .get("state")
                .getAsString();
    }

    /** The agent on the other host: the JVM that {@code conduit agent} runs in, a descendant of its sshd. */
    private static Optional<ProcessHandle> agentProcess() {
        return host.remoteProcesses().stream()
                .filter(process -> process.info().command().orElse("").endsWith("/java"))
                .filter(process -> process.info()
                        .arguments()
                        .map(words -> Arrays.asList(words).contains("agent"))
                        .orElse(false))
                .findFirst();
    }

    /**
     * Waits until the remote side's sshd has passed at least {@code bytes} on (to the agent: what arrived over the
     * connection); returns how much it had.
     */
    private static long awaitArrived(Started sync, long bytes) throws Exception {
        for (int poll = 0; poll < 1200; poll++) {
            if (!sync.isAlive()) {
                Run ended = sync.finish();
                throw new AssertionError("the sync ended before " + bytes + " bytes arrived (exit " + ended.exit()
                        + "): " + ended.out() + ended.why());
            }
            long arrived = host.remoteProcesses().stream()
                    .filter(process -> process.info().command().orElse("").endsWith("/sshd"))
                    .mapToLong(process -> io(process, "wchar"))
                    .sum();
            if (arrived >= bytes && agentProcess().isPresent()) {
                return arrived;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(bytes + " bytes did not reach the other host in a minute");
    }

    /**
     * Waits until at least {@code count} files are written in the remote root, placed or still temporary (copies
     * may be renamed into place in batches).
     */
    private void awaitWritten(Started sync, long count) throws Exception {
        for (int poll = 0; poll < 1200; poll++) {
            if (!sync.isAlive()) {
                Run ended = sync.finish();
                throw new AssertionError("the sync ended before " + count + " files were written (exit " + ended.exit()
                        + "): " + ended.out() + ended.why());
            }
            if (written(remote) >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(count + " files were not written in a minute");
    }

    /** A counter of {@code /proc/PID/io} (rchar, wchar...), 0 for a process that has gone. */
    private static long io(ProcessHandle process, String counter) {
        try {
            return Files.readAllLines(Path.of("/proc/" + process.pid() + "/io")).stream()
                    .filter(line -> line.startsWith(counter + ":"))
                    .mapToLong(line ->
                            Long.parseLong(line.substring(counter.length() + 1).strip()))
                    .findFirst()
                    .orElse(0);
        } catch (IOException gone) {
            return 0;
        }
    }

    private static long placed(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .filter(path -> !path.getFileName().toString().startsWith(".conduit"))
                    .count();
        }
    }

    /** Regular files below a root, temporaries included; 0 while it is missing or changing under the walk. */
    private static long written(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .count();
        } catch (IOException | java.io.UncheckedIOException changing) {
            return 0;
        }
    }

    private static List<Path> temporaries(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> path.getFileName().toString().startsWith(".conduit-tmp-"))
                    .toList();
        }
    }

    private static Optional<Map<String, String>> viewIfThere(Path root) {
        return Files.isDirectory(root) ? Optional.of(Mirrors.view(root)) : Optional.empty();
    }
}
