package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large first sync alone on a library whose disk is slow (issue 18): the library lives on an ext4 image on a loop
 * device whose writes the kernel throttles (cgroup v1 blkio: 256 KiB/s, 16 writes a second) for the sync's process.
 * The sync's own threads write to the library at once (index batches, job items, progress every second, the
 * baseline); none may fail for want of a lock, however long a write takes.
 *
 * <p>A regression guard: cgroup v1 does not charge buffered writeback to the group, so this does not bring back the
 * old failure (the old writer passes it too). {@code LibraryWritersIT} reproduces both of its causes, with a write
 * made slow inside its transaction and with a snapshot gone stale.
 */
class SlowDiskE2E {

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    private static final Path BLKIO = Path.of("/sys/fs/cgroup/blkio");

    @TempDir
    Path work;

    @Test
    void aLargeFirstSyncAloneOnASlowLibraryDiskNeverFailsForALock() throws Exception {
        boolean possible = Files.isDirectory(BLKIO) && Files.isWritable(BLKIO) && run("which", "losetup") == 0;
        if (!possible) {
            assertThat(System.getenv("CI"))
                    .as("CI runs as root with cgroup v1 blkio and loop devices")
                    .isNull();
            return;
        }
        Path image = work.resolve("slow.img");
        Path mount = Files.createDirectories(work.resolve("slow"));
        assertThat(run("dd", "if=/dev/zero", "of=" + image, "bs=1M", "count=128", "status=none"))
                .isZero();
        assertThat(run("mkfs.ext4", "-q", image.toString())).isZero();
        String device = output("losetup", "-f", "--show", image.toString()).strip();
        Path group = BLKIO.resolve("conduit-slow-" + ProcessHandle.current().pid());
        try {
            assertThat(run("mount", device, mount.toString())).isZero();
            String numbers = output("stat", "-L", "-c", "%t %T", device).strip();
            String majorMinor =
                    Integer.parseInt(numbers.split(" ")[0], 16) + ":" + Integer.parseInt(numbers.split(" ")[1], 16);
            Files.createDirectories(group);
            Files.writeString(group.resolve("blkio.throttle.write_bps_device"), majorMinor + " 262144");
            Files.writeString(group.resolve("blkio.throttle.write_iops_device"), majorMinor + " 16");

            Path source = Files.createDirectories(work.resolve("source"));
            Random random = new Random(18);
            for (int i = 0; i < 2500; i++) {
                byte[] content = new byte[random.nextInt(2048)];
                random.nextBytes(content);
                Mirrors.write(source, "d" + (i % 50) + "/f" + i + ".bin", content);
            }
            Path library = mount.resolve("library");
            Path log = work.resolve("sync.log");
            Process sync = new ProcessBuilder(
                            "sh",
                            "-c",
                            "echo $$ > \"$0\" && exec \"$@\"",
                            group.resolve("cgroup.procs").toString(),
                            PROJECT.resolve("conduit").toString(),
                            "--library",
                            library.toString(),
                            "sync",
                            source.toString(),
                            work.resolve("target").toString(),
                            "--mode",
                            "bidirectional")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();

            assertThat(sync.waitFor(600, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log);
            assertThat(sync.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("busy").doesNotContain("locked").doesNotContain("SQLITE");
            assertThat(Mirrors.view(work.resolve("target"))).isEqualTo(Mirrors.view(source));
            String throttled = Files.readString(group.resolve("blkio.throttle.io_serviced"));
            assertThat(throttled)
                    .as("the sync's writes went through the throttled device")
                    .contains(majorMinor);
        } finally {
            run("umount", mount.toString());
            run("losetup", "-d", device);
            run("rmdir", group.toString());
        }
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
    }

    private static String output(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor())
                .as(String.join(" ", command) + ": " + text)
                .isZero();
        return text;
    }
}
