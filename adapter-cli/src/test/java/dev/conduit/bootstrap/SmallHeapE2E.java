package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory (issue 19): a plan and a first sync of 100,000 entries in a 32 MiB heap, through {@code ./conduit}.
 * The million-entry figures are the benchmark's ({@code java bench/Bench.java plan-million}); this is the same
 * promise scaled to run in CI, and it fails with {@code OutOfMemoryError} when a pass holds an entry per path (the
 * rename finder did: every arriving copy, even with nothing departing).
 */
class SmallHeapE2E {

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    private static final int FOLDERS = 5_000;
    private static final int FILES_PER_FOLDER = 19;

    @TempDir
    Path work;

    @Test
    void aPlanAndAFirstSyncOfAHundredThousandEntriesFitA32MiBHeap() throws Exception {
        Path source = work.resolve("source");
        for (int folder = 0; folder < FOLDERS; folder++) {
            Path dir = Files.createDirectories(source.resolve("d" + folder % 50).resolve("e" + folder));
            for (int file = 0; file < FILES_PER_FOLDER; file++) {
                Files.createFile(dir.resolve("f" + file));
            }
        }
        Path library = work.resolve("library");
        assertThat(CliRun.run(
                                library,
                                "add",
                                source.toString(),
                                work.resolve("target").toString())
                        .exitCode())
                .isZero();

        Run plan = run(library, "--json", "plan", "1");
        Run sync = run(library, "--json", "sync", "1");

        int entries = FOLDERS * (FILES_PER_FOLDER + 1) + 50;
        assertThat(plan.exitCode()).as(plan.errors()).isZero();
        assertThat(plan.errors()).doesNotContain("OutOfMemoryError").doesNotContain("Out of memory");
        assertThat(plan.output()).contains("\"actions\":" + entries);
        assertThat(sync.exitCode()).as(sync.errors()).isZero();
        assertThat(sync.output())
                .contains("\"filesCopied\":" + FOLDERS * FILES_PER_FOLDER)
                .contains("\"verification\":\"verified\"");
    }

    private record Run(int exitCode, String output, String errors) {}

    private Run run(Path library, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of(PROJECT.resolve("conduit").toString(), "--library", library.toString()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("CONDUIT_JAVA_OPTS", "-Xmx32m -XX:+ExitOnOutOfMemoryError");
        Process process = builder.start();
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
