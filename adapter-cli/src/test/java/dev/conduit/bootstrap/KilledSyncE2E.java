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
 * {@code conduit sync} killed with SIGKILL at random moments (seeded; at least 20 times with a job under way and its
 * generation unfinished, see {@link WatchedSync}) while the source keeps changing, then run again: the next sync
 * converges to an exact, verified mirror, no temporary file of the killed copies is left behind, every version the
 * target ever held is still there or in the trash, and every version in the trash is listed.
 */
class KilledSyncE2E {

    @TempDir
    Path work;

    @Test
    void aSyncKilledAtAnyMomentIsCompletedByTheNextAndLeavesNoTemporaryFiles() throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        Path target = work.resolve("target");
        Random random = new Random(20261125);
        for (int i = 0; i < 3000; i++) {
            byte[] content = new byte[i % 500 == 0 ? 4 << 20 : random.nextInt(8192)];
            random.nextBytes(content);
            Mirrors.write(source, "d" + (i % 40) + "/f" + i + ".bin", content);
        }
        Path library = work.resolve("library");
        Path log = work.resolve("log.txt");
        assertThat(run(List.of("add", source.toString(), target.toString()), library, log)
                        .waitFor())
                .isZero();
        List<String> sync = List.of("sync", "1", "--max-delete", "100");
        assertThat(run(sync, library, log).waitFor())
                .as("the first mirror, whole")
                .isZero();

        int killed = 0;
        int killedMidWork = 0;
        java.util.Set<String> versions = new java.util.HashSet<>(); // every version the target ever held
        // until 20 were killed in their jobs and one at least outside them (starting, indexing, verifying)
        for (int round = 0; (killedMidWork < 20 || killed == killedMidWork) && round < 80; round++) {
            for (int i = 0; i < 120; i++) { // the source moves on: work for the sync
                byte[] content = new byte[i == 0 ? 4 << 20 : random.nextInt(8192)];
                random.nextBytes(content);
                int file = i == 0 ? 500 * (round % 6) : random.nextInt(3000); // overwritten: to the trash
                Mirrors.write(source, "d" + (file % 40) + "/f" + file + ".bin", content);
                Mirrors.write(source, "new/r" + round + "-" + i + ".bin", content);
            }
            for (int i = 0; i < 10; i++) { // deleted: to the trash
                int file = random.nextInt(3000);
                Files.deleteIfExists(source.resolve("d" + (file % 40) + "/f" + file + ".bin"));
            }
            versions.addAll(contents(target));
            WatchedSync attempt =
                    WatchedSync.start(library, 1, work.resolve("events.jsonl"), log, "--max-delete", "100");
            boolean running = round % 3 == 0
                    ? !attempt.waitFor(150 + random.nextInt(1500)) // any moment: starting, indexing, copying...
                    // a moment of its jobs: they take a few hundred milliseconds on a fast machine
                    : attempt.awaitWork(60_000) && !attempt.waitFor(random.nextInt(250));
            if (running) {
                killed++;
                if (attempt.killMidWork()) { // SIGKILL: no shutdown hook runs
                    killedMidWork++;
                }
            } else {
                attempt.process().waitFor();
            }
        }
        versions.addAll(contents(target));
        Mirrors.write(source, "d3/f3.bin", "the last change"); // the last attempt may have finished: work left
        Process last = run(sync, library, log);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(last.exitValue()).as(Files.readString(log)).isZero();
        String status = CliRun.run(library, "--json", "status", "1").out();
        assertThat(status)
                .as("the last sync's jobs completed")
                .contains("\"state\":\"completed\"")
                .doesNotContain("\"state\":\"running\"")
                .doesNotContain("\"state\":\"failed\"");
        assertThat(killedMidWork)
                .as("attempts killed with a job under way and the generation unfinished")
                .isGreaterThanOrEqualTo(20);
        assertThat(killed).as("attempts killed at all, some before their jobs").isGreaterThan(killedMidWork);
        java.util.Set<String> kept = contents(target);
        kept.addAll(contents(library.resolve("trash")));
        assertThat(kept)
                .as("every version the target held is still there or in the trash")
                .containsAll(versions);
        assertThat(Mirrors.view(target)).isEqualTo(Mirrors.view(source));
        assertThat(listedInTheTrash(library))
                .as("every version in the trash is listed by trash list")
                .isEqualTo(filesIn(library.resolve("trash")));
        try (Stream<Path> all = Files.walk(target)) {
            assertThat(all.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(".conduit-tmp-"));
        }
        CliRun again = CliRun.run(library, "--json", "sync", "1");
        assertThat(again.out()).contains("\"filesCopied\":0").contains("\"verification\":\"verified\"");
        String history = CliRun.run(library, "--json", "history", "1").out();
        assertThat(history)
                .doesNotContain("\"pending\"")
                .contains("\"failed:interrupted\"")
                .contains("\"resumedFrom\"");
    }

    @Test
    void aSyncStoppedWithSigtermLeavesNoTemporaryFileBehindAndTheNextCompletesIt() throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        Path target = Files.createDirectories(work.resolve("target"));
        Random random = new Random(5);
        for (int i = 0; i < 8; i++) {
            byte[] content = new byte[512 * 1024];
            random.nextBytes(content);
            Mirrors.write(source, "f" + i + ".bin", content);
            Mirrors.write(target, "f" + i + ".bin", "the target's old version of f" + i); // to be overwritten
        }
        Mirrors.write(target, "only-in-target.txt", "to be deleted");
        java.util.Set<String> versions = contents(target);
        Path library = work.resolve("library");
        Path log = work.resolve("log.txt");
        assertThat(run(List.of("add", source.toString(), target.toString(), "--bwlimit", "1M"), library, log)
                        .waitFor())
                .isZero();

        Process sync = run(List.of("sync", "1", "--force"), library, log);
        boolean sawTemporary = false;
        for (int poll = 0; poll < 200 && !sawTemporary && sync.isAlive(); poll++) {
            Thread.sleep(50);
            sawTemporary = copiesUnderWay(target) > 0;
        }
        sync.destroy(); // SIGTERM
        assertThat(sync.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(sawTemporary).as("the sync was stopped mid-copy").isTrue();
        assertThat(temporaries(target)).as("temporary files left").isZero();
        for (int i = 0; i < 8; i++) {
            Path copy = target.resolve("f" + i + ".bin");
            assertThat(Files.size(copy) == 512 * 1024 || Files.readString(copy).startsWith("the target's old"))
                    .as(copy + " is one version or the other, whole")
                    .isTrue();
        }

        CliRun next = CliRun.run(library, "--json", "sync", "1", "--force");

        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.out()).contains("\"verification\":\"verified\"").contains("\"resumedFrom\":1");
        assertThat(Mirrors.view(target)).isEqualTo(Mirrors.view(source));
        java.util.Set<String> kept = contents(target);
        kept.addAll(contents(library.resolve("trash")));
        assertThat(kept)
                .as("every overwritten or deleted version is in the trash")
                .containsAll(versions);
        assertThat(lastJobs(library))
                .as("the next sync's jobs completed")
                .extracting(job -> job.getAsJsonObject().get("state").getAsString())
                .containsOnly("completed");
    }

    @Test
    void theNextSyncCarriesOnAKilledJobWithoutDoingItsFinishedItemsAgain() throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        Path target = work.resolve("target");
        Random random = new Random(7);
        for (int i = 0; i < 8; i++) {
            byte[] content = new byte[640 * 1024];
            random.nextBytes(content);
            Mirrors.write(source, "f" + i + ".bin", content);
        }
        Path library = work.resolve("library");
        Path log = work.resolve("log.txt");
        assertThat(run(
                                List.of(
                                        "add",
                                        source.toString(),
                                        target.toString(),
                                        "--bwlimit",
                                        "1M",
                                        "--parallel",
                                        "1"),
                                library,
                                log)
                        .waitFor())
                .isZero();
        Process sync = run(List.of("sync", "1"), library, log);
        JsonObject killedJob = null;
        for (int poll = 0; poll < 300 && killedJob == null && sync.isAlive(); poll++) {
            Thread.sleep(50);
            JsonArray jobs = lastJobs(library);
            if (!jobs.isEmpty()
                    && jobs.get(0).getAsJsonObject().get("itemsDone").getAsLong()
                            >= 3) { // recorded, and more under way
                sync.destroyForcibly().waitFor();
                killedJob = lastJobs(library).get(0).getAsJsonObject();
            }
        }
        assertThat(killedJob).as("the sync was killed mid-copy").isNotNull();
        JsonObject afterKill = JsonParser.parseString(
                        CliRun.run(library, "--json", "status", "1").out())
                .getAsJsonArray()
                .get(0)
                .getAsJsonObject();
        assertThat(afterKill.get("state").getAsString()).isEqualTo("idle");
        assertThat(afterKill.get("lastVerification").getAsString())
                .as("shown as the next sync will record it")
                .isEqualTo("failed:interrupted");
        assertThat(afterKill.getAsJsonArray("jobs"))
                .as("no job is said to run when no process does")
                .extracting(job -> job.getAsJsonObject().get("state").getAsString())
                .containsExactly("failed", "cancelled");
        long placed;
        try (Stream<Path> files = Files.list(target)) {
            placed = files.filter(path -> !path.getFileName().toString().startsWith(".conduit-tmp-"))
                    .count();
        }
        assertThat(killedJob.get("itemsDone").getAsLong())
                .as("recorded after they were in place")
                .isLessThanOrEqualTo(placed);

        CliRun next = CliRun.run(library, "resume", "1"); // what `sync 1` would do, too

        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.out()).contains("Carrying on");
        JsonArray jobs = lastJobs(library);
        JsonObject carrying = jobs.get(0).getAsJsonObject();
        assertThat(carrying.get("resumes").getAsLong())
                .as("it carries on the killed job")
                .isEqualTo(killedJob.get("id").getAsLong());
        assertThat(carrying.get("state").getAsString()).isEqualTo("completed");
        assertThat(carrying.get("itemsDone").getAsLong())
                .as("only what the killed job had not put in place")
                .isEqualTo(8 - placed);
        assertThat(Mirrors.view(target)).isEqualTo(Mirrors.view(source));
        String history = CliRun.run(library, "--json", "history", "1").out();
        assertThat(history).contains("\"failed:interrupted\"").contains("\"resumedFrom\":1");
    }

    /** How many versions {@code trash list} shows. */
    private static int listedInTheTrash(Path library) {
        return JsonParser.parseString(
                        CliRun.run(library, "--json", "trash", "list").out())
                .getAsJsonArray()
                .size();
    }

    /** How many files and links are below a folder. */
    private static int filesIn(Path folder) throws Exception {
        try (Stream<Path> all = Files.walk(folder)) {
            return (int) all.filter(path -> !Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .count();
        }
    }

    /** The jobs of the conduit's last generation, as {@code status --json} shows them. */
    private static JsonArray lastJobs(Path library) {
        return JsonParser.parseString(
                        CliRun.run(library, "--json", "status", "1").out())
                .getAsJsonArray()
                .get(0)
                .getAsJsonObject()
                .getAsJsonArray("jobs");
    }

    /**
     * The content hashes of every file below a folder (none when it does not exist), but the temporary files of
     * copies cut short: those are never versions of anything.
     */
    private static java.util.Set<String> contents(Path root) {
        java.util.Set<String> contents = new java.util.HashSet<>();
        if (Files.isDirectory(root)) {
            DiskListing.of(root).forEach((path, entry) -> {
                if (!Path.of(path).getFileName().toString().startsWith(".conduit-tmp-")) {
                    entry.hash().forEach(hash -> contents.add(hash.hex()));
                }
            });
        }
        return contents;
    }

    /**
     * Temporaries that hold part of a copy: more than the one byte of the file-system probe's own temporary, which the
     * first scan of a root makes and removes before any copy begins.
     */
    private static long copiesUnderWay(Path root) throws Exception {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> path.getFileName().toString().startsWith(".conduit-tmp-"))
                    .filter(path -> path.toFile().length() > 1)
                    .count();
        }
    }

    private static long temporaries(Path root) throws Exception {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> path.getFileName().toString().startsWith(".conduit-tmp-"))
                    .count();
        }
    }

    private Process run(List<String> arguments, Path library, Path log) throws Exception {
        return LaunchedConduit.start(library, log, arguments);
    }
}
