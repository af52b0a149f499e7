package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync into a file system that fills up: a real, small tmpfs mounted as the target. As root (CI) the mount must work;
 * an ordinary user, who may not mount one, skips this test (the jobs' answer to a full disk is also proven by
 * injection, in {@code FailingDiskTest}). The sync ends with a clear error, every old target file is intact and no
 * temporary file is left; once there is room, the next sync completes.
 */
class FullDiskIT {

    @TempDir
    Path work;

    private Path target;
    private boolean mounted;

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", "--lazy", target.toString()); // lazily: a failed assertion may leave it busy
        }
    }

    @Test
    void aFullTargetEndsTheSyncWithAClearErrorLosesNothingAndALaterRunCompletes() throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        target = Files.createDirectories(work.resolve("target"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", target.toString()) == 0;
        if (!mounted && (ChildJvm.isRoot() || "true".equals(System.getenv("CI")))) {
            throw new AssertionError("root (or CI) must be able to mount a tmpfs for this test");
        }
        Assumptions.assumeTrue(
                mounted,
                "an ordinary user may not mount a tmpfs; FailingDiskTest injects the full"
                        + " disk through the copy strategy instead");
        Mirrors.write(target, "notes.txt", "the old notes");
        Random random = new Random(7);
        for (int i = 0; i < 12; i++) {
            byte[] content = new byte[256 * 1024];
            random.nextBytes(content);
            Mirrors.write(source, "f" + i + ".bin", content);
        }
        byte[] notes = new byte[700 * 1024];
        random.nextBytes(notes);
        Mirrors.write(source, "notes.txt", notes);
        Path library = work.resolve("library");

        CliRun full = CliRun.run(library, "sync", source.toString(), target.toString());

        assertThat(full.exitCode()).isEqualTo(1);
        assertThat(full.err()).contains("no space left on the device");
        assertThat(full.err().lines().filter(line -> line.contains("no space left")))
                .as("the job stopped taking" + " copies once the disk was full: only those in flight failed")
                .hasSizeLessThan(8);
        assertThat(full.err().lines().filter(line -> line.contains("Exception") || line.startsWith("\tat ")))
                .isEmpty();
        assertThat(Files.readString(target.resolve("notes.txt")).equals("the old notes")
                        || Files.size(target.resolve("notes.txt")) == notes.length)
                .as("old or new, never a mix")
                .isTrue();
        try (Stream<Path> all = Files.walk(target)) {
            assertThat(all.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(".conduit-tmp-"));
        }
        try (Stream<Path> copies = Files.list(target)) {
            for (Path copied : copies.filter(
                            path -> path.getFileName().toString().endsWith(".bin"))
                    .toList()) {
                assertThat(Files.size(copied)).as(copied.toString()).isEqualTo(256 * 1024);
            }
        }

        assertThat(run("mount", "-o", "remount,size=16m", target.toString())).isZero();
        CliRun later = CliRun.run(library, "--json", "sync", "1");

        assertThat(later.exitCode()).as(later.err()).isZero();
        assertThat(later.out()).contains("\"verification\":\"verified\"");
        assertThat(Mirrors.view(target)).isEqualTo(Mirrors.view(source));
        assertThat(openUnder(target))
                .as("descriptors this process still holds in the target")
                .isEmpty();
    }

    /** What this process has open below a folder, from /proc/self/fd. */
    private static java.util.List<String> openUnder(Path folder) throws Exception {
        java.util.List<String> open = new java.util.ArrayList<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    Path points = Files.readSymbolicLink(descriptor);
                    if (points.startsWith(folder)) {
                        open.add(points.toString());
                    }
                } catch (java.io.IOException closedMeanwhile) {
                    // the listing's own descriptor, or one closed since
                }
            }
        }
        return open;
    }
}
