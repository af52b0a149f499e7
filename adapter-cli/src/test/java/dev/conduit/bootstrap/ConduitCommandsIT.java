package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Making, changing and dropping conduits, and every refusal of add, through the real command line. */
class ConduitCommandsIT {

    @TempDir
    Path work;

    private Path library;
    private Path source;

    @BeforeEach
    void folders() throws Exception {
        library = work.resolve("lib");
        source = Files.createDirectories(work.resolve("photos"));
    }

    private CliRun conduit(String... args) {
        return CliRun.run(library, args);
    }

    private JsonArray list() {
        return JsonParser.parseString(conduit("--json", "list").out()).getAsJsonArray();
    }

    @Test
    void addMakesAMissingTargetAndPrintsItsIdAndName() {
        Path target = work.resolve("backups/photos");

        CliRun added = conduit("--json", "add", source.toString(), target.toString());

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out().strip()).isEqualTo("{\"id\":1,\"name\":\"photos\"}");
        assertThat(target).isDirectory();
        JsonObject listed = list().get(0).getAsJsonObject();
        assertThat(listed.get("source").getAsString()).isEqualTo(source.toString());
        assertThat(listed.get("target").getAsString()).isEqualTo(target.toString());
        assertThat(listed.get("mode").getAsString()).isEqualTo("mirror");
        assertThat(listed.get("schedule").getAsString()).isEqualTo("manual");
        assertThat(listed.get("conflict").getAsString()).isEqualTo("newest-wins");
        assertThat(listed.get("delete").getAsString()).isEqualTo("trash");
        assertThat(listed.get("enabled").getAsBoolean()).isTrue();
    }

    @Test
    void everyRefusalExitsOneAndCreatesNothing() throws Exception {
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        Path file = Files.writeString(work.resolve("a-file"), "x");
        assertThat(conduit("add", source.toString(), work.resolve("copy").toString())
                        .exitCode())
                .isZero();

        record Refusal(String source, String target, String says) {}
        for (Refusal refusal : new Refusal[] {
            new Refusal(source.toString(), source.toString(), "the same directory"),
            new Refusal(source.toString(), source.resolve("inner").toString(), "inside the source"),
            new Refusal(elsewhere.resolve("sub").toString(), elsewhere.toString(), "does not exist"),
            new Refusal(source.toString(), work.resolve("copy").toString(), "already syncs"),
            new Refusal(work.resolve("copy").toString(), source.toString(), "already syncs"),
            new Refusal(
                    work.resolve("missing").toString(),
                    work.resolve("new-target").toString(),
                    "does not exist"),
            new Refusal(file.toString(), work.resolve("new-target").toString(), "is not a directory"),
            new Refusal(elsewhere.toString(), work.resolve("copy/inside").toString(), "overlaps the target")
        }) {
            CliRun refused = conduit("add", refusal.source(), refusal.target());
            assertThat(refused.exitCode()).as(refusal.toString()).isEqualTo(1);
            assertThat(refused.err())
                    .as(refusal.toString())
                    .contains(refusal.says())
                    .doesNotContain("Exception");
            assertThat(refused.err().strip().lines()).as(refusal.toString()).hasSize(1);
        }
        assertThat(list()).hasSize(1);
        assertThat(work.resolve("new-target")).doesNotExist();
        assertThat(source.resolve("inner")).doesNotExist();
    }

    @Test
    void malformedArgumentsExitTwoAndSayEveryProblem() {
        CliRun bad = conduit(
                "add",
                source.toString(),
                work.resolve("t").toString(),
                "--mode",
                "sideways",
                "--parallel",
                "0",
                "--bwlimit",
                "fast",
                "--schedule",
                "hourly");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err())
                .contains("unknown mode 'sideways'")
                .contains("--parallel must be between 1 and 64")
                .contains("not a bandwidth limit: 'fast'")
                .contains("unknown schedule 'hourly'");
        assertThat(work.resolve("t")).doesNotExist();
        assertThat(conduit("add", source.toString()).exitCode()).isEqualTo(2);
        assertThat(conduit("sync").exitCode()).isEqualTo(2);
        assertThat(conduit("sync", "--all", "1").exitCode()).isEqualTo(2);
        assertThat(conduit("sync", "1", "--max-delete", "150").exitCode()).isEqualTo(2);
        assertThat(conduit("trash", "purge", "--older-than", "soon").exitCode()).isEqualTo(2);
    }

    @Test
    void everyCommandHasItsHelp() {
        for (String[] command :
                new String[][] {{"add"}, {"sync"}, {"plan"}, {"status"}, {"trash", "restore"}, {"index"}, {"history"}
                }) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
            args.add("--help");
            CliRun help = conduit(args.toArray(String[]::new));
            assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(help.out())
                    .as(String.join(" ", command))
                    .startsWith("Usage: conduit " + String.join(" ", command));
        }
    }

    @Test
    void editChangesOnlyWhatIsGivenShowListsEverySetting() {
        conduit("add", source.toString(), work.resolve("t").toString(), "--name", "pics", "--ignore", "*.tmp");

        CliRun edited = conduit(
                "--json",
                "edit",
                "pics",
                "--conflict",
                "keep-both",
                "--bwlimit",
                "512K",
                "--schedule",
                "interval:15m",
                "--name",
                "pictures");

        assertThat(edited.exitCode()).as(edited.err()).isZero();
        JsonObject json = JsonParser.parseString(edited.out()).getAsJsonObject();
        assertThat(json.get("name").getAsString()).isEqualTo("pictures");
        assertThat(json.get("conflict").getAsString()).isEqualTo("keep-both");
        assertThat(json.get("schedule").getAsString()).isEqualTo("interval:15m");
        assertThat(json.get("bwlimit").getAsLong()).isEqualTo(512 * 1024);
        assertThat(json.get("mode").getAsString()).isEqualTo("mirror");
        assertThat(json.getAsJsonArray("ignore").get(0).getAsString()).isEqualTo("*.tmp");
        String shown = conduit("show", "1").out();
        assertThat(shown)
                .contains("pictures")
                .contains("keep-both")
                .contains("512K")
                .contains("*.tmp")
                .contains("interval:15m");
        assertThat(conduit("edit", "1", "--no-ignore").exitCode()).isZero();
        assertThat(conduit("show", "pictures").out()).containsPattern("ignore\\s+-");
    }

    @Test
    void namesAreUniqueAndNotNumbers() {
        conduit("add", source.toString(), work.resolve("t1").toString(), "--name", "one");

        CliRun taken = conduit("add", source.toString(), work.resolve("t2").toString(), "--name", "one");
        CliRun numeric = conduit("add", source.toString(), work.resolve("t3").toString(), "--name", "42");
        CliRun suggested =
                conduit("--json", "add", source.toString(), work.resolve("t4").toString());
        CliRun again =
                conduit("--json", "add", source.toString(), work.resolve("t5").toString());

        assertThat(taken.exitCode()).isEqualTo(1);
        assertThat(taken.err()).contains("the name 'one' is taken by conduit 1");
        assertThat(numeric.exitCode()).isEqualTo(2);
        assertThat(JsonParser.parseString(suggested.out())
                        .getAsJsonObject()
                        .get("name")
                        .getAsString())
                .isEqualTo("photos");
        assertThat(JsonParser.parseString(again.out())
                        .getAsJsonObject()
                        .get("name")
                        .getAsString())
                .isEqualTo("photos-2");
    }

    @Test
    void disableEnableAndRemoveNeverTouchFiles() throws Exception {
        Files.writeString(source.resolve("a"), "a");
        Path target = work.resolve("t");
        conduit("add", source.toString(), target.toString());
        conduit("sync", "1");

        assertThat(conduit("disable", "1").exitCode()).isZero();
        CliRun refused = conduit("sync", "1");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("is disabled");
        assertThat(conduit("--json", "sync", "--all").out()).isEmpty();
        assertThat(conduit("enable", "photos").exitCode()).isZero();
        assertThat(conduit("sync", "--all").exitCode()).isZero();

        CliRun removed = conduit("remove", "1");
        assertThat(removed.exitCode()).isZero();
        assertThat(list()).isEmpty();
        assertThat(target.resolve("a")).hasContent("a");
        assertThat(source.resolve("a")).hasContent("a");
        assertThat(conduit("show", "1").exitCode()).isEqualTo(1);
        assertThat(conduit("show", "1").err()).contains("no conduit '1'");
    }
}
