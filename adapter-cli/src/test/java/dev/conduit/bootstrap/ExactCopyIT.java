package dev.conduit.bootstrap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static dev.conduit.bootstrap.Mirrors.view;
import static org.assertj.core.api.Assertions.assertThat;

/** What an exact copy keeps besides content, mode and time, through the real command line on the real disk. */
class ExactCopyIT {

    @TempDir
    Path work;

    private Path library;
    private Path source;
    private Path target;

    @BeforeEach
    void folders() throws Exception {
        library = work.resolve("lib");
        source = Files.createDirectories(work.resolve("source"));
        target = work.resolve("target");
    }

    private CliRun sync() {
        CliRun run = CliRun.run(library, "sync", source.toString(), target.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }

    /** The bytes the file system allocated for the file, as {@code stat -c %b} (blocks of 512 bytes) says. */
    private static long allocated(Path file) throws Exception {
        Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).start();
        String blocks = new String(stat.getInputStream().readAllBytes()).strip();
        assertThat(stat.waitFor()).isZero();
        return Long.parseLong(blocks) * 512;
    }

    @Test
    void aSparseFileStaysSparse() throws Exception {
        Path image = source.resolve("disk.img");
        byte[] data = new byte[256 * 1024];
        new Random(11).nextBytes(data);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(50L << 20);
            file.seek(20L << 20);
            file.write(data);
        }
        assertThat(allocated(image)).as("the source is sparse").isLessThan(1L << 20);

        sync();

        Path copy = target.resolve("disk.img");
        assertThat(view(target)).isEqualTo(view(source));
        assertThat(Files.size(copy)).isEqualTo(50L << 20);
        assertThat(allocated(copy)).as("bytes allocated for the 50 MiB copy").isLessThan(1L << 20);
    }
}
