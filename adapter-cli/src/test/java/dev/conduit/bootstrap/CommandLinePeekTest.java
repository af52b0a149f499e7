package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line read once before picocli: its command, library, options and operands. */
class CommandLinePeekTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("CONDUIT_LIBRARY", "/env-lib");

    @Test
    void theFirstWordIsTheCommandAndTheWordsAfterItItsOperands() {
        CommandLinePeek line = CommandLinePeek.of("-q", "sync", "/a", "--json", "nas:/b");

        assertThat(line.command()).contains("sync");
        assertThat(line.operands()).containsExactly("/a", "nas:/b");
        assertThat(line.options()).containsExactly("-q", "--json");
        assertThat(line.library()).isEmpty();
        assertThat(line.help()).isFalse();
        assertThat(line.endOfOptions()).isFalse();
        assertThat(line.joined()).containsExactly("-q", "sync", "/a", "--json", "nas:/b");
    }

    @Test
    void anEmptyLineHasNoCommand() {
        CommandLinePeek line = CommandLinePeek.of();

        assertThat(line.command()).isEmpty();
        assertThat(line.operands()).isEmpty();
        assertThat(line.options()).isEmpty();
        assertThat(line.joined()).isEmpty();
    }

    @Test
    void anOptionsValueIsAnOperandForThePeekKnowsNoOptionButTheLibrary() {
        CommandLinePeek line = CommandLinePeek.of("sync", "--limit", "5", "docs");

        assertThat(line.operands()).containsExactly("5", "docs");
        assertThat(line.options()).containsExactly("--limit");
        assertThat(CommandLinePeek.of("--ssh", "ssh -p 2", "sync").command())
                .as("a value before the command is read as the command, as picocli would not")
                .contains("ssh -p 2");
    }

    @Test
    void theLibraryIsReadInBothSpellingsAnywhereAndTheLastOneWins() {
        assertThat(CommandLinePeek.of("--library", "rel/lib", "list").library()).contains("rel/lib");
        assertThat(CommandLinePeek.of("list", "--library=/l").library()).contains("/l");
        assertThat(CommandLinePeek.of("--library", "/a", "list", "--library=/b").library())
                .contains("/b");

        CommandLinePeek spaced = CommandLinePeek.of("--library", "/a", "list");
        assertThat(spaced.command()).as("the library's value is no command").contains("list");
        assertThat(spaced.options()).as("nor an option").isEmpty();
        assertThat(spaced.joined()).containsExactly("--library=/a", "list");
        assertThat(CommandLinePeek.of("--library", "/a", "status", "--library=/b")
                        .joined())
                .as("every --library kept, in its place")
                .containsExactly("--library=/a", "status", "--library=/b");
    }

    @Test
    void theLibrarysValueIsTakenWhateverItIs() {
        CommandLinePeek help = CommandLinePeek.of("--library", "--help", "list");
        assertThat(help.library()).contains("--help");
        assertThat(help.help()).isFalse();
        assertThat(help.command()).contains("list");

        CommandLinePeek dashes = CommandLinePeek.of("--library", "--", "list");
        assertThat(dashes.library()).contains("--");
        assertThat(dashes.endOfOptions()).isFalse();
        assertThat(dashes.command()).contains("list");

        assertThat(CommandLinePeek.of("--library", "list").command())
                .as("the word after --library is its value, not the command")
                .isEmpty();
    }

    @Test
    void anEmptyLibraryIsReadAsWritten() {
        CommandLinePeek line = CommandLinePeek.of("--library=", "list");

        assertThat(line.library()).contains("");
        assertThat(line.command()).contains("list");
        assertThat(line.joined()).containsExactly("--library=", "list");
    }

    @Test
    void aLibraryAsTheLastArgumentHasNoValueAndIsAnOption() {
        CommandLinePeek line = CommandLinePeek.of("--library=/a", "list", "--library");

        assertThat(line.library()).as("the one before it stands").contains("/a");
        assertThat(line.options()).containsExactly("--library");
        assertThat(line.joined()).containsExactly("--library=/a", "list", "--library");
        assertThat(CommandLinePeek.of("--library").library()).isEmpty();
    }

    @Test
    void helpInEitherSpellingAnywhere() {
        assertThat(CommandLinePeek.of("-h").help()).isTrue();
        assertThat(CommandLinePeek.of("--help").help()).isTrue();
        assertThat(CommandLinePeek.of("sync", "docs", "-h").help()).isTrue();
        assertThat(CommandLinePeek.of("help", "sync").help())
                .as("the help command is a command")
                .isFalse();
        assertThat(CommandLinePeek.of("--helpful").help()).isFalse();
    }

    @Test
    void doubleDashEndsTheReadingSoACommandAfterItIsNone() {
        CommandLinePeek before = CommandLinePeek.of("-q", "--", "sync", "docs", "--library=/l", "-h");
        assertThat(before.endOfOptions()).isTrue();
        assertThat(before.command()).isEmpty();
        assertThat(before.operands()).isEmpty();
        assertThat(before.library()).isEmpty();
        assertThat(before.help()).isFalse();
        assertThat(before.options()).containsExactly("-q");

        CommandLinePeek after = CommandLinePeek.of("sync", "--", "docs");
        assertThat(after.endOfOptions()).isTrue();
        assertThat(after.command()).contains("sync");
        assertThat(after.operands()).isEmpty();
    }

    @Test
    void theThreeReadersDifferWhereTheyDidBefore() {
        CommandLinePeek help = CommandLinePeek.of("sync", "docs", "--help");
        assertThat(Forwarding.Request.of(help, ENVIRONMENT))
                .as("a daemon prints the help")
                .isPresent();
        assertThat(EarlyLibrary.folder(help, ENVIRONMENT))
                .as("help opens no library")
                .isEmpty();
        assertThat(EarlyAgent.named(help, ENVIRONMENT)).isEmpty();

        CommandLinePeek dangling = CommandLinePeek.of("sync", "docs", "--library");
        assertThat(Forwarding.Request.of(dangling, ENVIRONMENT).orElseThrow().args())
                .as("handed over as written: the daemon's picocli reports it")
                .containsExactly("sync", "docs", "--library");
        assertThat(EarlyLibrary.folder(dangling, ENVIRONMENT)).containsExactly(Path.of("/env-lib"));
        assertThat(EarlyAgent.named(dangling, ENVIRONMENT))
                .as("an option it is not sure of")
                .isEmpty();

        CommandLinePeek empty = CommandLinePeek.of("--library=", "sync", "docs");
        Path here = Path.of("").toAbsolutePath();
        assertThat(Forwarding.Request.of(empty, ENVIRONMENT).orElseThrow().args())
                .containsExactly("--library=" + here, "sync", "docs");
        assertThat(EarlyLibrary.folder(empty, ENVIRONMENT)).containsExactly(here);
        assertThat(EarlyAgent.named(empty, ENVIRONMENT).map(found -> found._1)).containsExactly(here);

        CommandLinePeek dashes = CommandLinePeek.of("sync", "--", "docs");
        assertThat(Forwarding.Request.of(dashes, ENVIRONMENT))
                .as("-- keeps it here in all three")
                .isEmpty();
        assertThat(EarlyLibrary.folder(dashes, ENVIRONMENT)).isEmpty();
        assertThat(EarlyAgent.named(dashes, ENVIRONMENT)).isEmpty();
    }
}
