package dev.conduit.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import dev.conduit.adapter.cli.Console;
import dev.conduit.adapter.cli.ExitCodes;
import dev.conduit.adapter.cli.RootCommand;
import dev.conduit.adapter.cli.VersionProvider;
import dev.conduit.adapter.jobs.JobsModule;
import dev.conduit.adapter.persistence.LibraryOpening;
import dev.conduit.adapter.persistence.PersistenceModule;
import dev.conduit.application.port.out.LibraryUnavailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** The composition root: one injector, one command line, one exit code. Tests run it in-process. */
public final class ConduitCli {

    private ConduitCli() {}

    /**
     * Singletons are lazy (DEVELOPMENT stage): the library is opened only once the options say where it is. A command
     * that a daemon serving the library answers is handed to it before anything is built (see {@link Forwarding}).
     */
    public static int run(
            String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment, boolean interactive) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            for (String line : VersionProvider.lines()) {
                out.println(line); // no injector, no command tree, no library: the answer a script asks for
            }
            out.flush();
            return ExitCodes.OK;
        }
        CommandLinePeek line = CommandLinePeek.of(args); // read once for the three readers that run before picocli
        Optional<Integer> answered = Forwarding.toDaemon(line, environment, out, err, interactive);
        if (answered.isPresent()) {
            return answered.get();
        }
        // the library opens while the command line is parsed and its objects built (ADR 0058)
        io.vavr.control.Option<LibraryOpening> opening = EarlyLibrary.startFor(line, environment);
        try {
            EarlyAgent.startFor(args, line, environment); // ssh and the agent start while this process does (ADR 0051)
            Console console = new Console(out, err, interactive);
            if (ReadCommands.reads(args)) {
                ReadCommands reads = new ReadCommands(console, new RootCommand.Environment(environment));
                try {
                    return execute(reads, reads.root(), console, args);
                } finally {
                    reads.endCommand();
                    out.flush();
                    err.flush();
                }
            }
            Injector injector = injector(console, environment);
            try {
                return execute(injector, console, args);
            } finally {
                PersistenceModule.endCommand(injector);
                out.flush();
                err.flush();
            }
        } finally {
            opening.forEach(LibraryOpening::close); // let go of, if no library of the command took it
        }
    }

    /** Parses and runs one command line with the commands {@code injector} makes; output goes to {@code console}. */
    static int execute(Injector injector, Console console, String[] args) {
        RootCommand root = injector.getInstance(RootCommand.class);
        return execute(new GuiceFactory(injector), root, console, args);
    }

    /** The same, with the commands {@code factory} makes and the root command it made. */
    static int execute(CommandLine.IFactory factory, RootCommand root, Console console, String[] args) {
        PrintWriter err = console.err();
        CommandLine commandLine = new CommandLine(root, factory);
        for (Class<?> subcommand : RootCommand.named(args)) {
            commandLine.addSubcommand(create(factory, subcommand));
        }
        commandLine
                .setOut(console.out())
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((failure, arguments) -> {
                    console.error(failure.getMessage());
                    err.println(
                            "Try '" + failure.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
                    err.flush();
                    return ExitCodes.USAGE;
                })
                .setExecutionExceptionHandler((failure, failed, parsed) -> {
                    Throwable cause = failure instanceof ProvisionException provision && provision.getCause() != null
                            ? provision.getCause()
                            : failure;
                    if (cause instanceof LibraryUnavailableException library) {
                        console.error(library.getMessage());
                    } else {
                        console.error(
                                "internal error: " + cause + (root.verbose() ? "" : " (run with -v for details)"));
                        if (root.verbose()) {
                            StringWriter trace = new StringWriter();
                            cause.printStackTrace(new PrintWriter(trace));
                            err.print(trace);
                        }
                    }
                    return ExitCodes.FAILURE;
                });
        withHelpEverywhere(commandLine);
        try {
            return commandLine.execute(args);
        } finally {
            console.out().flush();
            err.flush();
        }
    }

    private static Object create(CommandLine.IFactory factory, Class<?> type) {
        try {
            return factory.create(type);
        } catch (Exception failure) {
            throw new CommandLine.InitializationException("cannot build " + type.getName(), failure);
        }
    }

    /**
     * One injector per command. Guice calls constructors by reflection rather than generating a class for each
     * (a command runs each constructor once: generating the classes cost more than it saved, about a tenth of the
     * CPU of {@code list}); a value set on the command line wins.
     */
    private static Injector injector(Console console, Map<String, String> environment) {
        System.getProperties().putIfAbsent("guice_bytecode_gen_option", "DISABLED");
        return Guice.createInjector(
                Stage.DEVELOPMENT,
                new CommandLineModule(console, new RootCommand.Environment(environment)),
                new ApplicationModule(),
                new PersistenceModule(),
                new JobsModule());
    }

    /** {@code --help} on every subcommand, as on the root: {@code conduit sync --help}. */
    private static void withHelpEverywhere(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!sub.getCommandSpec().optionsMap().containsKey("--help")) {
                sub.getCommandSpec()
                        .addOption(CommandLine.Model.OptionSpec.builder("-h", "--help")
                                .usageHelp(true)
                                .description("Show this help message and exit.")
                                .build());
            }
            withHelpEverywhere(sub);
        }
    }
}
