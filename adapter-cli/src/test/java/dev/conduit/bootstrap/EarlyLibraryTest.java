package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which command lines open their library ahead (ADR 0058), and which library. */
class EarlyLibraryTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("CONDUIT_LIBRARY", "/srv/lib", "HOME", "/home/a");

    @Test
    void aCommandThatOpensTheLibraryOpensTheOneItWillUse() {
        assertThat(EarlyLibrary.folder(CommandLinePeek.of(new String[] {"plan", "docs"}), ENVIRONMENT))
                .containsExactly(Path.of("/srv/lib"));
        assertThat(EarlyLibrary.folder(CommandLinePeek.of(new String[] {"--library", "/tmp/l", "status"}), ENVIRONMENT))
                .containsExactly(Path.of("/tmp/l"));
        assertThat(EarlyLibrary.folder(
                        CommandLinePeek.of(new String[] {"sync", "-q", "--library=/tmp/m", "docs"}), ENVIRONMENT))
                .containsExactly(Path.of("/tmp/m"));
    }

    @Test
    void helpTheDaemonTheAgentAndUnknownCommandsOpenNothingAhead() {
        for (String[] args : new String[][] {
            {},
            {"--help"},
            {"plan", "--help"},
            {"sync", "-h", "docs"},
            {"daemon"},
            {"agent"},
            {"help", "plan"},
            {"plna", "docs"},
            {"sync", "--", "a", "b"}
        }) {
            assertThat(EarlyLibrary.folder(CommandLinePeek.of(args), ENVIRONMENT))
                    .as(String.join(" ", args))
                    .isEmpty();
        }
    }

    @Test
    void aLibraryThatDoesNotExistIsNotMadeAhead(@org.junit.jupiter.api.io.TempDir Path folder) {
        Path library = folder.resolve("lib");

        assertThat(EarlyLibrary.startFor(
                        CommandLinePeek.of(new String[] {"--library", library.toString(), "list"}), ENVIRONMENT))
                .isEmpty();
        assertThat(library).doesNotExist();
    }
}
