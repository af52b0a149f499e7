package dev.conduit.bootstrap;

import dev.conduit.adapter.api.DaemonClient;
import dev.conduit.adapter.cli.ExitCodes;
import dev.conduit.adapter.cli.ForwardedProgress;
import dev.conduit.adapter.cli.RootCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The command line's first question: does a daemon serve this library? If so, the commands it answers ({@link
 * #ANSWERED}) are handed to it unchanged and what it prints is printed here, with its exit code; nothing is built and
 * the library is not opened. A command that names local paths relative to this process's working folder runs here,
 * as does everything when no daemon answers (a socket left by a killed daemon answers nothing) or when
 * {@code CONDUIT_NO_DAEMON=1}.
 */
final class Forwarding {

    static final Set<String> ANSWERED =
            Set.of("sync", "plan", "status", "pause", "resume", "conflicts", "resolve", "stats");

    /** The variables a command reads, handed to the daemon with it. */
    private static final Set<String> VARIABLES = Set.of("HOME", "XDG_DATA_HOME", "CONDUIT_LIBRARY", "CONDUIT_SSH");

    private Forwarding() {}

    /** The exit code of the command as the daemon ran it; empty when it is to run here. */
    static Optional<Integer> toDaemon(
            CommandLinePeek line, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return toDaemon(line, environment, out, err, false);
    }

    /**
     * The same; {@code interactive}: this process is on a terminal, so the daemon sends the command's progress bar and
     * it is drawn here as the command would draw it run alone.
     */
    static Optional<Integer> toDaemon(
            CommandLinePeek line,
            Map<String, String> environment,
            PrintWriter out,
            PrintWriter err,
            boolean interactive) {
        if ("1".equals(environment.get("CONDUIT_NO_DAEMON"))) {
            return Optional.empty();
        }
        Optional<Request> request = Request.of(line, environment);
        if (request.isEmpty()) {
            return Optional.empty();
        }
        Path library = request.get().library();
        Optional<DaemonClient> daemon = DaemonClient.connect(library);
        if (daemon.isEmpty()) {
            return Optional.empty();
        }
        String id = UUID.randomUUID().toString();
        AtomicInteger presses = new AtomicInteger();
        SignalHandler previous = ctrlC(() -> {
            if (presses.incrementAndGet() > 1) {
                System.exit(130); // a second Ctrl-C: the daemon still stops the sync at its next safe point
            }
            DaemonClient.interrupt(library, id);
        });
        try (DaemonClient client = daemon.get();
                ForwardedProgress.Replay bars = new ForwardedProgress.Replay()) {
            return client.forward(
                    id,
                    request.get().args(),
                    request.get().environment(),
                    out,
                    err,
                    interactive ? Optional.of(bars) : Optional.empty());
        } catch (IOException lost) {
            err.println("conduit: the daemon serving " + library + " stopped answering (" + lost.getMessage()
                    + "); conduit status says where its work stands");
            err.flush();
            return Optional.of(ExitCodes.FAILURE);
        } finally {
            if (previous != null) {
                Signal.handle(new Signal("INT"), previous);
            }
        }
    }

    private static SignalHandler ctrlC(Runnable handler) {
        try {
            return Signal.handle(new Signal("INT"), signal -> handler.run());
        } catch (IllegalArgumentException unavailable) {
            return null; // SIGINT is ignored here (a background job): nothing to forward
        }
    }

    /**
     * A command line to hand over: its arguments ({@code --library} made absolute), its library and the variables it
     * reads.
     */
    record Request(List<String> args, Path library, Map<String, String> environment) {

        /**
         * Empty when the command is not one a daemon answers, or names a path relative to the working folder. Unlike
         * {@link EarlyLibrary} and {@link EarlyAgent}, help is handed over (the daemon prints it), as is an option
         * this reading does not know; a {@code --} keeps the command here, as in the other two.
         */
        static Optional<Request> of(CommandLinePeek line, Map<String, String> environment) {
            if (line.endOfOptions() || !line.commandIn(ANSWERED) || namesALocalPath(line)) {
                return Optional.empty();
            }
            List<String> forwarded = line.joined()
                    .map(arg -> arg.startsWith(CommandLinePeek.LIBRARY_JOINED)
                            ? CommandLinePeek.LIBRARY_JOINED
                                    + absolute(arg.substring(CommandLinePeek.LIBRARY_JOINED.length()))
                            : arg)
                    .asJava();
            Map<String, String> variables = new LinkedHashMap<>();
            environment.forEach((name, value) -> {
                if (VARIABLES.contains(name)) {
                    variables.put(name, value);
                }
            });
            Path explicit = line.library().map(Request::absolute).getOrNull();
            return Optional.of(new Request(forwarded, RootCommand.libraryFolder(explicit, environment), variables));
        }

        /** {@code --library} as the daemon must read it: its working folder is not this one. */
        private static Path absolute(String library) {
            return Path.of(library).toAbsolutePath().normalize();
        }

        /**
         * Whether a word after the command is a relative path of this machine (an option's value too: a stat at
         * most). Not the values of {@code --ssh} (a command line) and {@code --remote-conduit} (a path on the other
         * host), and not an endpoint on another host ({@code host:PATH}, {@code ssh://…}).
         */
        private static boolean namesALocalPath(CommandLinePeek line) {
            boolean value = false;
            boolean command = false;
            for (String arg : line.joined()) {
                if (value) {
                    value = false;
                } else if (arg.equals("--ssh") || arg.equals("--remote-conduit")) {
                    value = true;
                } else if (arg.startsWith("-")) {
                    continue;
                } else if (!command) {
                    command = true;
                } else if (isLocalPath(arg)) {
                    return true;
                }
            }
            return false;
        }

        /** A relative path that this process could mean: the daemon's working folder is not this one. */
        private static boolean isLocalPath(String arg) {
            if (dev.conduit.domain.conduit.RemoteAddress.isRemote(arg)) {
                return false;
            }
            try {
                Path path = Path.of(arg);
                return !path.isAbsolute() && (arg.contains("/") || Files.exists(path));
            } catch (InvalidPathException notAPath) {
                return false;
            }
        }
    }
}
