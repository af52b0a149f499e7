package dev.conduit.bootstrap;

import static dev.conduit.bootstrap.Mirrors.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promises of the contract's "Output and errors" and "Semantics, more" that a new user found broken: each through
 * the real command line, as typed.
 */
class NewUserPromisesIT {

    @TempDir
    Path work;

    private CliRun conduit(String... args) {
        return CliRun.run(work.resolve("lib"), args);
    }

    @Test
    void conduitAloneIsAUsageErrorThatPrintsTheUsage() {
        CliRun alone = CliRun.runWithEnvironment(Map.of("HOME", work.toString()));

        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err())
                .startsWith("Usage: conduit")
                .contains("Commands:")
                .contains("sync");
    }

    @Test
    void globalOptionsAreAcceptedAfterTheSubcommand() {
        write(work.resolve("s"), "a.txt", "a");
        assertThat(conduit(
                                "add",
                                work.resolve("s").toString(),
                                work.resolve("t").toString(),
                                "--name",
                                "docs")
                        .exitCode())
                .isZero();
        Map<String, String> home = Map.of("HOME", work.toString());
        String library = work.resolve("lib").toString();

        CliRun list = CliRun.runWithEnvironment(home, "list", "--json", "--library", library);
        CliRun sync = CliRun.runWithEnvironment(home, "sync", "docs", "--json", "--library", library, "-q");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(JsonParser.parseString(list.out()).getAsJsonArray()).hasSize(1);
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(lastJson(sync.out()).get("filesCopied").getAsInt()).isEqualTo(1);
    }

    @Test
    void everyFailedEntryIsNamedOnStderrWithItsSideAndReasonAlsoWithJson() throws Exception {
        Path source = work.resolve("s");
        write(source, "good.txt", "fine");
        Files.createDirectories(source.resolve("d"));
        Process touch = new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377')\"")
                .directory(source.resolve("d").toFile())
                .start();
        assertThat(touch.waitFor()).isZero();
        conduit("add", source.toString(), work.resolve("t").toString());

        CliRun json = conduit("--json", "sync", "1");

        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.err()).contains("conduit: error: source d/bad\\xFF: name is not valid UTF-8");
        JsonObject error = events(json.out()).stream()
                .filter(e -> e.has("event") && e.get("event").getAsString().equals("error"))
                .findFirst()
                .orElseThrow();
        assertThat(error.get("side").getAsString()).isEqualTo("source");
        assertThat(error.get("path").getAsString()).isEqualTo("d/bad\\xFF");
        assertThat(error.get("reason").getAsString()).contains("not valid UTF-8");
        assertThat(lastJson(json.out()).get("errors").getAsInt()).isEqualTo(1);

        CliRun human = conduit("sync", "1");
        assertThat(human.out()).contains(", 1 error, ").doesNotContain("1 errors");
        assertThat(human.err()).contains("conduit: error: source d/bad\\xFF").contains("1 error;");
    }

    @Test
    void verboseItemisesWhatTheSyncDoesAndNeverPrintsFrameworkLogs() {
        Path source = work.resolve("s");
        write(source, "a.txt", "a");
        write(source, "d/b.txt", "b");
        conduit("add", source.toString(), work.resolve("t").toString());

        CliRun sync = conduit("-v", "sync", "1");

        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.out())
                .contains("copy     -> a.txt  (new)")
                .contains("copy     -> d/b.txt  (new)")
                .contains("mkdir    -> d/  (new)");
        assertThat(sync.err())
                .doesNotContain("DEBUG")
                .doesNotContain("Preparing")
                .doesNotContain("==>");
    }

    @Test
    void aMirrorNeitherCopiesNorDeletesWhatTheSourceIgnoresOnTheTargetEither() {
        Path source = work.resolve("s");
        Path target = work.resolve("t");
        write(source, ".conduitignore", "*.o\n");
        write(source, "sub/.conduitignore", "keep.txt\n");
        write(source, "a.c", "int a;");
        write(source, "sub/x.txt", "x");
        write(target, "old.o", "object code the target built");
        write(target, "sub/keep.txt", "only in the target");
        conduit("add", source.toString(), target.toString());

        CliRun plan = conduit("--json", "plan", "1");
        CliRun sync = conduit("sync", "1");

        assertThat(plan.out()).doesNotContain("old.o").doesNotContain("keep.txt");
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(target.resolve("old.o")).hasContent("object code the target built");
        assertThat(target.resolve("sub/keep.txt")).hasContent("only in the target");
        assertThat(target.resolve("a.c")).hasContent("int a;");
        assertThat(conduit("trash", "list").out()).doesNotContain("old.o");
    }

    @Test
    void bothSidesChangingTheBitsDifferentlyIsAConflictLeftPendingUnderAsk() throws Exception {
        Path source = work.resolve("s");
        Path target = work.resolve("t");
        write(source, "notes.txt", "same");
        conduit("add", source.toString(), target.toString(), "--mode", "bidirectional", "--conflict", "ask");
        assertThat(conduit("sync", "1").exitCode()).isZero();
        Files.setPosixFilePermissions(source.resolve("notes.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(target.resolve("notes.txt"), PosixFilePermissions.fromString("rw-r-----"));

        CliRun sync = conduit("sync", "1");

        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(3);
        assertThat(conduit("conflicts").out()).contains("both-modified").contains("notes.txt");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(source.resolve("notes.txt"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("notes.txt"))))
                .isEqualTo("rw-r-----");
    }

    @Test
    void resumeAfterAnEmptyRootGuardClearsThatGuardAndTheDeleteLimitStillHolds() throws Exception {
        Path source = work.resolve("s");
        Path target = work.resolve("t");
        for (String name : List.of("a", "b", "c")) {
            write(source, name, name);
        }
        conduit("add", source.toString(), target.toString());
        assertThat(conduit("sync", "1").exitCode()).isZero();
        for (String name : List.of("a", "b", "c")) {
            Files.delete(source.resolve(name));
        }
        assertThat(conduit("sync", "1").err()).contains("is empty but its index knew files there");

        CliRun resume = conduit("resume", "1");
        CliRun next = conduit("sync", "1");
        CliRun beyondTheLimit = conduit("resume", "1", "--max-delete", "100");
        CliRun allowed = conduit("sync", "1", "--max-delete", "100");

        assertThat(resume.exitCode()).isZero();
        assertThat(resume.out()).contains("the source " + source + " is taken as it is now: empty");
        assertThat(next.exitCode()).isEqualTo(1);
        assertThat(next.err()).doesNotContain("is empty but its index knew").contains("more than 50%");
        assertThat(beyondTheLimit.exitCode()).isZero();
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(target).isEmptyDirectory();
        assertThat(conduit("trash", "list").out()).contains("deleted");
    }

    @Test
    void resumeRejectsAMaxDeleteThatIsNoPercentage() {
        write(work.resolve("s"), "a", "a");
        conduit("add", work.resolve("s").toString(), work.resolve("t").toString());

        assertThat(conduit("resume", "1", "--max-delete", "101").exitCode()).isEqualTo(2);
    }

    @Test
    void aRemoteEndpointThatCannotBeReachedIsOneLineAndNoFolderIsMadeForIt() {
        Path source = work.resolve("s");
        write(source, "a", "a");
        Path here = Path.of("").toAbsolutePath();

        CliRun scp = conduit("add", source.toString(), "ada@backup-host:/srv/docs");
        CliRun url = conduit("sync", source.toString(), "ssh://backup-host:2222/srv/docs");
        CliRun relative = conduit("sync", "backup-host:docs", work.resolve("t").toString());
        CliRun local = conduit("add", source.toString(), work.resolve("./a:b").toString());

        assertThat(scp.exitCode()).isEqualTo(1);
        assertThat(scp.err().lines()).hasSize(1);
        assertThat(scp.err()).contains("ada@backup-host").contains("nothing was changed");
        assertThat(url.exitCode()).isEqualTo(1);
        assertThat(url.err().lines()).hasSize(1);
        assertThat(url.err()).contains("backup-host");
        assertThat(relative.exitCode()).as("a remote path must be absolute").isEqualTo(2);
        assertThat(relative.err()).contains("backup-host:docs");
        assertThat(Files.exists(here.resolve("ada@backup-host:"))).isFalse();
        assertThat(Files.exists(here.resolve("ssh:"))).isFalse();
        assertThat(Files.exists(work.resolve("t"))).isFalse();
        assertThat(conduit("list").out()).doesNotContain("backup-host");
        assertThat(local.exitCode()).as(local.err()).isZero();
        assertThat(work.resolve("a:b")).isDirectory();
    }

    private static List<JsonObject> events(String out) {
        return out.lines()
                .filter(line -> line.startsWith("{"))
                .map(JsonParser::parseString)
                .filter(JsonElement::isJsonObject)
                .map(JsonElement::getAsJsonObject)
                .collect(Collectors.toList());
    }

    private static JsonObject lastJson(String out) {
        List<JsonObject> all = events(out);
        return all.get(all.size() - 1);
    }
}
