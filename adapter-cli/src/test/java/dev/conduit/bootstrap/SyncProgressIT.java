package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long sync with {@code --json} streams its progress as JSON lines: totals from the plan, speed, time left. */
class SyncProgressIT {

    @TempDir
    Path work;

    @Test
    void aSyncOfSeveralSecondsReportsItsProgressOnceASecond() throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        Random random = new Random(3);
        for (int i = 0; i < 6; i++) {
            byte[] content = new byte[512 * 1024];
            random.nextBytes(content);
            Mirrors.write(source, "f" + i + ".bin", content);
        }
        Path library = work.resolve("lib");
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

        CliRun sync = CliRun.run(library, "--json", "sync", "1");

        assertThat(sync.exitCode()).as(sync.err()).isZero();
        List<JsonObject> events = sync.out()
                .lines()
                .map(line -> JsonParser.parseString(line).getAsJsonObject())
                .toList();
        JsonObject copying = events.stream()
                .filter(event -> event.has("phase")
                        && event.has("event")
                        && event.get("event").getAsString().equals("phase")
                        && event.get("phase").getAsString().equals("copying"))
                .findFirst()
                .orElseThrow();
        assertThat(copying.get("filesTotal").getAsLong()).isEqualTo(6);
        assertThat(copying.get("bytesTotal").getAsLong()).isEqualTo(6 * 512 * 1024);
        List<JsonObject> progress = events.stream()
                .filter(event ->
                        event.has("event") && event.get("event").getAsString().equals("progress"))
                .toList();
        long before = 0;
        for (JsonObject event : progress) {
            assertThat(event.get("filesTotal").getAsLong()).isEqualTo(6);
            assertThat(event.get("bytesDone").getAsLong()).as("never back").isBetween(before, 6L * 512 * 1024);
            before = event.get("bytesDone").getAsLong();
        }
        List<JsonObject> underWay = progress.stream()
                .filter(event -> event.get("phase").getAsString().equals("copying")
                        && event.get("bytesDone").getAsLong() > 0)
                .toList();
        assertThat(underWay).as("about three seconds at 1 MiB/s").hasSizeGreaterThanOrEqualTo(1);
        for (JsonObject event : underWay) {
            assertThat(event.get("bytesPerSecond").getAsLong()).isBetween(100_000L, 3L << 20);
            assertThat(event.get("etaSeconds").getAsLong()).isBetween(0L, 10L);
            assertThat(event.get("current").getAsString()).matches("f[0-5]\\.bin");
        }
        assertThat(events.get(events.size() - 1).has("generation"))
                .as("the summary comes last")
                .isTrue();
    }
}
