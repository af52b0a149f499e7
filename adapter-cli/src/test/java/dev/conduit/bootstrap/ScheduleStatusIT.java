package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} without a service: the schedule, its next due time from the last completion, never watched. */
class ScheduleStatusIT {

    @TempDir
    Path work;

    private JsonObject status(Path library) {
        CliRun run = CliRun.run(library, "--json", "status", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JsonParser.parseString(run.out()).getAsJsonArray().get(0).getAsJsonObject();
    }

    @Test
    void anIntervalIsDueNowBeforeItsFirstSyncThenAnIntervalAfterIt() throws Exception {
        Path library = work.resolve("lib");
        Path source = Files.createDirectories(work.resolve("source"));
        Mirrors.write(source, "a.txt", "a".getBytes());
        CliRun added = CliRun.run(
                library, "add", source.toString(), work.resolve("target").toString(), "--schedule", "interval:1h");
        assertThat(added.exitCode()).as(added.err()).isZero();

        Instant before = Instant.now();
        JsonObject never = status(library);
        assertThat(never.get("schedule").getAsString()).isEqualTo("interval:1h");
        assertThat(never.get("watching").getAsBoolean()).isFalse();
        Instant dueNow = Instant.parse(never.get("nextRun").getAsString());
        assertThat(dueNow).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));

        assertThat(CliRun.run(library, "sync", "1").exitCode()).isZero();
        JsonObject synced = status(library);
        Instant last = Instant.parse(synced.get("lastCompletion").getAsString());
        assertThat(Instant.parse(synced.get("nextRun").getAsString())).isEqualTo(last.plus(Duration.ofHours(1)));
        assertThat(synced.has("pendingConflicts")).as("existing fields stay").isTrue();

        String human = CliRun.run(library, "status", "1").out();
        assertThat(human).contains("    schedule: interval:1h, next run ").contains(", not watched");
    }

    @Test
    void manualAndInstantOnceSyncedHaveNoNextRunWithoutAService() throws Exception {
        Path library = work.resolve("lib");
        Path source = Files.createDirectories(work.resolve("source"));
        assertThat(CliRun.run(
                                library,
                                "add",
                                source.toString(),
                                work.resolve("target").toString())
                        .exitCode())
                .isZero();
        JsonObject manual = status(library);
        assertThat(manual.get("schedule").getAsString()).isEqualTo("manual");
        assertThat(manual.get("nextRun").isJsonNull()).isTrue();
        assertThat(CliRun.run(library, "edit", "1", "--schedule", "instant").exitCode())
                .isZero();
        assertThat(status(library).get("nextRun").isJsonNull())
                .as("never synced: due now")
                .isFalse();
        assertThat(CliRun.run(library, "sync", "1").exitCode()).isZero();
        JsonObject instant = status(library);
        assertThat(instant.get("schedule").getAsString()).isEqualTo("instant");
        assertThat(instant.get("nextRun").isJsonNull()).isTrue();
        assertThat(instant.get("watching").getAsBoolean()).isFalse();
        assertThat(CliRun.run(library, "status", "1").out()).contains("    schedule: instant, not watched");
    }
}
