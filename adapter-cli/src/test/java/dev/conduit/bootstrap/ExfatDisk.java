package dev.conduit.bootstrap;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real exFAT file system for a test: an image file, formatted, attached to a loop device and mounted through FUSE
 * (exFAT has times to the second there, no POSIX modes, no links, and takes names that differ only in case for one).
 * Needs root and the packages {@code exfat-fuse} and {@code exfatprogs}. Where they are missing the test is skipped,
 * except under CI ({@code CI=true}), where it fails: CI must prove this on a real file system.
 */
final class ExfatDisk implements AutoCloseable {

    private final Path root;
    private final String loop;

    private ExfatDisk(Path root, String loop) {
        this.root = root;
        this.loop = loop;
    }

    /** The mounted file system's root folder. */
    Path root() {
        return root;
    }

    static ExfatDisk mount(Path work) throws Exception {
        String mkfs = tool("mkfs.exfat");
        String mount = tool("mount.exfat-fuse");
        String losetup = tool("losetup");
        if (mkfs == null || mount == null || losetup == null || !"root".equals(System.getProperty("user.name"))) {
            unavailable("an exFAT file system needs root and the packages exfat-fuse and exfatprogs (mkfs.exfat "
                    + (mkfs != null) + ", mount.exfat-fuse " + (mount != null) + ", losetup " + (losetup != null)
                    + ", user " + System.getProperty("user.name") + ")");
        }
        Path image = work.resolve("exfat.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(64L << 20);
        }
        Result formatted = run(mkfs, image.toString());
        Assertions.assertEquals(0, formatted.code(), "mkfs.exfat: " + formatted.output());
        Result attached = run(losetup, "-f", "--show", image.toString());
        if (attached.code() != 0) {
            unavailable("no loop device: " + attached.output());
        }
        String loop = attached.output().strip();
        Path root = Files.createDirectories(work.resolve("exfat"));
        Result mounted = run(mount, loop, root.toString());
        if (mounted.code() != 0) {
            run(losetup, "-d", loop);
            unavailable("cannot mount exFAT through FUSE: " + mounted.output());
        }
        return new ExfatDisk(root, loop);
    }

    @Override
    public void close() throws Exception {
        if (run("umount", root.toString()).code() != 0) {
            run("umount", "--lazy", root.toString()); // a failed assertion may have left it busy
        }
        run(tool("losetup"), "-d", loop);
    }

    private static void unavailable(String why) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why);
        }
        Assumptions.assumeTrue(false, why);
    }

    /** The tool's path on PATH or in the system folders root has; none when it is not installed. */
    private static String tool(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String folder : path.split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, name))) {
                return Path.of(folder, name).toString();
            }
        }
        return null;
    }

    private record Result(int code, String output) {}

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        return new Result(done ? process.exitValue() : -1, new String(output, StandardCharsets.UTF_8));
    }
}
