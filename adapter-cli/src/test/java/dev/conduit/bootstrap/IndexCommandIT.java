package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conduit index} through the real command line, adapters and SQLite file. */
class IndexCommandIT {

    @TempDir
    Path work;

    private Path tree() throws Exception {
        Path root = Files.createDirectories(work.resolve("docs"));
        Files.writeString(root.resolve("a.txt"), "alpha");
        Files.createDirectories(root.resolve("sub/deeper"));
        Files.writeString(root.resolve("sub/deeper/b.txt"), "beta");
        Files.writeString(root.resolve("sub/\u00fcber caf\u00e9.txt"), "gamma");
        Files.writeString(root.resolve(".DS_Store"), "clutter");
        return root;
    }

    @Test
    void indexesADirectoryAndSaysWhatChanged() throws Exception {
        Path root = tree();

        CliRun first = CliRun.run(work.resolve("lib"), "index", root.toString());

        assertThat(first.exitCode()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(first.out())
                .contains("Indexed " + root)
                .containsPattern("new\\s+5\\b")
                .containsPattern("removed\\s+0\\b");
        assertThat(Files.exists(work.resolve("lib/library.db"))).isTrue();

        Files.delete(root.resolve("a.txt"));
        CliRun second = CliRun.run(work.resolve("lib"), "index", root.toString());
        assertThat(second.out()).containsPattern("removed\\s+1\\b").containsPattern("unchanged\\s+4\\b");
    }

    @Test
    void twoSpellingsOfOneFolderAreOneLocation() throws Exception {
        Path root = tree();
        Path alias = Files.createSymbolicLink(work.resolve("alias"), root);

        CliRun.run(work.resolve("lib"), "index", root.toString());
        CliRun viaAlias = CliRun.run(work.resolve("lib"), "--json", "index", alias.toString() + "/./");

        JsonObject json = JsonParser.parseString(viaAlias.out()).getAsJsonObject();
        assertThat(json.get("root").getAsString()).isEqualTo(root.toRealPath().toString());
        assertThat(json.get("location").getAsLong()).isEqualTo(1);
        assertThat(json.get("new").getAsLong()).isZero();
    }

    @Test
    void aFolderInsideAnIndexedRootIsRefreshedAsPartOfIt() throws Exception {
        Path root = tree();
        CliRun.run(work.resolve("lib"), "index", root.toString());
        Files.writeString(root.resolve("sub/deeper/new.txt"), "new");

        CliRun human =
                CliRun.run(work.resolve("lib"), "index", root.resolve("sub").toString());
        Files.writeString(root.resolve("sub/deeper/newer.txt"), "newer");
        CliRun json = CliRun.run(
                work.resolve("lib"),
                "--json",
                "index",
                root.resolve("sub/deeper").toString());

        assertThat(human.out())
                .contains("Indexed " + root + "/sub (in the location " + root + ")")
                .containsPattern("new\\s+1\\b");
        JsonObject document = JsonParser.parseString(json.out()).getAsJsonObject();
        assertThat(document.get("location").getAsLong()).isEqualTo(1);
        assertThat(document.get("scope").getAsString()).isEqualTo("sub/deeper");
        assertThat(document.get("new").getAsLong()).isEqualTo(1);
    }

    @Test
    void printsOneJsonDocumentWithTheCounts() throws Exception {
        Path root = tree();

        CliRun run = CliRun.run(work.resolve("lib"), "--json", "index", "--ignore", "*.txt", root.toString());

        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(run.exitCode()).isZero();
        assertThat(json.get("root").getAsString()).isEqualTo(root.toString());
        assertThat(json.get("new").getAsLong()).isEqualTo(2); // sub, sub/deeper
        assertThat(json.get("errors").getAsLong()).isZero();
        assertThat(json.getAsJsonArray("problems")).isEmpty();
    }

    @Test
    void usesTheLibraryFromTheEnvironmentWhenNoneIsGiven() throws Exception {
        Path root = tree();
        Path xdg = work.resolve("xdg");

        CliRun run = CliRun.runWithEnvironment(
                Map.of("XDG_DATA_HOME", xdg.toString(), "HOME", work.toString()), "index", root.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(Files.exists(xdg.resolve("conduit/library.db"))).isTrue();
        CliRun explicit = CliRun.runWithEnvironment(
                Map.of("CONDUIT_LIBRARY", work.resolve("c").toString(), "XDG_DATA_HOME", xdg.toString()),
                "index",
                root.toString());
        assertThat(explicit.exitCode()).isZero();
        assertThat(Files.exists(work.resolve("c/library.db"))).isTrue();
    }

    @Nested
    class BadInput {

        @Test
        void aMissingDirectoryIsOneClearLineAndExitOne() {
            CliRun run = CliRun.run(
                    work.resolve("lib"), "index", work.resolve("nope").toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines())
                    .containsExactly("conduit: cannot index " + work.resolve("nope")
                            + ": no such directory (check the path, or mount the disk it lives on)");
            assertThat(run.out()).isEmpty();
        }

        @Test
        void aFileIsNotADirectory() throws Exception {
            Path file = Files.writeString(work.resolve("file.txt"), "x");
            CliRun run = CliRun.run(work.resolve("lib"), "index", file.toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("not a directory");
        }

        @Test
        void aBrokenLibraryIsOneClearLineNotAStackTrace() throws Exception {
            Path root = tree();
            Path library = Files.createDirectories(work.resolve("lib"));
            Files.writeString(library.resolve("library.db"), "garbage ".repeat(1000));

            CliRun run = CliRun.run(library, "index", root.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines()).hasSize(1);
            assertThat(run.err())
                    .startsWith("conduit: the library " + library.resolve("library.db"))
                    .contains("not a readable Conduit library")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }

        @Test
        void aLibraryPathThatIsAFileIsOneClearLine() throws Exception {
            Path root = tree();
            Path notAFolder = Files.writeString(work.resolve("lib"), "x");

            CliRun run = CliRun.run(notAFolder, "index", root.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines()).hasSize(1);
            assertThat(run.err()).contains("the library folder " + notAFolder + " is a file, not a folder");
        }

        @Test
        void unknownOptionsAndMissingArgumentsAreUsageErrors() {
            CliRun unknown = CliRun.run(work.resolve("lib"), "index", "--frobnicate", "x");
            CliRun missing = CliRun.run(work.resolve("lib"), "index");
            CliRun none = CliRun.run(work.resolve("lib"));
            CliRun emptyPattern = CliRun.run(work.resolve("lib"), "index", "--ignore", "", work.toString());

            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err())
                    .startsWith("conduit: Unknown option: '--frobnicate'")
                    .contains("--help");
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).contains("PATH");
            assertThat(none.exitCode()).isEqualTo(2);
            assertThat(emptyPattern.exitCode()).isEqualTo(2);
            assertThat(Files.exists(work.resolve("lib")))
                    .as("usage errors open no library")
                    .isFalse();
        }

        @Test
        void anUnreadableEntryIsReportedWithItsPathAndTheExitCodeIsOne() throws Exception {
            Path root = tree();
            Process touch = new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377name')\"")
                    .directory(root.toFile())
                    .start();
            assertThat(touch.waitFor()).isZero();

            CliRun run = CliRun.run(work.resolve("lib"), "index", root.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("not valid UTF-8").contains("1 entry of " + root + " could not be indexed");
            assertThat(run.out()).containsPattern("new\\s+5\\b");
        }
    }

    @Test
    void aDeepTreeIsIndexedWhole() throws Exception {
        Path root = Files.createDirectories(work.resolve("deep"));
        Path folder = root;
        for (int depth = 0; depth < 400; depth++) {
            folder = folder.resolve("d");
        }
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("bottom.txt"), "found");

        CliRun run = CliRun.run(work.resolve("lib"), "--json", "index", root.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(JsonParser.parseString(run.out())
                        .getAsJsonObject()
                        .get("new")
                        .getAsLong())
                .isEqualTo(401);
    }

    @Test
    void aPathLongerThanTheSystemAllowsIsReportedAndTheRestIsIndexed() throws Exception {
        Path root = Files.createDirectories(work.resolve("long"));
        Files.writeString(root.resolve("short.txt"), "fine");
        String name = "n".repeat(200);
        Process build = new ProcessBuilder(
                        "sh",
                        "-c",
                        "for i in $(seq 1 25); do mkdir " + name + " && cd -P " + name
                                + " || exit 1; done; echo deep > file.txt")
                .directory(root.toFile())
                .start();
        assertThat(build.waitFor()).isZero();

        CliRun run;
        try {
            run = CliRun.run(work.resolve("lib"), "--json", "index", root.toString());
        } finally { // rm works below PATH_MAX by descriptors; JUnit's cleanup cannot
            assertThat(new ProcessBuilder("rm", "-rf", name)
                            .directory(root.toFile())
                            .start()
                            .waitFor())
                    .isZero();
        }

        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(json.get("errors").getAsLong()).isEqualTo(1);
        assertThat(json.getAsJsonArray("problems")
                        .get(0)
                        .getAsJsonObject()
                        .get("reason")
                        .getAsString())
                .contains("name too long");
        assertThat(json.get("new").getAsLong())
                .as("short.txt and the folders that fit")
                .isGreaterThan(10);
    }

    @Test
    void helpAndVersionWork() {
        CliRun help = CliRun.run(work.resolve("lib"), "--help");
        CliRun version = CliRun.run(work.resolve("lib"), "--version");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("index").contains("--library");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("conduit ");
        CliRun alone = CliRun.runWithEnvironment(java.util.Map.of("HOME", work.toString()), "--version");
        assertThat(alone.exitCode()).isZero();
        assertThat(alone.out()).as("the same answer without a command tree").isEqualTo(version.out());
        assertThat(CliRun.runWithEnvironment(java.util.Map.of("HOME", work.toString()), "-V")
                        .out())
                .isEqualTo(version.out());
    }
}
