package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running sync (a separate process) stopped at a safe point by {@code conduit pause} from another process, and by
 * Ctrl-C (SIGINT): it exits cleanly, leaves no temporary file and nothing half-written, its generation says
 * {@code failed:paused}, and {@code conduit resume} carries it on to a verified mirror.
 */
class PauseE2E {

    @TempDir
    Path work;

    private Path source;
    private Path target;
    private Path library;
    private Path log;

    private void slowConduit() throws Exception {
        source = Files.createDirectories(work.resolve("source"));
        target = work.resolve("target");
        library = work.resolve("library");
        log = work.resolve("log.txt");
        Random random = new Random(11);
        for (int i = 0; i < 8; i++) {
            byte[] content = new byte[768 * 1024];
            random.nextBytes(content);
            Mirrors.write(source, "f" + i + ".bin", content);
        }
        assertThat(run(List.of("add", source.toString(), target.toString(), "--bwlimit", "1M", "--parallel", "1"))
                        .waitFor())
                .isZero();
    }

    @Test
    void pauseFromAnotherProcessStopsTheSyncAtASafePointAndResumeCarriesItOn() throws Exception {
        slowConduit();
        Process sync = run(List.of("sync", "1"));
        waitForCopies();

        Process pause = run(List.of("pause", "1"));

        assertThat(pause.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pause.exitValue()).as(Files.readString(log)).isZero();
        assertThat(sync.waitFor(30, TimeUnit.SECONDS)).as("the sync stopped").isTrue();
        assertThat(sync.exitValue()).isEqualTo(1);
        assertStoppedCleanly();
        assertThat(Files.readString(log)).contains("stopped at a safe point");
        JsonArray paused = jobs();
        assertThat(paused)
                .as("the copy job paused, the delete job never started")
                .extracting(job -> field(job, "kind") + " " + field(job, "state"))
                .containsExactly("copy paused", "delete cancelled");
        long pausedJob = paused.get(0).getAsJsonObject().get("id").getAsLong();
        long doneBefore = paused.get(0).getAsJsonObject().get("itemsDone").getAsLong();
        long copiedBefore;
        try (Stream<Path> copied = Files.list(target)) {
            copiedBefore = copied.count();
        }
        assertThat(doneBefore).as("every file in place is recorded as done").isEqualTo(copiedBefore);

        CliRun resumed = CliRun.run(library, "resume", "1");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        JsonObject carrying = jobs().get(0).getAsJsonObject();
        assertThat(carrying.get("resumes").getAsLong())
                .as("the new copy job carries on the paused one")
                .isEqualTo(pausedJob);
        assertThat(carrying.get("itemsDone").getAsLong())
                .as("what was done is not done again")
                .isEqualTo(8 - doneBefore);
        assertThat(resumed.out()).contains("Carrying on").contains("verified");
        assertThat(CliRun.run(library, "--json", "history", "1").out())
                .as("the generation says it resumed")
                .contains("\"resumedFrom\":1");
        assertThat(Mirrors.view(target)).isEqualTo(Mirrors.view(source));
        assertThat(CliRun.run(library, "pause", "1").exitCode())
                .as("nothing to pause now")
                .isEqualTo(1);
    }

    @Test
    void ctrlCStopsTheSyncAtASafePointLikePause() throws Exception {
        slowConduit();
        Process sync = run(List.of("sync", "1"));
        waitForCopies();

        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(sync.pid()))
                        .start()
                        .waitFor())
                .isZero();

        assertThat(sync.waitFor(30, TimeUnit.SECONDS)).as("the sync stopped").isTrue();
        assertThat(sync.exitValue()).isEqualTo(1);
        assertStoppedCleanly();
        assertThat(CliRun.run(library, "--json", "sync", "1").out()).contains("\"verification\":\"verified\"");
        assertThat(Mirrors.view(target)).isEqualTo(Mirrors.view(source));
    }

    @Test
    void aPausedBidirectionalSyncIsCarriedOnBothWays() throws Exception {
        source = Files.createDirectories(work.resolve("laptop"));
        target = Files.createDirectories(work.resolve("usb"));
        library = work.resolve("library");
        log = work.resolve("log.txt");
        Random random = new Random(13);
        for (int i = 0; i < 10; i++) { // five seconds each way at 1 MiB/s
            byte[] one = new byte[512 * 1024];
            random.nextBytes(one);
            Mirrors.write(source, "from-laptop/f" + i + ".bin", one);
            byte[] other = new byte[512 * 1024];
            random.nextBytes(other);
            Mirrors.write(target, "from-usb/g" + i + ".bin", other);
        }
        assertThat(run(List.of(
                                "add",
                                source.toString(),
                                target.toString(),
                                "--mode",
                                "bidirectional",
                                "--bwlimit",
                                "1M",
                                "--parallel",
                                "1"))
                        .waitFor())
                .isZero();
        Process sync = run(List.of("sync", "1"));
        for (int poll = 0; poll < 300 && !Files.exists(target.resolve("from-laptop/f0.bin")); poll++) {
            Thread.sleep(50);
        }

        assertThat(run(List.of("pause", "1")).waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(sync.waitFor(30, TimeUnit.SECONDS)).as("the sync stopped").isTrue();
        assertThat(sync.exitValue()).as(Files.readString(log)).isEqualTo(1);
        assertThat(jobs())
                .as("the first direction's copy paused, the other direction's never started")
                .extracting(job -> field(job, "kind") + " " + field(job, "direction") + " " + field(job, "state"))
                .containsExactly("copy source-to-target paused", "copy target-to-source cancelled");

        CliRun resumed = CliRun.run(library, "resume", "1");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("verified");
        assertThat(jobs())
                .as("what was left, each job carrying on the one stopped in its direction")
                .extracting(job -> field(job, "kind") + " " + field(job, "direction") + " " + field(job, "state") + " "
                        + !job.getAsJsonObject().get("resumes").isJsonNull())
                .contains("copy target-to-source completed true")
                .allMatch(job -> job.endsWith("completed true"));
        assertThat(Mirrors.view(target)).as("both sides hold everything").isEqualTo(Mirrors.view(source));
        assertThat(Mirrors.view(source)).containsKeys("from-laptop/f9.bin", "from-usb/g9.bin");
    }

    private JsonArray jobs() {
        return JsonParser.parseString(
                        CliRun.run(library, "--json", "status", "1").out())
                .getAsJsonArray()
                .get(0)
                .getAsJsonObject()
                .getAsJsonArray("jobs");
    }

    private static String field(com.google.gson.JsonElement job, String name) {
        return job.getAsJsonObject().get(name).getAsString();
    }

    /** Waits until the sync has copied something: then it is surely under way. */
    private void waitForCopies() throws Exception {
        for (int poll = 0; poll < 300; poll++) {
            if (Files.isDirectory(target)) {
                try (Stream<Path> files = Files.list(target)) {
                    if (files.anyMatch(path -> path.getFileName().toString().endsWith(".bin"))) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sync copied nothing in 15 s: " + Files.readString(log));
    }

    private void assertStoppedCleanly() throws Exception {
        List<String> names;
        try (Stream<Path> all = Files.list(target)) {
            names = all.map(path -> path.getFileName().toString()).toList();
        }
        assertThat(names).noneMatch(name -> name.startsWith(".conduit-tmp-"));
        assertThat(names).as("stopped before the end").hasSizeLessThan(8);
        for (String name : names) {
            assertThat(Files.size(target.resolve(name))).as(name + " whole").isEqualTo(768 * 1024);
        }
        assertThat(CliRun.run(library, "--json", "history", "1").out()).contains("\"failed:paused\"");
    }

    private Process run(List<String> arguments) throws Exception {
        return LaunchedConduit.start(library, log, arguments);
    }
}
