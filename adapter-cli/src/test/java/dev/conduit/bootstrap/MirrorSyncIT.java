package dev.conduit.bootstrap;

import static dev.conduit.bootstrap.Mirrors.view;
import static dev.conduit.bootstrap.Mirrors.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirror syncs through the real command line, adapters, SQLite file and directories. */
class MirrorSyncIT {

    @TempDir
    Path work;

    private Path library;
    private Path source;
    private Path target;

    @BeforeEach
    void folders() throws Exception {
        library = work.resolve("lib");
        source = Files.createDirectories(work.resolve("source"));
        target = work.resolve("backup");
    }

    private CliRun conduit(String... args) {
        return CliRun.run(library, args);
    }

    /** Syncs conduit 1 with --json and returns its summary line, checking that it is the last line. */
    private JsonObject sync(String... extra) {
        List<String> args = new ArrayList<>(List.of("--json", "sync", "1"));
        args.addAll(List.of(extra));
        CliRun run = conduit(args.toArray(String[]::new));
        String[] lines = run.out().strip().split("\n");
        JsonObject summary = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
        summary.addProperty("exit", run.exitCode());
        summary.addProperty("stderr", run.err());
        return summary;
    }

    private void addConduit(String... options) {
        List<String> args = new ArrayList<>(List.of("add", source.toString(), target.toString()));
        args.addAll(List.of(options));
        CliRun added = conduit(args.toArray(String[]::new));
        assertThat(added.exitCode()).as(added.err()).isZero();
    }

    private void tree() throws Exception {
        write(source, "a.txt", "alpha");
        write(source, "nested/deeper/b.txt", "beta");
        write(source, "spaces and ünïcödé/ça va.txt", "gamma");
        write(source, "zero-byte", "");
        byte[] large = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(large);
        write(source, "large.bin", large);
        Files.createDirectories(source.resolve("empty/inside-empty"));
        Files.createSymbolicLink(source.resolve("link-to-a"), Path.of("a.txt"));
        Files.createSymbolicLink(source.resolve("dangling"), Path.of("nowhere/at/all"));
        Path script = write(source, "run.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(source.resolve("a.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.setLastModifiedTime(
                source.resolve("nested/deeper/b.txt"), FileTime.from(Instant.parse("2001-02-03T04:05:06.789Z")));
    }

    @Test
    void theFirstSyncMakesAnExactCopyAndTheSecondHasNothingToDo() throws Exception {
        tree();
        addConduit();

        JsonObject first = sync();

        assertThat(first.get("exit").getAsInt())
                .as(first.get("stderr").getAsString())
                .isZero();
        assertThat(first.get("verification").getAsString()).isEqualTo("verified");
        assertThat(first.get("filesCopied").getAsLong()).isEqualTo(8);
        assertThat(first.get("bytesTransferred").getAsLong()).isEqualTo(5 + 4 + 5 + 3 * 1024 * 1024 + 17 + 10);
        assertThat(first.get("generation").getAsLong()).isEqualTo(1);
        assertThat(view(target, true)).isEqualTo(view(source, true));
        assertThat(library.resolve("library.db")).exists();
        assertThat(library.resolve("library.db-wal"))
                .as("no command leaves the library's write-ahead log behind")
                .isEmptyFile();

        JsonObject second = sync();
        assertThat(second.get("filesCopied").getAsLong()).isZero();
        assertThat(second.get("generation").getAsLong()).isEqualTo(2);
        assertThat(second.get("verification").getAsString()).isEqualTo("verified");
        assertThat(conduit("plan", "1").out()).contains("Nothing to do");
    }

    @Test
    void modificationsAndDeletesReachTheTargetAndEveryOldVersionIsInTheTrash() throws Exception {
        tree();
        addConduit();
        sync();
        write(source, "a.txt", "alpha, longer now");
        Files.delete(source.resolve("zero-byte"));
        Files.delete(source.resolve("nested/deeper/b.txt"));
        Files.delete(source.resolve("nested/deeper"));
        Files.delete(source.resolve("nested"));

        JsonObject synced = sync();

        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        assertThat(synced.get("filesCopied").getAsLong()).isEqualTo(1);
        assertThat(synced.get("filesDeleted").getAsLong()).isEqualTo(2);
        assertThat(view(target)).isEqualTo(view(source));
        JsonArray trash = JsonParser.parseString(
                        conduit("--json", "trash", "list", "1").out())
                .getAsJsonArray();
        assertThat(trash)
                .extracting(e -> e.getAsJsonObject().get("path").getAsString() + " "
                        + e.getAsJsonObject().get("reason").getAsString())
                .containsExactlyInAnyOrder("a.txt overwritten", "zero-byte deleted", "nested/deeper/b.txt deleted");
        JsonObject overwritten = find(trash, "a.txt");
        assertThat(overwritten.get("side").getAsString()).isEqualTo("target");
        assertThat(overwritten.get("size").getAsLong()).isEqualTo(5);
        assertThat(overwritten.get("conduit").getAsLong()).isEqualTo(1);
    }

    @Test
    void aDeletedFileComesBackFromTheTrashButNeverOverAnything() throws Exception {
        write(source, "keep.txt", "keep");
        write(source, "docs/report.txt", "the report");
        write(source, "docs/other.txt", "other");
        addConduit();
        sync();
        Files.delete(source.resolve("docs/report.txt"));
        sync();
        assertThat(target.resolve("docs/report.txt")).doesNotExist();
        long id = find(
                        JsonParser.parseString(
                                        conduit("--json", "trash", "list").out())
                                .getAsJsonArray(),
                        "docs/report.txt")
                .get("id")
                .getAsLong();

        CliRun restored = conduit("trash", "restore", Long.toString(id));

        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(target.resolve("docs/report.txt")).hasContent("the report");
        CliRun again = conduit("trash", "restore", Long.toString(id));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("no version " + id + " in the trash");

        Files.delete(source.resolve("docs/other.txt"));
        sync("--force");
        long other = find(
                        JsonParser.parseString(
                                        conduit("--json", "trash", "list").out())
                                .getAsJsonArray(),
                        "docs/other.txt")
                .get("id")
                .getAsLong();
        write(target, "docs/other.txt", "someone else's");
        CliRun refused = conduit("trash", "restore", Long.toString(other));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("something is there now");
        assertThat(target.resolve("docs/other.txt")).hasContent("someone else's");
    }

    @Test
    void aFileReplacedByADirectoryAndBack() throws Exception {
        write(source, "x", "a file");
        write(source, "keep", "keep");
        addConduit();
        sync();
        Files.delete(source.resolve("x"));
        write(source, "x/inside/deep.txt", "now a directory");

        JsonObject toDirectory = sync();
        assertThat(toDirectory.get("exit").getAsInt())
                .as(toDirectory.get("stderr").getAsString())
                .isZero();
        assertThat(view(target)).isEqualTo(view(source));

        Files.delete(source.resolve("x/inside/deep.txt"));
        Files.delete(source.resolve("x/inside"));
        Files.delete(source.resolve("x"));
        write(source, "x", "a file again");
        JsonObject toFile = sync("--force");
        assertThat(toFile.get("exit").getAsInt())
                .as(toFile.get("stderr").getAsString())
                .isZero();
        assertThat(toFile.get("verification").getAsString()).isEqualTo("verified");
        assertThat(view(target)).isEqualTo(view(source));
    }

    @Test
    void aChangeOfTimeOrPermissionsOnlyFixesTheMetadataWithoutCopying() throws Exception {
        write(source, "t.txt", "time");
        write(source, "p.txt", "permissions");
        addConduit();
        sync();
        write(source, "locked/inside.txt", "in a read-only folder");
        sync();
        Files.setLastModifiedTime(source.resolve("t.txt"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Files.setPosixFilePermissions(source.resolve("p.txt"), PosixFilePermissions.fromString("r--r-----"));
        Files.setPosixFilePermissions(source.resolve("locked"), PosixFilePermissions.fromString("r-xr-xr-x"));

        JsonArray operations = JsonParser.parseString(
                        conduit("--json", "plan", "1").out())
                .getAsJsonObject()
                .getAsJsonArray("operations");
        assertThat(operations)
                .extracting(e -> e.getAsJsonObject().get("op").getAsString() + " "
                        + e.getAsJsonObject().get("path").getAsString())
                .containsExactlyInAnyOrder("metadata p.txt", "metadata t.txt", "metadata locked");
        JsonObject synced = sync();

        assertThat(synced.get("bytesTransferred").getAsLong()).isZero();
        assertThat(synced.get("verification").getAsString()).isEqualTo("verified");
        assertThat(view(target)).isEqualTo(view(source));
    }

    @Test
    void aRenamedFileIsRenamedInTheTargetNotCopiedAgain() throws Exception {
        byte[] large = new byte[2 * 1024 * 1024];
        new Random(11).nextBytes(large);
        write(source, "photos/2025/holiday.raw", large);
        write(source, "keep.txt", "keep");
        addConduit();
        sync();
        Files.createDirectories(source.resolve("archive"));
        Files.move(source.resolve("photos/2025/holiday.raw"), source.resolve("archive/holiday.raw"));

        JsonObject plan =
                JsonParser.parseString(conduit("--json", "plan", "1").out()).getAsJsonObject();
        assertThat(plan.getAsJsonArray("operations"))
                .extracting(e -> e.getAsJsonObject().get("op").getAsString() + " "
                        + e.getAsJsonObject().get("path").getAsString())
                .containsExactly("mkdir archive", "move archive/holiday.raw");
        assertThat(plan.getAsJsonObject("summary").get("deletes").getAsLong()).isZero();
        JsonObject synced = sync();

        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        assertThat(synced.get("bytesTransferred").getAsLong()).isZero();
        assertThat(synced.get("verification").getAsString()).isEqualTo("verified");
        assertThat(view(target)).isEqualTo(view(source));
        assertThat(JsonParser.parseString(conduit("--json", "trash", "list").out())
                        .getAsJsonArray())
                .isEmpty();
    }

    @Test
    void aLookAlikeWithOtherContentIsCopiedNotRenamed() throws Exception {
        write(source, "keep-1", "one");
        write(source, "keep-2", "two");
        addConduit();
        sync();
        FileTime when = FileTime.from(Instant.parse("2022-02-02T02:02:02Z"));
        Files.setLastModifiedTime(write(source, "new.txt", "the real content"), when);
        Files.setLastModifiedTime(write(target, "stray.txt", "an impostor's!!!"), when);

        JsonObject synced = sync("--max-delete", "100");

        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        assertThat(synced.get("bytesTransferred").getAsLong()).isEqualTo(16);
        assertThat(view(target)).isEqualTo(view(source));
        JsonArray trash =
                JsonParser.parseString(conduit("--json", "trash", "list").out()).getAsJsonArray();
        assertThat(find(trash, "stray.txt").get("reason").getAsString()).isEqualTo("deleted");
    }

    @Test
    void planChangesNothingOnDiskNorInTheHistory() throws Exception {
        tree();
        addConduit();
        sync();
        write(source, "new.txt", "new");
        Files.delete(source.resolve("a.txt"));
        Map<String, String> before = view(target, true);
        String history = conduit("--json", "history", "1").out();

        CliRun plan = conduit("--json", "plan", "1");

        assertThat(plan.exitCode()).isZero();
        JsonObject json = JsonParser.parseString(plan.out()).getAsJsonObject();
        assertThat(json.getAsJsonArray("operations"))
                .extracting(e -> e.getAsJsonObject().get("op").getAsString()
                        + " " + e.getAsJsonObject().get("path").getAsString() + " "
                        + e.getAsJsonObject().get("direction").getAsString())
                .containsExactly("copy new.txt source-to-target", "delete a.txt source-to-target");
        assertThat(find(json.getAsJsonArray("operations"), "a.txt")
                        .get("reason")
                        .getAsString())
                .isEqualTo("not in the source");
        assertThat(view(target, true)).isEqualTo(before);
        assertThat(conduit("--json", "history", "1").out()).isEqualTo(history);
    }

    @Test
    void ignoredPathsAreNeitherCopiedNorDeleted() throws Exception {
        write(source, "keep.txt", "keep");
        write(source, "debug.log", "noise");
        write(source, "build/out.o", "object");
        write(source, ".conduitignore", "build/\n");
        write(source, ".DS_Store", "clutter");
        Files.createDirectories(target);
        write(target, "target-only.log", "the target's own log");
        addConduit("--ignore", "*.log");

        JsonObject synced = sync();

        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        assertThat(view(target).keySet()).containsExactlyInAnyOrder("keep.txt", ".conduitignore", "target-only.log");
    }

    @Test
    void twoPathsMakeAConduitOnceAndReuseIt() throws Exception {
        write(source, "a", "a");

        CliRun first = conduit("--json", "sync", source.toString(), target.toString());
        CliRun second = conduit("--json", "sync", source.toString(), target.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(JsonParser.parseString(conduit("--json", "list").out()).getAsJsonArray())
                .hasSize(1);
        assertThat(target.resolve("a")).hasContent("a");
        Path elsewhere = work.resolve("elsewhere");
        CliRun dryRun = conduit("sync", "--dry-run", source.toString(), elsewhere.toString());
        assertThat(dryRun.exitCode()).isEqualTo(1);
        assertThat(dryRun.err()).contains("a dry run makes none");
        assertThat(elsewhere).doesNotExist();
        assertThat(conduit("sync", "--dry-run", source.toString(), target.toString())
                        .out())
                .contains("Nothing to do");
        String[] lines = second.out().strip().split("\n");
        assertThat(JsonParser.parseString(lines[lines.length - 1])
                        .getAsJsonObject()
                        .get("generation")
                        .getAsLong())
                .isEqualTo(2);
        Path missing = work.resolve("no-such-folder");
        CliRun typo = conduit("sync", missing.toString(), work.resolve("copy").toString());
        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err().strip())
                .as("one line about the path, not two about conduits")
                .isEqualTo("conduit: the source " + missing + " does not exist (check the path, or mount its disk)");
        assertThat(work.resolve("copy")).doesNotExist();
    }

    @Test
    void historyRecordsEveryGenerationWithItsCounts() throws Exception {
        write(source, "a", "a");
        addConduit();
        sync();
        write(source, "b", "bb");
        sync();

        JsonArray history =
                JsonParser.parseString(conduit("--json", "history", "1").out()).getAsJsonArray();

        assertThat(history).hasSize(2);
        JsonObject newest = history.get(0).getAsJsonObject();
        assertThat(newest.get("generation").getAsLong()).isEqualTo(2);
        assertThat(newest.get("filesCopied").getAsLong()).isEqualTo(1);
        assertThat(newest.get("bytesTransferred").getAsLong()).isEqualTo(2);
        assertThat(newest.get("verification").getAsString()).isEqualTo("verified");
        assertThat(newest.get("completed").isJsonNull()).isFalse();
        JsonObject status = JsonParser.parseString(
                        conduit("--json", "status", "1").out())
                .getAsJsonArray()
                .get(0)
                .getAsJsonObject();
        assertThat(status.get("state").getAsString()).isEqualTo("idle");
        assertThat(status.get("totalSyncs").getAsLong()).isEqualTo(2);
        assertThat(status.get("filesSynced").getAsLong()).isEqualTo(2);
        assertThat(status.get("lastVerification").getAsString()).isEqualTo("verified");
        JsonObject stats =
                JsonParser.parseString(conduit("--json", "stats").out()).getAsJsonObject();
        assertThat(stats.get("conduits").getAsLong()).isEqualTo(1);
        assertThat(stats.get("syncs").getAsLong()).isEqualTo(2);
        assertThat(stats.get("bytesTransferred").getAsLong()).isEqualTo(3);
        assertThat(stats.get("locations").getAsLong()).isEqualTo(2);
        assertThat(stats.get("indexEntries").getAsLong()).isEqualTo(4);
        JsonObject lastDay = stats.getAsJsonObject("lastDay");
        assertThat(lastDay.get("syncs").getAsLong()).isEqualTo(2);
        assertThat(lastDay.get("verified").getAsLong()).isEqualTo(2);
        assertThat(lastDay.get("successRate").getAsDouble()).isEqualTo(100.0);
        assertThat(lastDay.get("bytesTransferred").getAsLong()).isEqualTo(3);
        assertThat(conduit("stats").out())
                .contains("last 24 hours      2 syncs, 2 files, 3 B, 0 conflicts, 0 errors, 100.0 % verified")
                .contains("success rate       100.0 % (2 of 2 syncs verified)");
    }

    private static JsonObject find(JsonArray array, String path) {
        for (JsonElement element : array) {
            JsonObject object = element.getAsJsonObject();
            if (object.get("path").getAsString().equals(path)) {
                return object;
            }
        }
        throw new AssertionError("no " + path + " in " + array);
    }

    /**
     * Folder times never count as changes, yet a mirror restores every folder whose time differs, touched by its plan
     * or not: after a killed or concurrent sync left them wrong, a no-op sync mends them (issue 17).
     */
    @Test
    void aNoOpSyncMendsFolderTimesThatDifferWithoutCountingThemAsChanges() throws Exception {
        write(source, "a/b/c.txt", "c");
        write(source, "d/e.txt", "e");
        FileTime then = FileTime.from(Instant.parse("2021-03-04T05:06:07.123Z"));
        for (String folder : List.of("a/b", "a", "d")) {
            Files.setLastModifiedTime(source.resolve(folder), then);
        }
        addConduit();
        assertThat(sync().get("exit").getAsInt()).isZero();
        FileTime wrong = FileTime.from(Instant.parse("2024-01-01T00:00:00Z"));
        for (String folder : List.of("a/b", "a", "d")) {
            Files.setLastModifiedTime(target.resolve(folder), wrong); // as a killed sync may leave them
        }

        JsonObject noOp = sync();

        assertThat(noOp.get("exit").getAsInt())
                .as(noOp.get("stderr").getAsString())
                .isZero();
        assertThat(noOp.get("filesCopied").getAsInt()).isZero();
        for (String folder : List.of("a/b", "a", "d")) {
            assertThat(Files.getLastModifiedTime(target.resolve(folder)))
                    .as(folder)
                    .isEqualTo(then);
        }
        assertThat(conduit("--json", "plan", "1").out()).contains("\"actions\":0");
    }
}
