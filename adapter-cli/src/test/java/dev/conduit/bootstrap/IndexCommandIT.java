package dev.conduit.bootstrap;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(first.out()).contains("Indexed " + root).containsPattern("new\\s+5\\b")
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
    void printsOneJsonDocumentWithTheCounts() throws Exception {
        Path root = tree();

        CliRun run = CliRun.run(work.resolve("lib"), "--json", "index", "--ignore", "*.txt", root.toString());

        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(run.exitCode()).isZero();
        assertThat(json.get("root").getAsString()).isEqualTo(root.toString());
        assertThat(json.get("new").getAsLong()).isEqualTo(2);                  // sub, sub/deeper
        assertThat(json.get("errors").getAsLong()).isZero();
        assertThat(json.getAsJsonArray("problems")).isEmpty();
    }

    @Test
    void usesTheLibraryFromTheEnvironmentWhenNoneIsGiven() throws Exception {
        Path root = tree();
        Path xdg = work.resolve("xdg");

        CliRun run = CliRun.runWithEnvironment(Map.of("XDG_DATA_HOME", xdg.toString(), "HOME", work.toString()),
            "index", root.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(Files.exists(xdg.resolve("conduit/library.db"))).isTrue();
        CliRun explicit = CliRun.runWithEnvironment(Map.of("CONDUIT_LIBRARY", work.resolve("c").toString(),
            "XDG_DATA_HOME", xdg.toString()), "index", root.toString());
        assertThat(explicit.exitCode()).isZero();
        assertThat(Files.exists(work.resolve("c/library.db"))).isTrue();
    }

    @Nested
    class BadInput {

        @Test
        void aMissingDirectoryIsOneClearLineAndExitOne() {
            CliRun run = CliRun.run(work.resolve("lib"), "index", work.resolve("nope").toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines()).containsExactly("conduit: cannot index " + work.resolve("nope")
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
            assertThat(run.err()).startsWith("conduit: the library " + library.resolve("library.db"))
                .contains("not a readable Conduit library").doesNotContain("Exception").doesNotContain("\tat ");
        }

        @Test
        void aLibraryPathThatIsAFileIsOneClearLine() throws Exception {
            Path root = tree();
            Path notAFolder = Files.writeString(work.resolve("lib"), "x");

            CliRun run = CliRun.run(notAFolder, "index", root.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines()).hasSize(1);
            assertThat(run.err()).contains("cannot create the library folder " + notAFolder);
        }

        @Test
        void unknownOptionsAndMissingArgumentsAreUsageErrors() {
            CliRun unknown = CliRun.run(work.resolve("lib"), "index", "--frobnicate", "x");
            CliRun missing = CliRun.run(work.resolve("lib"), "index");
            CliRun none = CliRun.run(work.resolve("lib"));
            CliRun emptyPattern = CliRun.run(work.resolve("lib"), "index", "--ignore", "", work.toString());

            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err()).startsWith("conduit: Unknown option: '--frobnicate'").contains("--help");
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).contains("PATH");
            assertThat(none.exitCode()).isEqualTo(2);
            assertThat(emptyPattern.exitCode()).isEqualTo(2);
            assertThat(Files.exists(work.resolve("lib"))).as("usage errors open no library").isFalse();
        }

        @Test
        void anUnreadableEntryIsReportedWithItsPathAndTheExitCodeIsOne() throws Exception {
            Path root = tree();
            Process touch = new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377name')\"")
                .directory(root.toFile()).start();
            assertThat(touch.waitFor()).isZero();

            CliRun run = CliRun.run(work.resolve("lib"), "index", root.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("not valid UTF-8").contains("1 entry of " + root + " could not be indexed");
            assertThat(run.out()).containsPattern("new\\s+5\\b");
        }
    }

    @Test
    void helpAndVersionWork() {
        CliRun help = CliRun.run(work.resolve("lib"), "--help");
        CliRun version = CliRun.run(work.resolve("lib"), "--version");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("index").contains("--library");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("conduit ");
    }
}
