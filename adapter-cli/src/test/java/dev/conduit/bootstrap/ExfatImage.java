package dev.conduit.bootstrap;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real exFAT file system (no hard links, no POSIX modes, no extended attributes, case-insensitive), made in an
 * image file and mounted through FUSE on a loop device. Needs root and the packages exfat-fuse and exfatprogs: where
 * they are missing the test is skipped, except on CI ({@code CI=true}), where it fails.
 */
final class ExfatImage implements AutoCloseable {

    private final Path mountPoint;
    private final String loopDevice;

    private ExfatImage(Path mountPoint, String loopDevice) {
        this.mountPoint = mountPoint;
        this.loopDevice = loopDevice;
    }

    /** A fresh exFAT of {@code megabytes} MiB, its image in {@code work}, mounted at {@code mountPoint}. */
    static ExfatImage mount(Path work, Path mountPoint, int megabytes) throws Exception {
        boolean possible = "root".equals(System.getProperty("user.name"))
            && List.of("mkfs.exfat", "mount.exfat-fuse", "losetup").stream().allMatch(ExfatImage::installed);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(possible).as("CI runs as root with exfat-fuse and exfatprogs installed").isTrue();
        }
        Assumptions.assumeTrue(possible, "needs root and the packages exfat-fuse and exfatprogs");
        Path image = work.resolve("exfat.img");
        try (var file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            file.setLength((long) megabytes << 20);
        }
        run("mkfs.exfat", image.toString());
        String loop = output("losetup", "--find", "--show", image.toString()).strip();
        Files.createDirectories(mountPoint);
        try {
            run("mount.exfat-fuse", loop, mountPoint.toString());
        } catch (IOException | RuntimeException failed) {
            run("losetup", "--detach", loop);
            throw failed;
        }
        return new ExfatImage(mountPoint, loop);
    }

    Path root() {
        return mountPoint;
    }

    @Override
    public void close() throws Exception {
        run("umount", "--lazy", mountPoint.toString());        // lazily: a failed assertion may leave it busy
        run("losetup", "--detach", loopDevice);
    }

    private static boolean installed(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").concat(":/usr/sbin:/sbin").split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }

    private static void run(String... command) throws Exception {
        output(command);
    }

    private static String output(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
