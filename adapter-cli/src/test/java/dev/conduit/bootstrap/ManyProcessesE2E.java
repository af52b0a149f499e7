package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many processes, one library (issue 17), as cron and a user at a terminal make them: three conduits, two of them
 * sharing a source, synced at the same moment with an {@code index} of the shared source and a {@code status}, for
 * several rounds while the trees change between rounds. Every command succeeds, no database text reaches anyone,
 * and every target ends equal to its source, folder times included.
 */
class ManyProcessesE2E {

    private static final int ROUNDS = 6;

    @TempDir
    Path work;

    @Test
    void syncsOfDifferentConduitsIndexAndStatusRunTogetherAndAllSucceed() throws Exception {
        Path shared = Files.createDirectories(work.resolve("shared"));
        Path other = Files.createDirectories(work.resolve("other"));
        Random random = new Random(17);
        for (int i = 0; i < 600; i++) {
            byte[] content = new byte[random.nextInt(16_384)];
            random.nextBytes(content);
            Mirrors.write(shared, "d" + (i % 30) + "/f" + i + ".bin", content);
            Mirrors.write(other, "e" + (i % 20) + "/g" + i + ".txt", "other " + i);
        }
        Path library = work.resolve("library");
        Map<String, Path> targets = Map.of("a", work.resolve("a"), "b", work.resolve("b"), "c", work.resolve("c"));
        assertThat(CliRun.run(
                                library,
                                "add",
                                shared.toString(),
                                targets.get("a").toString(),
                                "--name",
                                "a")
                        .exitCode())
                .isZero();
        assertThat(CliRun.run(
                                library,
                                "add",
                                shared.toString(),
                                targets.get("b").toString(),
                                "--name",
                                "b")
                        .exitCode())
                .isZero();
        assertThat(CliRun.run(library, "add", other.toString(), targets.get("c").toString(), "--name", "c")
                        .exitCode())
                .isZero();

        for (int round = 0; round < ROUNDS; round++) {
            List<Launched> launched = new ArrayList<>();
            for (String conduit : List.of("a", "b", "c")) {
                launched.add(launch(library, round, "sync-" + conduit, "sync", conduit, "--max-delete", "100"));
            }
            launched.add(launch(library, round, "index", "index", shared.toString()));
            launched.add(launch(library, round, "status", "status"));
            for (Launched process : launched) {
                assertThat(process.process().waitFor(240, TimeUnit.SECONDS))
                        .as(process.name())
                        .isTrue();
                String log = Files.readString(process.log());
                assertThat(process.process().exitValue())
                        .as(process.name() + " in round " + round + ": " + log)
                        .isZero();
                assertThat(log)
                        .as(process.name())
                        .doesNotContain("SQLITE")
                        .doesNotContain("Exception")
                        .doesNotContain("internal error")
                        .doesNotContain("locked");
            }
            for (int i = 0; i < 40; i++) { // the trees change between rounds
                int file = random.nextInt(600);
                Mirrors.write(shared, "d" + (file % 30) + "/f" + file + ".bin", "round " + round + " " + i);
                Mirrors.write(other, "e" + (i % 20) + "/new-" + round + "-" + i + ".txt", "new");
            }
            Files.deleteIfExists(shared.resolve("d" + round + "/f" + (round + 30) + ".bin"));
        }

        for (String conduit : List.of("a", "b", "c")) { // the last changes, synced one by one
            CliRun last = CliRun.run(library, "sync", conduit, "--max-delete", "100");
            assertThat(last.exitCode()).as(last.err()).isZero();
        }
        assertThat(Mirrors.view(targets.get("a"), true)).isEqualTo(Mirrors.view(shared, true));
        assertThat(Mirrors.view(targets.get("b"), true)).isEqualTo(Mirrors.view(shared, true));
        assertThat(Mirrors.view(targets.get("c"), true)).isEqualTo(Mirrors.view(other, true));
    }

    private record Launched(String name, Process process, Path log) {}

    private Launched launch(Path library, int round, String name, String... arguments) throws Exception {
        Path log = work.resolve(name + "-" + round + ".log");
        return new Launched(name, LaunchedConduit.start(library, log, List.of(arguments)), log);
    }
}
