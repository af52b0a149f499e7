package dev.conduit.bootstrap;

import static dev.conduit.bootstrap.Mirrors.view;
import static dev.conduit.bootstrap.Mirrors.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.conduit.testing.HoldFileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What keeps a sync from destroying data: root guards, the delete limit, the lock, per-entry failures. */
class SyncGuardsIT {

    @TempDir
    Path work;

    private Path library;
    private Path source;
    private Path target;

    @BeforeEach
    void syncedOnce() {
        library = work.resolve("lib");
        source = work.resolve("source");
        target = work.resolve("target");
        for (String name : new String[] {"a", "b", "c", "d/e"}) {
            write(source, name, name);
        }
        assertThat(conduit("add", source.toString(), target.toString()).exitCode())
                .isZero();
        assertThat(conduit("sync", "1").exitCode()).isZero();
    }

    private CliRun conduit(String... args) {
        return CliRun.run(library, args);
    }

    private JsonObject status() {
        return JsonParser.parseString(conduit("--json", "status", "1").out())
                .getAsJsonArray()
                .get(0)
                .getAsJsonObject();
    }

    @Test
    void aMissingSourcePausesTheConduitAndDeletesNothingUntilItIsBack() throws Exception {
        Map<String, String> before = view(target);
        Path away = Files.move(source, work.resolve("unmounted"));

        CliRun sync = conduit("sync", "1");

        assertThat(sync.exitCode()).isEqualTo(1);
        assertThat(sync.err()).contains("the source " + source + " is missing").contains("nothing was synced");
        assertThat(view(target)).isEqualTo(before);
        assertThat(status().get("state").getAsString()).isEqualTo("paused");

        Files.move(away, source);
        CliRun back = conduit("sync", "1");
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(status().get("state").getAsString()).isEqualTo("idle");
    }

    @Test
    void aSuddenlyEmptySourceIsTreatedAsMissingUnlessForced() throws Exception {
        for (String name : new String[] {"a", "b", "c", "d/e", "d"}) {
            Files.delete(source.resolve(name));
        }
        Map<String, String> before = view(target);

        CliRun sync = conduit("sync", "1");

        assertThat(sync.exitCode()).isEqualTo(1);
        assertThat(sync.err()).contains("is empty but its index knew files there");
        assertThat(view(target)).isEqualTo(before);

        CliRun forced = conduit("sync", "1", "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(view(target)).isEmpty();
        assertThat(JsonParser.parseString(conduit("--json", "trash", "list").out())
                        .getAsJsonArray())
                .hasSize(4);
    }

    @Test
    void aSourceReplacedByAnotherDirectoryPausesUntilResumed() throws Exception {
        Files.move(source, work.resolve("old-disk"));
        write(source, "a", "another disk's a");
        Map<String, String> before = view(target);

        CliRun sync = conduit("sync", "1");

        assertThat(sync.exitCode()).isEqualTo(1);
        assertThat(sync.err()).contains("is another directory than when the conduit was made");
        assertThat(view(target)).isEqualTo(before);
        assertThat(conduit("resume", "1").exitCode()).isZero();
        CliRun resumed = conduit("sync", "1", "--max-delete", "100");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(target.resolve("a")).hasContent("another disk's a");
    }

    @Test
    void aPlanDeletingMoreThanTheLimitIsRefusedUntouched() throws Exception {
        for (String name : new String[] {"a", "b", "c"}) {
            Files.delete(source.resolve(name));
        }
        Map<String, String> before = view(target);

        CliRun sync = conduit("sync", "1");

        assertThat(sync.exitCode()).isEqualTo(1);
        assertThat(sync.err()).contains("the plan deletes 3 of the target's 4 files, more than 50%");
        assertThat(view(target)).isEqualTo(before);
        assertThat(conduit("plan", "1").err()).contains("sync would refuse this plan");
        CliRun raised = conduit("sync", "1", "--max-delete", "75");
        assertThat(raised.exitCode()).as(raised.err()).isZero();
        assertThat(view(target).keySet()).containsExactly("d", "d/e");
    }

    @Test
    void aSecondSyncWhileOneRunsIsRefused() throws Exception {
        Process running = HoldFileLock.start(library.resolve("locks/conduit-1.lock")); // another process's sync
        try {
            CliRun second = conduit("sync", "1");

            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.err()).contains("is already syncing");
            assertThat(status().get("state").getAsString()).isEqualTo("syncing");
            assertThat(conduit("sync", "1").exitCode())
                    .as("still refused after this process asked")
                    .isEqualTo(1);
        } finally {
            running.destroyForcibly().waitFor();
        }
        assertThat(conduit("sync", "1").exitCode()).isZero();
    }

    @Test
    void aFifoInTheSourceIsSkippedWithAWarning() throws Exception {
        Process fifo = new ProcessBuilder("mkfifo", source.resolve("pipe").toString()).start();
        assertThat(fifo.waitFor()).isZero();

        CliRun sync = conduit("sync", "1");

        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.err()).contains("warning: " + source.toRealPath() + "/pipe: skipped: a named pipe (FIFO)");
        assertThat(target.resolve("pipe")).doesNotExist();
    }

    @Test
    // before, the target's scan read the source's ignore file, a pipe, for good (the test's own thread fails then)
    @org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aPipeNamedAsAnIgnoreFileInTheSourceDoesNotHoldTheSyncUp() throws Exception {
        Files.createDirectories(source.resolve("sub"));
        write(source, "sub/f", "f");
        Process fifo = new ProcessBuilder(
                        "mkfifo", source.resolve("sub/.conduitignore").toString())
                .start();
        assertThat(fifo.waitFor()).isZero();

        CliRun sync = conduit("sync", "1");

        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.err()).contains("sub/.conduitignore: skipped: a named pipe (FIFO)");
        assertThat(target.resolve("sub/f")).hasContent("f");
        assertThat(target.resolve("sub/.conduitignore")).doesNotExist();
    }

    @Test
    void aNameThatIsNotUtf8IsReportedAndTheRestIsSynced() throws Exception {
        Process touch = new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377name')\"")
                .directory(source.toFile())
                .start();
        assertThat(touch.waitFor()).isZero();
        write(source, "good", "good");

        CliRun sync = conduit("sync", "1");

        assertThat(sync.exitCode()).isEqualTo(1);
        assertThat(sync.err()).contains("not valid UTF-8").doesNotContain("Exception");
        assertThat(target.resolve("good")).hasContent("good");
        assertThat(view(target).keySet()).containsExactlyInAnyOrder("a", "b", "c", "d", "d/e", "good");
    }

    @Test
    void anEntryThatCannotBeWrittenIsReportedAndTheRestIsSynced() throws Exception {
        write(source, "blocked", "wants to be a file");
        write(source, "fine", "fine");
        Files.createDirectories(target);
        Process fifo = new ProcessBuilder("mkfifo", target.resolve("blocked").toString()).start();
        assertThat(fifo.waitFor()).isZero();

        CliRun sync = conduit("--json", "sync", "1");

        assertThat(sync.exitCode()).isEqualTo(1);
        String[] lines = sync.out().strip().split("\n");
        JsonObject summary = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
        assertThat(summary.get("errors").getAsLong()).isEqualTo(1);
        assertThat(summary.get("verification").getAsString()).isEqualTo("failed:1 action left");
        assertThat(sync.out()).contains("\"event\":\"error\"").contains("\"path\":\"blocked\"");
        assertThat(target.resolve("fine")).hasContent("fine");
        assertThat(JsonParser.parseString(conduit("--json", "status", "1").out())
                        .getAsJsonArray()
                        .get(0)
                        .getAsJsonObject()
                        .get("lastError")
                        .getAsString())
                .contains("blocked");
    }
}
