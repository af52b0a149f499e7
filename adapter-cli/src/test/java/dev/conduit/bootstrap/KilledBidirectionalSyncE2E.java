package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bidirectional {@code conduit sync} killed with SIGKILL at random moments while both sides keep changing (at least
 * three times with a job under way and the generation unfinished, see {@link WatchedSync}), then run again: no recovery mode is needed (unlike rclone bisync's {@code --resync}); the next sync carries on from the
 * baseline, which only ever records what was settled, and both sides end up identical with every edit kept.
 */
class KilledBidirectionalSyncE2E {

    @TempDir
    Path work;

    @Test
    void aBidirectionalSyncKilledAtAnyMomentIsCompletedByTheNext() throws Exception {
        Path laptop = Files.createDirectories(work.resolve("laptop"));
        Path usb = Files.createDirectories(work.resolve("usb"));
        Random random = new Random(4);
        for (int i = 0; i < 2000; i++) {
            byte[] content = new byte[i % 400 == 0 ? 3 << 20 : random.nextInt(8192)];
            random.nextBytes(content);
            Mirrors.write(i % 2 == 0 ? laptop : usb, "d" + (i % 30) + "/f" + i + ".bin", content);
        }
        Path library = work.resolve("library");
        Path log = work.resolve("log.txt");
        assertThat(run(List.of("add", laptop.toString(), usb.toString(), "--mode", "bidirectional"), library, log)
                        .waitFor())
                .isZero();
        List<String> sync = List.of("sync", "1", "--max-delete", "100");

        int killedMidWork = 0;
        List<String> expected = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            WatchedSync attempt =
                    WatchedSync.start(library, 1, work.resolve("events.jsonl"), log, "--max-delete", "100");
            boolean running = round % 2 == 0
                    ? !attempt.waitFor(300 + random.nextInt(1000)) // any moment: starting, indexing, copying...
                    : attempt.awaitWork(60_000) && !attempt.waitFor(random.nextInt(300)); // a moment of its jobs
            if (running && attempt.killMidWork()) { // SIGKILL: no shutdown hook runs
                killedMidWork++;
            }
            attempt.process().waitFor();
            String edit = "edited on the laptop in round " + round;
            Mirrors.write(laptop, "d0/laptop-notes.txt", edit);
            Mirrors.write(usb, "d1/usb-notes-" + round + ".txt", "written on the usb disk in round " + round);
            expected.add("d1/usb-notes-" + round + ".txt");
            for (int i = 0; i < 200; i++) { // work for the next attempt, both ways
                byte[] content = new byte[random.nextInt(8192)];
                random.nextBytes(content);
                Mirrors.write(i % 2 == 0 ? laptop : usb, "new/r" + round + "-" + i + ".bin", content);
            }
        }
        Process last = run(sync, library, log);
        assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();

        assertThat(last.exitValue()).as(Files.readString(log)).isZero();
        assertThat(killedMidWork)
                .as("attempts killed with a job under way and the generation unfinished")
                .isGreaterThanOrEqualTo(3);
        assertThat(Mirrors.view(usb)).isEqualTo(Mirrors.view(laptop)).containsKeys(expected.toArray(String[]::new));
        assertThat(Files.readString(usb.resolve("d0/laptop-notes.txt"))).isEqualTo("edited on the laptop in round 5");
        assertThat(temporaries(laptop) + temporaries(usb))
                .as("temporary files left")
                .isZero();
        CliRun again = CliRun.run(library, "--json", "sync", "1");
        assertThat(again.out()).contains("\"filesCopied\":0").contains("\"verification\":\"verified\"");
    }

    private static long temporaries(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> path.getFileName().toString().startsWith(".conduit-tmp-"))
                    .count();
        }
    }

    private Process run(List<String> arguments, Path library, Path log) throws Exception {
        return LaunchedConduit.start(library, log, arguments);
    }
}
