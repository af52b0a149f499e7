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
    static Option<LibraryOpening> startFor(CommandLinePeek line, Map<String, String> environment) {
        try {
            return folder(line, environment).flatMap(folder -> opening(new LibraryFolder(folder)));
        } catch (RuntimeException unsure) {
            return Option.none(); // a path that is no path, say: the command reports it
        }
    }

    /**
     * Begins opening the library in {@code folder} when its database exists, the logs set up first on this thread,
     * and only then: SLF4J set up by one thread while another logs (MyBatis, the early agent) says so on stderr
     * ("logging calls during the initialization phase have been intercepted"), and every command that opens a library
     * sets them up anyway, while one whose library does not exist yet pays nothing for them here.
     */
    static Option<LibraryOpening> opening(LibraryFolder folder) {
        return LibraryOpening.begin(folder, org.slf4j.LoggerFactory::getILoggerFactory);
    }

    /**
     * The library folder, when the command line names one of {@link #OPENING} and asks for no help. Unlike
     * {@link Forwarding}, help opens nothing ahead (picocli prints it and opens no library); a {@code --} opens nothing
     * ahead, as in the other two.
     */
    static Option<Path> folder(CommandLinePeek line, Map<String, String> environment) {
        if (line.endOfOptions() || line.help() || !line.commandIn(OPENING)) {
            return Option.none();
        }
        return Option.some(
                RootCommand.libraryFolder(line.library().map(Path::of).getOrNull(), environment));
    }
}
