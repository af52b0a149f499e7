package dev.conduit.bootstrap;

import static dev.conduit.bootstrap.Mirrors.view;
import static dev.conduit.bootstrap.Mirrors.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tool creates and removes only {@code .conduit-tmp-<pid>-<n>} and its {@code .conduit-trash}: a user's file whose
 * name merely starts like them is synced like any other, and never swept.
 */
class LookalikeNamesIT {

    private static final String[] LOOKALIKES = {
        ".conduit-tmp-notes.txt",
        ".conduit-tmp-123-x",
        "sub/.conduit-tmp-999999999-notes",
        ".conduit-trash-old/kept.txt"
    };

    @TempDir
    Path work;

    private Path library;
    private Path source;
    private Path target;

    @BeforeEach
    void folders() throws Exception {
        library = work.resolve("lib");
        source = Files.createDirectories(work.resolve("source"));
        target = Files.createDirectories(work.resolve("target"));
    }

    private CliRun conduit(String... args) {
        return CliRun.run(library, args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mirror", "bidirectional"})
    void aUsersFilesNamedLikeTheToolsOwnAreSyncedAndNeverSwept(String mode) throws Exception {
        for (String name : LOOKALIKES) {
            write(source, name, "the user's " + name);
        }
        write(target, ".conduit-tmp-on-the-target", "the user's, on the target");
        for (Path root : new Path[] {source, target}) {
            write(root, "a.txt", "the same on both sides");
            write(root, "b.txt", "the same on both sides");
        }
        assertThat(conduit("add", source.toString(), target.toString(), "--mode", mode)
                        .exitCode())
                .isZero();

        CliRun first = conduit("sync", "1");
        CliRun second = conduit("sync", "1");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        for (String name : LOOKALIKES) {
            assertThat(source.resolve(name)).hasContent("the user's " + name);
            assertThat(target.resolve(name)).hasContent("the user's " + name);
        }
        if (mode.equals("bidirectional")) {
            assertThat(source.resolve(".conduit-tmp-on-the-target")).hasContent("the user's, on the target");
            assertThat(view(target)).isEqualTo(view(source));
        } else {
            assertThat(target.resolve(".conduit-tmp-on-the-target")).doesNotExist(); // target-only: to the trash,
            assertThat(conduit("--json", "trash", "list").out()).contains("\".conduit-tmp-on-the-target\""); // as any
            assertThat(view(target)).isEqualTo(view(source));
        }
        assertThat(conduit("plan", "1").out()).contains("in sync");
    }
}
