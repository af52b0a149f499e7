package dev.conduit.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which subcommands a command line gets built (ADR 0044): the one it names, else all. */
class RootCommandTest {

    @Test
    void aCommandLineThatNamesASubcommandGetsOnlyThatOne() {
        assertThat(RootCommand.named(new String[] {"status"})).containsExactly(StatusCommands.Status.class);
        assertThat(RootCommand.named(new String[] {"-q", "--json", "list", "extra"}))
                .containsExactly(ConduitCommands.ListConduits.class);
        assertThat(RootCommand.named(new String[] {"--library", "status", "sync", "1"}))
                .as("the value of --library is not a command")
                .containsExactly(SyncCommand.class);
        assertThat(RootCommand.named(new String[] {"--library=/tmp/lib", "conflicts"}))
                .containsExactly(ConflictCommands.ListConflicts.class);
    }

    @Test
    void helpTheBareRootAndAnUnknownNameGetThemAll() {
        for (String[] args : List.of(
                new String[] {},
                new String[] {"--help"},
                new String[] {"help", "status"},
                new String[] {"statsu"},
                new String[] {"--", "status"},
                new String[] {"--library", "/tmp/lib"})) {
            assertThat(RootCommand.named(args)).as(String.join(" ", args)).isEqualTo(RootCommand.SUBCOMMANDS);
        }
        assertThat(RootCommand.SUBCOMMANDS).hasSize(20).endsWith(CommandLine.HelpCommand.class);
    }
}
