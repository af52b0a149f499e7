package dev.conduit.bootstrap;

import dev.conduit.application.port.in.IndexReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code conduit index} killed with SIGKILL at random moments, then run again: the library is never damaged and the
 * index converges to the disk. Each batch of rows is a transaction, so a killed scan leaves a consistent, partial
 * index that the next scan completes.
 */
class KilledIndexE2E {

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path work;

    @Test
    void aScanKilledAtAnyMomentLeavesALibraryTheNextScanCompletes() throws Exception {
        Path root = Files.createDirectories(work.resolve("tree"));
        Random random = new Random(20261125);
        for (int i = 0; i < 6000; i++) {
            Path file = root.resolve("d" + (i % 60) + "/f" + i + ".bin");
            Files.createDirectories(file.getParent());
            byte[] content = new byte[random.nextInt(4096)];
            random.nextBytes(content);
            Files.write(file, content);
        }
        Path library = work.resolve("library");
        List<String> command = List.of(PROJECT.resolve("conduit").toString(), "--library", library.toString(), "-q",
            "index", root.toString());

        int killed = 0;
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 300; i++) {                              // work for every scan: files to hash again
                byte[] content = new byte[8192];
                random.nextBytes(content);
                Files.write(root.resolve("d" + (i % 60) + "/f" + (i * 20 + round) + ".bin"), content);
            }
            Process scan = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("log.txt").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            // a scan of this tree takes 0.7-1.2 s with the JVM's start: most attempts die part way, some before
            // the scan began; none is sure to live, none to die
            if (!scan.waitFor(150 + random.nextInt(650), TimeUnit.MILLISECONDS)) {
                scan.destroyForcibly().waitFor();                          // SIGKILL: no shutdown hook runs
                killed++;
            }
            if (round % 2 == 1) {                                        // the disk moves on between attempts
                Files.writeString(root.resolve("d1/f1.bin"), "edited in round " + round);
                Files.deleteIfExists(root.resolve("d2/f" + (2 + 60 * round) + ".bin"));
            }
        }
        Process last = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("log.txt").toFile())).start();
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(last.exitValue()).as(Files.readString(work.resolve("log.txt"))).isZero();
        assertThat(killed).as("attempts killed part way (waits of 209-785 ms with this seed)").isGreaterThanOrEqualTo(2);
        RealLibrary check = new RealLibrary(library);
        IndexReport after = check.index(root);
        assertThat(after.created() + after.modified() + after.removed()).as("the last scan left nothing to do")
            .isZero();
        assertThat(check.entries(after)).isEqualTo(DiskListing.of(root));
    }
}
