package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} read from the library while a sync runs: the phase and how far the copies have got. */
class LiveStatusIT {

    @TempDir
    Path work;

    @Test
    void statusShowsARunningSyncsPhaseAndProgress() throws Exception {
        Path library = work.resolve("lib");
        Path source = work.resolve("source");
        byte[] content = new byte[256 * 1024];
        new Random(3).nextBytes(content);
        for (int i = 0; i < 16; i++) {
            Mirrors.write(source, "f" + i, content);
        }
        assertThat(CliRun.run(
                                library,
                                "add",
                                source.toString(),
                                work.resolve("target").toString(),
                                "--bwlimit",
                                "1M",
                                "--parallel",
                                "1")
                        .exitCode())
                .isZero();

        CompletableFuture<CliRun> sync = CompletableFuture.supplyAsync(() -> CliRun.run(library, "sync", "1"));
        JsonObject seen = null;
        for (int poll = 0; poll < 400 && seen == null && !sync.isDone(); poll++) {
            JsonObject status = JsonParser.parseString(
                            CliRun.run(library, "--json", "status", "1").out())
                    .getAsJsonArray()
                    .get(0)
                    .getAsJsonObject();
            if (status.get("state").getAsString().equals("syncing")
                    && !status.get("filesDone").isJsonNull()
                    && status.get("phase").getAsString().equals("copying")
                    && status.get("filesDone").getAsLong() > 0) {
                seen = status;
            }
            Thread.sleep(50);
        }

        assertThat(sync.get().exitCode()).as(sync.get().err()).isZero();
        assertThat(seen).as("a status while copying").isNotNull();
        assertThat(seen.get("phase").getAsString()).isEqualTo("copying");
        assertThat(seen.get("filesTotal").getAsLong()).isEqualTo(16);
        assertThat(seen.get("bytesTotal").getAsLong()).isEqualTo(16L * 256 * 1024);
        assertThat(seen.get("filesDone").getAsLong()).isBetween(1L, 15L);
        assertThat(seen.get("bytesDone").getAsLong())
                .as("those in place, and those written and waiting")
                .isBetween(seen.get("filesDone").getAsLong() * 256 * 1024, 16L * 256 * 1024);
        assertThat(seen.get("current").getAsString()).matches("f[0-9]+");
        assertThat(seen.get("jobs").getAsJsonArray())
                .as("the copy runs, the delete job waits its turn")
                .extracting(job -> job.getAsJsonObject().get("kind").getAsString() + " "
                        + job.getAsJsonObject().get("state").getAsString())
                .containsExactly("copy running", "delete queued");
        JsonObject after = JsonParser.parseString(
                        CliRun.run(library, "--json", "status", "1").out())
                .getAsJsonArray()
                .get(0)
                .getAsJsonObject();
        assertThat(after.get("state").getAsString()).isEqualTo("idle");
        assertThat(after.get("phase").isJsonNull()).isTrue();
        assertThat(after.get("jobs").getAsJsonArray())
                .extracting(job -> job.getAsJsonObject().get("state").getAsString())
                .containsExactly("completed", "completed");
    }

    @Test
    void statusFollowsOneLargeFileAsItIsCopied() throws Exception {
        Path library = work.resolve("lib");
        Path source = work.resolve("source");
        byte[] content = new byte[12 << 20];
        new Random(5).nextBytes(content);
        Mirrors.write(source, "big.bin", content);
        assertThat(CliRun.run(
                                library,
                                "add",
                                source.toString(),
                                work.resolve("target").toString(),
                                "--bwlimit",
                                "4M")
                        .exitCode())
                .isZero();

        CompletableFuture<CliRun> sync = CompletableFuture.supplyAsync(() -> CliRun.run(library, "sync", "1"));
        JsonObject seen = null;
        for (int poll = 0; poll < 400 && seen == null && !sync.isDone(); poll++) {
            JsonObject status = JsonParser.parseString(
                            CliRun.run(library, "--json", "status", "1").out())
                    .getAsJsonArray()
                    .get(0)
                    .getAsJsonObject();
            if (!status.get("bytesDone").isJsonNull()
                    && status.get("bytesDone").getAsLong() > 0
                    && status.get("bytesPerSecond").getAsLong() > 0) {
                seen = status;
            }
            Thread.sleep(50);
        }

        assertThat(sync.get().exitCode()).as(sync.get().err()).isZero();
        assertThat(seen).as("a status while the file is on its way").isNotNull();
        assertThat(seen.get("filesDone").getAsLong()).as("not in place yet").isZero();
        assertThat(seen.get("bytesDone").getAsLong()).isBetween(1L, (12L << 20) - 1);
        assertThat(seen.get("bytesPerSecond").getAsLong()).as("about the limit").isBetween(1L << 20, 12L << 20);
        assertThat(seen.get("etaSeconds").getAsLong()).isBetween(1L, 12L);
        assertThat(seen.get("current").getAsString()).isEqualTo("big.bin");
    }
}
