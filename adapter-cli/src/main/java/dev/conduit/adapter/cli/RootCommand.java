package dev.conduit.adapter.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code conduit}: the global options, shared by every subcommand. */
@Command(
        name = "conduit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Index-driven file synchronisation: mirror and bidirectional conduits between directories.",
        usageHelpAutoWidth = true)
public final class RootCommand implements java.util.concurrent.Callable<Integer> {

    /**
     * The subcommands, in the order {@code --help} lists them. Not in {@code @Command}: picocli would build every one
     * (and Guice each one's graph) for every command line, where a command line names one (see {@link #named}).
     */
    public static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(
            ConduitCommands.Add.class,
            ConduitCommands.ListConduits.class,
            ConduitCommands.Show.class,
            ConduitCommands.Edit.class,
            ConduitCommands.Remove.class,
            ConduitCommands.Enable.class,
            ConduitCommands.Disable.class,
            ConduitCommands.Resume.class,
            PauseCommand.class,
            PlanCommand.class,
            SyncCommand.class,
            StatusCommands.Status.class,
            StatusCommands.History.class,
            StatusCommands.Stats.class,
            TrashCommand.class,
            IndexCommand.class,
            ConflictCommands.ListConflicts.class,
            ConflictCommands.Resolve.class,
            DaemonCommand.class,
            CommandLine.HelpCommand.class);

    /**
     * The subcommands a command line needs: the one it names, when it names one before anything else; else all
     * (for {@code help}, the root's usage, or an unknown name and its suggestions).
     */
    public static java.util.List<Class<?>> named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String argument = args[i];
            if (argument.equals("--library")) {
                i++;
            } else if (argument.equals("--")) {
                return SUBCOMMANDS;
            } else if (!argument.startsWith("-")) {
                for (Class<?> type : SUBCOMMANDS) {
                    Command command = type.getAnnotation(Command.class);
                    if (type != CommandLine.HelpCommand.class
                            && (command.name().equals(argument)
                                    || java.util.Arrays.asList(command.aliases())
                                            .contains(argument))) {
                        return java.util.List.of(type);
                    }
                }
                return SUBCOMMANDS;
            }
        }
        return SUBCOMMANDS;
    }

    @Option(
            names = "--library",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "The library folder (default: $CONDUIT_LIBRARY, else $XDG_DATA_HOME/conduit, "
                    + "else ~/.local/share/conduit).")
    Path library;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable JSON on stdout.")
    boolean json;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Itemise what a sync or plan does, one line per entry (like rsync -i).")
    boolean verbose;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "Print only problems.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    @Inject
    RootCommand(Environment environment) {
        this.environment = environment.variables();
    }

    /** {@code conduit} alone: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
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
        return libraryFolder(library, environment);
    }

    /**
     * The library folder that {@code --library} ({@code explicit}, or null) and the environment name: also asked by
     * the command line before anything is built, to find a daemon that serves it.
     */
    public static Path libraryFolder(Path explicit, Map<String, String> environment) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize();
        }
        String named = environment.get("CONDUIT_LIBRARY");
        if (named != null && !named.isBlank()) {
            return Path.of(named).toAbsolutePath().normalize();
        }
        String xdg = environment.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "conduit").toAbsolutePath().normalize();
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "share", "conduit");
    }

    /** The process environment, handed in so that tests can set it. */
    public record Environment(Map<String, String> variables) {}
}
