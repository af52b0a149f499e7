package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.in.IndexReport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conduit index} killed with SIGKILL, then run again: the library is never damaged and the index converges to
 * the disk. Each batch of rows is a transaction, so a killed scan leaves a consistent, partial index that the next
 * scan completes. Each attempt is killed in the middle of its work — seen from outside, in the library: rows of this
 * scan recorded, the scan not recorded as completed — but the first, killed at a random moment of its start.
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
        List<String> command = List.of(
                PROJECT.resolve("conduit").toString(), "--library", library.toString(), "-q", "index", root.toString());

        int killed = 0;
        int killedMidScan = 0;
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 3000; i++) { // work for every scan: new files to hash,
                byte[] content = new byte[1024]; // walked first ("a-" < "d"): more than a
                random.nextBytes(content); // batch of rows, written before the end
                Files.createDirectories(root.resolve("a-" + round));
                Files.write(root.resolve("a-" + round + "/f" + i + ".bin"), content);
            }
            long launched = epochNanos();
            Process scan = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            work.resolve("log.txt").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            boolean alive = round == 0
                    ? !scan.waitFor(150 + random.nextInt(650), TimeUnit.MILLISECONDS) // any moment of its start
                    : awaitRowsOf(library, launched, scan) && !scan.waitFor(random.nextInt(40), TimeUnit.MILLISECONDS);
            if (alive) {
                boolean working = rowsIndexedSince(library, launched) > 0;
                scan.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
                killed++;
                if (working && !completedSince(library, launched)) {
                    killedMidScan++;
                }
            } else {
                scan.waitFor();
            }
            if (round % 2 == 1) { // the disk moves on between attempts
                Files.writeString(root.resolve("d1/f1.bin"), "edited in round " + round);
                Files.deleteIfExists(root.resolve("d2/f" + (2 + 60 * round) + ".bin"));
            }
        }
        Process last = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(work.resolve("log.txt").toFile()))
                .start();
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(last.exitValue())
                .as(Files.readString(work.resolve("log.txt")))
                .isZero();
        assertThat(killedMidScan)
                .as("scans killed with rows of theirs recorded and the scan unfinished")
                .isGreaterThanOrEqualTo(4);
        assertThat(killed).isGreaterThanOrEqualTo(killedMidScan);
        RealLibrary check = new RealLibrary(library);
        IndexReport after = check.index(root);
        assertThat(after.created() + after.modified() + after.removed())
                .as("the last scan left nothing to do")
                .isZero();
        assertThat(check.entries(after)).isEqualTo(DiskListing.of(root));
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Waits until the scan has recorded rows of its own; false if it ended first (or took a minute). */
    private static boolean awaitRowsOf(Path library, long launched, Process scan) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (scan.isAlive() && System.nanoTime() < deadline) {
            if (rowsIndexedSince(library, launched) > 0) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Index rows (re)examined since the moment given, read from the library as another process sees it. */
    private static long rowsIndexedSince(Path library, long nanos) throws SQLException {
        return query(library, "SELECT COUNT(*) FROM entry WHERE indexed_at >= " + nanos);
    }

    /** Whether a scan of the location completed since the moment given. */
    private static boolean completedSince(Path library, long nanos) throws SQLException {
        return query(library, "SELECT COUNT(*) FROM location WHERE last_scanned_at >= " + nanos / 1_000_000L) > 0;
    }

    private static long query(Path library, String sql) throws SQLException {
        Path database = library.resolve("library.db");
        if (!Files.exists(database)) {
            return 0;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + database + "?mode=ro");
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(10);
            try (ResultSet rows = statement.executeQuery(sql)) {
                return rows.next() ? rows.getLong(1) : 0;
            } catch (SQLException noSchemaYet) {
                if (noSchemaYet.getMessage().contains("no such table")) {
                    return 0;
                }
                throw noSchemaYet;
            }
        }
    }
}
