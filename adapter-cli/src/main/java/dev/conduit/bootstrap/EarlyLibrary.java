package dev.conduit.bootstrap;

import dev.conduit.adapter.cli.RootCommand;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.adapter.persistence.LibraryOpening;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The library of a command that will open it is opened while picocli parses the command line and the command's
 * objects are built (ADR 0058): on a thread of its own, from the command's name and {@code --library} read here, when
 * the library exists. Anything this reading is not sure of opens nothing ahead, and the command opens its library as
 * before.
 */
final class EarlyLibrary {

    /** The commands that open the library whatever their other arguments (all but help, daemon and the agent). */
    static final Set<String> OPENING = Set.of(
            "add",
            "list",
            "show",
            "edit",
            "remove",
            "enable",
            "disable",
            "resume",
            "pause",
            "plan",
            "sync",
            "status",
            "history",
            "stats",
            "trash",
            "index",
            "conflicts",
            "resolve");

    private EarlyLibrary() {}

    /** Begins opening the library that the command line will open; close what is returned at the command's end. */
    static Option<LibraryOpening> startFor(String[] args, Map<String, String> environment) {
        try {
            return folder(args, environment).flatMap(folder -> opening(new LibraryFolder(folder)));
        } catch (RuntimeException unsure) {
            return Option.none(); // a path that is no path, say: the command reports it
        }
    }

    /**
     * Begins opening the library in {@code folder}, the logs set up first on this thread: SLF4J set up by one thread
     * while another logs (MyBatis, the early agent) says so on stderr ("logging calls during the initialization phase
     * have been intercepted"), and every command that opens a library sets them up anyway.
     */
    static Option<LibraryOpening> opening(LibraryFolder folder) {
        if (!java.nio.file.Files.isRegularFile(folder.database())) {
            return Option.none();
        }
        org.slf4j.LoggerFactory.getILoggerFactory();
        return LibraryOpening.begin(folder);
    }

    /** The library folder, when the command line names one of {@link #OPENING} and asks for no help. */
    static Option<Path> folder(String[] args, Map<String, String> environment) {
        Path explicit = null;
        String command = null;
        for (int at = 0; at < args.length; at++) {
            String arg = args[at];
            if (arg.equals("--library") && at + 1 < args.length) {
                explicit = Path.of(args[++at]);
            } else if (arg.startsWith("--library=")) {
                explicit = Path.of(arg.substring("--library=".length()));
            } else if (arg.equals("--") || arg.equals("--help") || arg.equals("-h")) {
                return Option.none();
            } else if (command == null && !arg.startsWith("-")) {
                command = arg;
            }
        }
        return command != null && OPENING.contains(command)
                ? Option.some(RootCommand.libraryFolder(explicit, environment))
                : Option.none();
    }
}
