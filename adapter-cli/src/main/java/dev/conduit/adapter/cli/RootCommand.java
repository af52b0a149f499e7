package dev.conduit.adapter.cli;

import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;

/** {@code conduit}: the global options, shared by every subcommand. */
@Command(name = "conduit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Index-driven file synchronisation: mirror and bidirectional conduits between directories.",
    subcommands = {ConduitCommands.Add.class, ConduitCommands.ListConduits.class, ConduitCommands.Show.class,
        ConduitCommands.Edit.class, ConduitCommands.Remove.class, ConduitCommands.Enable.class,
        ConduitCommands.Disable.class, ConduitCommands.Resume.class, PauseCommand.class, PlanCommand.class,
        SyncCommand.class,
        StatusCommands.Status.class, StatusCommands.History.class, StatusCommands.Stats.class, TrashCommand.class,
        IndexCommand.class, ConflictCommands.ListConflicts.class, ConflictCommands.Resolve.class,
        CommandLine.HelpCommand.class},
    usageHelpAutoWidth = true)
public final class RootCommand implements Runnable {

    @Option(names = "--library", paramLabel = "DIR",
        description = "The library folder (default: $CONDUIT_LIBRARY, else $XDG_DATA_HOME/conduit, "
            + "else ~/.local/share/conduit).")
    Path library;

    @Option(names = "--json", description = "Machine-readable JSON on stdout.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Say more, on stderr.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Print only problems.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    @Inject
    RootCommand(Environment environment) {
        this.environment = environment.variables();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public boolean json() {
        return json;
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet;
    }

    /** The library folder: --library, else $CONDUIT_LIBRARY, else $XDG_DATA_HOME/conduit, else ~/.local/share/conduit. */
    public Path libraryFolder() {
        if (library != null) {
            return library.toAbsolutePath().normalize();
        }
        String explicit = environment.get("CONDUIT_LIBRARY");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        String xdg = environment.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "conduit").toAbsolutePath().normalize();
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "share", "conduit");
    }

    /** The process environment, handed in so that tests can set it. */
    public record Environment(Map<String, String> variables) {
    }
}
