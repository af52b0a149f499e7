package dev.conduit.bootstrap;

import static dev.conduit.bootstrap.Mirrors.view;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bidirectional syncs through the real command line, adapters, SQLite file and directories, one per rule. */
class BidirectionalSyncIT {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path work;

    private Path library;
    private Path source;
    private Path target;

    @BeforeEach
    void folders() throws Exception {
        library = work.resolve("lib");
        source = Files.createDirectories(work.resolve("laptop"));
        target = Files.createDirectories(work.resolve("usb"));
    }

    private CliRun conduit(String... args) {
        return CliRun.run(library, args);
    }

    private void add(String... options) {
        List<String> args =
                new ArrayList<>(List.of("add", source.toString(), target.toString(), "--mode", "bidirectional"));
        args.addAll(List.of(options));
        assertThat(conduit(args.toArray(String[]::new)).exitCode()).isZero();
    }

    /** Syncs conduit 1 with --json: the summary line, with the exit code and the conflict events. */
    private JsonObject sync() {
        CliRun run = conduit("--json", "sync", "1");
        String[] lines = run.out().strip().split("\n");
        JsonObject summary = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
        summary.addProperty("exit", run.exitCode());
        summary.addProperty("stderr", run.err());
        JsonArray conflicts = new JsonArray();
        for (String line : lines) {
            JsonObject event = JsonParser.parseString(line).getAsJsonObject();
            if (event.has("event") && event.get("event").getAsString().equals("conflict")) {
                conflicts.add(event);
            }
        }
        summary.add("conflictEvents", conflicts);
        return summary;
    }

    private static Path write(Path root, String path, String content, int secondsAfterT0) throws Exception {
        Path file = Mirrors.write(root, path, content);
        Files.setLastModifiedTime(file, FileTime.from(T0.plusSeconds(secondsAfterT0)));
        return file;
    }

    private JsonArray json(String... args) {
        List<String> all = new ArrayList<>(List.of("--json"));
        all.addAll(List.of(args));
        CliRun run = conduit(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JsonParser.parseString(run.out()).getAsJsonArray();
    }

    private JsonArray trash() {
        return json("trash", "list");
    }

    @Test
    void theFirstSyncIsTheUnionAndTheSameContentIsNoConflict() throws Exception {
        write(source, "only-here.txt", "laptop", 1);
        write(target, "docs/only-there.txt", "usb", 2);
        Files.createDirectories(target.resolve("empty"));
        write(source, "same.txt", "same", 10);
        write(target, "same.txt", "same", 20);
        add();

        JsonObject first = sync();

        assertThat(first.get("exit").getAsInt())
                .as(first.get("stderr").getAsString())
                .isZero();
        assertThat(first.get("conflicts").getAsInt()).isZero();
        assertThat(first.get("verification").getAsString()).isEqualTo("verified");
        assertThat(view(source)).isEqualTo(view(target)).containsKeys("only-here.txt", "docs/only-there.txt", "empty");
        assertThat(Files.getLastModifiedTime(source.resolve("same.txt")).toInstant())
                .as("the later time for both")
                .isEqualTo(T0.plusSeconds(20));
        JsonObject second = sync();
        assertThat(second.get("filesCopied").getAsInt()
                        + second.get("filesDeleted").getAsInt())
                .isZero();
    }

    @Test
    void createsModificationsAndDeletesOnEitherSidePropagateDeletesIntoTheTrash() throws Exception {
        write(source, "a.txt", "a", 1);
        write(source, "b.txt", "b", 1);
        write(source, "dir/c.txt", "c", 1);
        add();
        sync();

        write(source, "a.txt", "a, edited on the laptop", 5);
        write(target, "new-on-usb.txt", "new", 5);
        Files.delete(target.resolve("b.txt"));
        Files.delete(source.resolve("dir/c.txt"));
        JsonObject synced = sync();

        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        assertThat(view(source)).isEqualTo(view(target));
        assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("a, edited on the laptop");
        assertThat(source.resolve("new-on-usb.txt")).exists();
        assertThat(source.resolve("b.txt")).doesNotExist();
        assertThat(target.resolve("dir/c.txt")).doesNotExist();
        assertThat(trash())
                .extracting(item -> item.getAsJsonObject().get("side").getAsString() + " "
                        + item.getAsJsonObject().get("path").getAsString() + " "
                        + item.getAsJsonObject().get("reason").getAsString())
                .containsExactlyInAnyOrder(
                        "source b.txt deleted", "target dir/c.txt deleted", "target a.txt overwritten");
        assertThat(sync().get("filesCopied").getAsInt()).isZero();
    }

    @ParameterizedTest(name = "{0}: the {1} version wins")
    @CsvSource({"newest-wins, target", "source-wins, source", "target-wins, target", "largest-wins, source"})
    void bothModifiedIsSettledByThePolicyAndTheLoserGoesToTheTrash(String policy, String winner) throws Exception {
        write(source, "report.txt", "first", 1);
        add("--conflict", policy);
        sync();
        write(source, "report.txt", "the laptop's longer version", 10);
        write(target, "report.txt", "usb", 20);

        JsonObject synced = sync();

        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        assertThat(synced.get("conflicts").getAsInt()).isEqualTo(1);
        String expected = winner.equals("source") ? "the laptop's longer version" : "usb";
        assertThat(Files.readString(source.resolve("report.txt"))).isEqualTo(expected);
        assertThat(Files.readString(target.resolve("report.txt"))).isEqualTo(expected);
        String loserSide = winner.equals("source") ? "target" : "source";
        assertThat(trash()).anySatisfy(item -> {
            assertThat(item.getAsJsonObject().get("side").getAsString()).isEqualTo(loserSide);
            assertThat(item.getAsJsonObject().get("reason").getAsString()).isEqualTo("conflict-loser");
        });
        JsonObject settled = json("conflicts", "--all").get(0).getAsJsonObject();
        assertThat(settled.get("type").getAsString()).isEqualTo("both-modified");
        assertThat(settled.get("state").getAsString()).isEqualTo("settled");
        assertThat(settled.get("settlement").getAsString()).startsWith(winner + " wins");
        assertThat(json("conflicts")).isEmpty();
    }

    @Test
    void aConflictsLoserGoesToTheTrashEvenWhenDeletesArePermanent() throws Exception {
        write(source, "report.txt", "first", 1);
        write(source, "scratch.txt", "scratch", 1);
        add("--delete", "permanent");
        sync();
        write(source, "report.txt", "laptop, older", 10);
        write(target, "report.txt", "usb, newer", 20);
        Files.delete(source.resolve("scratch.txt"));

        JsonObject synced = sync();

        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        assertThat(target.resolve("scratch.txt")).as("deleted for good").doesNotExist();
        assertThat(trash()).singleElement().satisfies(item -> {
            assertThat(item.getAsJsonObject().get("path").getAsString()).isEqualTo("report.txt");
            assertThat(item.getAsJsonObject().get("side").getAsString()).isEqualTo("source");
            assertThat(item.getAsJsonObject().get("reason").getAsString()).isEqualTo("conflict-loser");
        });
    }

    @Test
    void keepBothKeepsTheOlderVersionBesideTheNewerOnBothSidesUnderAConflictName() throws Exception {
        write(source, "notes.md", "first", 1);
        add("--conflict", "keep-both");
        sync();
        write(source, "notes.md", "laptop", 30);
        write(target, "notes.md", "usb, older", 20);

        JsonObject synced = sync();

        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd HHmmss")
                .format(T0.plusSeconds(20).atZone(ZoneId.systemDefault()));
        String copy = "notes (conflict " + time + " target).md";
        assertThat(view(source)).isEqualTo(view(target)).containsOnlyKeys("notes.md", copy);
        assertThat(Files.readString(source.resolve("notes.md"))).isEqualTo("laptop");
        assertThat(Files.readString(source.resolve(copy))).isEqualTo("usb, older");
        assertThat(sync().get("conflicts").getAsInt())
                .as("a conflict copy is no new conflict")
                .isZero();
    }

    @Test
    void askLeavesBothSidesAloneExitsThreeAndTheAnswerIsCarriedOutByTheNextSync() throws Exception {
        write(source, "plan.txt", "first", 1);
        add("--conflict", "ask");
        sync();
        write(source, "plan.txt", "laptop", 10);
        write(target, "plan.txt", "usb", 20);
        Map<String, String> sourceBefore = view(source);
        Map<String, String> targetBefore = view(target);

        JsonObject pending = sync();

        assertThat(pending.get("exit").getAsInt()).isEqualTo(3);
        assertThat(pending.get("pendingConflicts").getAsInt()).isEqualTo(1);
        assertThat(view(source)).isEqualTo(sourceBefore);
        assertThat(view(target)).isEqualTo(targetBefore);
        JsonArray listed = json("conflicts");
        assertThat(listed).hasSize(1);
        JsonObject conflict = listed.get(0).getAsJsonObject();
        assertThat(conflict.get("path").getAsString()).isEqualTo("plan.txt");
        assertThat(conflict.get("type").getAsString()).isEqualTo("both-modified");
        assertThat(conflict.get("conduit").getAsInt()).isEqualTo(1);
        assertThat(sync().get("exit").getAsInt()).as("still pending").isEqualTo(3);
        String id = conflict.get("id").getAsString();

        assertThat(conduit("resolve", id, "--keep", "sideways").exitCode()).isEqualTo(2);
        assertThat(conduit("resolve", "999", "--keep", "source").exitCode()).isEqualTo(1);
        CliRun resolved = conduit("resolve", id, "--keep", "source");
        assertThat(resolved.exitCode()).as(resolved.err()).isZero();
        JsonObject carried = sync();

        assertThat(carried.get("exit").getAsInt())
                .as(carried.get("stderr").getAsString())
                .isZero();
        assertThat(Files.readString(target.resolve("plan.txt"))).isEqualTo("laptop");
        assertThat(view(source)).isEqualTo(view(target));
        assertThat(json("conflicts")).isEmpty();
        assertThat(conduit("resolve", id, "--keep", "target").exitCode())
                .as("already settled")
                .isEqualTo(1);
        assertThat(trash())
                .anySatisfy(
                        item -> assertThat(item.getAsJsonObject().get("reason").getAsString())
                                .isEqualTo("conflict-loser"));
    }

    @Test
    void anAnswerGivenForVersionsThatChangedSinceIsNotCarriedOut() throws Exception {
        write(source, "plan.txt", "first", 1);
        add("--conflict", "ask");
        sync();
        write(source, "plan.txt", "laptop", 10);
        write(target, "plan.txt", "usb", 20);
        sync();
        String id = json("conflicts").get(0).getAsJsonObject().get("id").getAsString();
        conduit("resolve", id, "--keep", "source");
        write(target, "plan.txt", "usb, edited again after the answer", 30);

        JsonObject synced = sync();

        assertThat(synced.get("exit").getAsInt()).isEqualTo(3);
        assertThat(Files.readString(target.resolve("plan.txt"))).isEqualTo("usb, edited again after the answer");
        assertThat(json("conflicts").get(0).getAsJsonObject().get("answer").isJsonNull())
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"source-wins", "target-wins", "newest-wins"})
    void aModificationSurvivesADeleteOnTheOtherSide(String policy) throws Exception {
        write(source, "kept.txt", "first", 1);
        write(source, "other.txt", "other", 1);
        add("--conflict", policy);
        sync();
        Files.delete(source.resolve("kept.txt"));
        write(target, "kept.txt", "edited on the usb disk", 50);
        Files.delete(target.resolve("other.txt"));
        write(source, "other.txt", "edited on the laptop", 50);

        JsonObject synced = sync();

        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        assertThat(synced.get("conflicts").getAsInt()).isEqualTo(2);
        assertThat(Files.readString(source.resolve("kept.txt"))).isEqualTo("edited on the usb disk");
        assertThat(Files.readString(target.resolve("other.txt"))).isEqualTo("edited on the laptop");
        assertThat(view(source)).isEqualTo(view(target));
    }

    @Test
    void aFileAgainstAFolderLosesNothingTheFileIsKeptUnderAConflictName() throws Exception {
        add();
        write(source, "thing", "a file on the laptop", 5);
        write(target, "thing/inside.txt", "a folder on the usb disk", 6);

        JsonObject synced = sync();

        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        assertThat(synced.get("conflictEvents").getAsJsonArray())
                .singleElement()
                .satisfies(
                        event -> assertThat(event.getAsJsonObject().get("type").getAsString())
                                .isEqualTo("type-mismatch"));
        assertThat(view(source)).isEqualTo(view(target));
        assertThat(Files.readString(source.resolve("thing/inside.txt"))).isEqualTo("a folder on the usb disk");
        Path kept = Files.list(target)
                .filter(p -> p.getFileName().toString().startsWith("thing (conflict "))
                .findFirst()
                .orElseThrow();
        assertThat(Files.readString(kept)).isEqualTo("a file on the laptop");
    }

    @Test
    void aFolderDeletedOnOneSideKeepsWhatChangedInsideItOnTheOther() throws Exception {
        write(source, "project/src/changed.txt", "v1", 1);
        write(source, "project/src/untouched.txt", "same", 1);
        write(source, "project/docs/old.txt", "old", 1);
        write(source, "README", "keeps the laptop from looking unmounted", 1);
        add();
        sync();
        deleteTree(source.resolve("project"));
        write(target, "project/src/changed.txt", "v2, edited on the usb disk", 40);
        write(target, "project/src/new.txt", "new", 40);

        JsonObject synced = sync();

        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        assertThat(view(source))
                .isEqualTo(view(target))
                .containsKeys("project", "project/src", "project/src/changed.txt", "project/src/new.txt")
                .doesNotContainKeys("project/src/untouched.txt", "project/docs", "project/docs/old.txt");
        assertThat(Files.readString(source.resolve("project/src/changed.txt"))).isEqualTo("v2, edited on the usb disk");
    }

    @Test
    void aRenameOnOneSideIsCarriedOutAsAMoveNotACopy() throws Exception {
        write(source, "photos/2025/beach.jpg", "x".repeat(100_000), 1);
        add();
        sync();
        Files.createDirectories(target.resolve("archive"));
        Files.move(target.resolve("photos/2025/beach.jpg"), target.resolve("archive/beach.jpg"));

        JsonObject synced = sync();

        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        assertThat(synced.get("bytesTransferred").getAsLong()).isZero();
        assertThat(view(source))
                .isEqualTo(view(target))
                .containsKey("archive/beach.jpg")
                .doesNotContainKey("photos/2025/beach.jpg");
        assertThat(trash()).isEmpty();
    }

    @Test
    void aRenamedFolderIsOneMoveOfTheFolder() throws Exception {
        for (int i = 0; i < 30; i++) {
            write(source, "photos/2025/img" + i + ".jpg", "photo " + i, 1);
        }
        write(source, "photos/2025/raw/big.raw", "x".repeat(50_000), 1);
        write(source, "photos/2025/empty.txt", "", 1);
        Files.createSymbolicLink(source.resolve("photos/2025/latest"), Path.of("img29.jpg"));
        write(source, "photos/keep.txt", "stays", 1);
        add();
        sync();
        Files.move(target.resolve("photos/2025"), target.resolve("photos/summer-2025"));

        CliRun plan = conduit("--json", "plan", "1");
        JsonArray operations =
                JsonParser.parseString(plan.out()).getAsJsonObject().getAsJsonArray("operations");
        JsonObject synced = sync();

        assertThat(operations).singleElement().satisfies(operation -> {
            JsonObject op = operation.getAsJsonObject();
            assertThat(op.get("op").getAsString()).isEqualTo("move");
            assertThat(op.get("kind").getAsString()).isEqualTo("directory");
            assertThat(op.get("path").getAsString()).isEqualTo("photos/summer-2025");
            assertThat(op.get("direction").getAsString()).isEqualTo("target-to-source");
        });
        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        assertThat(synced.get("bytesTransferred").getAsLong()).isZero();
        assertThat(synced.get("verification").getAsString()).isEqualTo("verified");
        assertThat(view(source))
                .isEqualTo(view(target))
                .containsKeys(
                        "photos/summer-2025/raw/big.raw", "photos/summer-2025/latest", "photos/summer-2025/empty.txt")
                .doesNotContainKey("photos/2025");
        assertThat(trash()).isEmpty();
        JsonObject again = sync();
        assertThat(again.get("filesCopied").getAsInt()
                        + again.get("filesDeleted").getAsInt())
                .isZero();
    }

    @Test
    void thePlanShowsBothDirectionsAndTheConflictsWithTheirTypes() throws Exception {
        write(source, "both.txt", "first", 1);
        add();
        sync();
        write(source, "to-usb.txt", "a", 2);
        write(target, "to-laptop.txt", "b", 2);
        write(source, "both.txt", "laptop", 10);
        write(target, "both.txt", "usb", 20);
        Map<String, String> before = view(source);

        CliRun plan = conduit("--json", "plan", "1");

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        JsonArray operations =
                JsonParser.parseString(plan.out()).getAsJsonObject().getAsJsonArray("operations");
        List<String> seen = new ArrayList<>();
        for (JsonElement operation : operations) {
            JsonObject op = operation.getAsJsonObject();
            seen.add(op.get("op").getAsString() + " "
                    + (op.get("direction").isJsonNull()
                            ? "-"
                            : op.get("direction").getAsString()) + " "
                    + op.get("path").getAsString()
                    + (op.has("type") ? " " + op.get("type").getAsString() : ""));
        }
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        "conflict target-to-source both.txt both-modified",
                        "copy source-to-target to-usb.txt",
                        "copy target-to-source to-laptop.txt",
                        "copy target-to-source both.txt");
        assertThat(view(source)).isEqualTo(before);
        assertThat(json("conflicts", "--all")).as("a plan records nothing").isEmpty();
    }

    @Test
    void theIgnoreFileOfEitherRootAppliesToBothAndIsSyncedItself() throws Exception {
        write(source, "cache/big.bin", "regenerated", 1);
        write(source, "keep.txt", "keep", 1);
        add();
        sync();
        write(target, ".conduitignore", "# build output\ncache/\n*.tmp\n", 5);
        deleteTree(target.resolve("cache"));
        write(source, "scratch.tmp", "laptop only", 6);

        JsonObject synced = sync();

        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        assertThat(source.resolve("cache/big.bin"))
                .as("ignored on the usb disk: not deleted on the laptop")
                .exists();
        assertThat(target.resolve("scratch.tmp"))
                .as("ignored by the usb disk's rules")
                .doesNotExist();
        assertThat(Files.readString(source.resolve(".conduitignore"))).contains("cache/");
        assertThat(sync().get("filesDeleted").getAsInt()).isZero();
        assertThat(source.resolve("cache/big.bin")).exists();
    }

    @Test
    void aConduitThatWasAMirrorForAWhileStartsItsBaselineAgain() throws Exception {
        write(source, "a.txt", "v1", 1);
        add();
        sync();
        assertThat(conduit("edit", "1", "--mode", "mirror").exitCode()).isZero();
        write(source, "b.txt", "mirrored", 5);
        sync();
        Files.delete(source.resolve("a.txt")); // not synced while a mirror
        assertThat(conduit("edit", "1", "--mode", "bidirectional").exitCode()).isZero();

        JsonObject synced = sync();

        assertThat(synced.get("exit").getAsInt())
                .as(synced.get("stderr").getAsString())
                .isZero();
        assertThat(Files.readString(source.resolve("a.txt")))
                .as("a first sync again: the union, nothing deleted")
                .isEqualTo("v1");
        assertThat(trash()).isEmpty();
    }

    @Test
    void aMirrorCannotBeAnsweredAndConflictsOfAnUnknownConduitAreRefused() {
        add();
        CliRun unknown = conduit("conflicts", "nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no conduit 'nope'");
        CliRun missing = conduit("resolve", "7");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--keep");
    }

    private static void deleteTree(Path root) throws Exception {
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
