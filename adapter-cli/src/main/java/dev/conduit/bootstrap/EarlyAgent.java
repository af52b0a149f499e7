package dev.conduit.bootstrap;

import dev.conduit.adapter.cli.RootCommand;
import dev.conduit.adapter.jobs.remote.AgentSessions;
import dev.conduit.adapter.persistence.ConduitPeek;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.RemoteAccess;
import dev.conduit.domain.conduit.RemoteAddress;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code sync LOCAL host:PATH} starts its ssh and the agent before it opens its library (ADR 0051): the connection,
 * the login and the agent's start on the other host overlap this process's own start-up instead of following it. The
 * command line is read here only as far as the agent's command needs (the two paths, {@code --ssh},
 * {@code --remote-conduit}, {@code $CONDUIT_SSH}); anything this reading is not sure of starts nothing early, and an
 * early command that the sync does not ask for in the same words is ended ({@link AgentSessions#startEarly}).
 */
final class EarlyAgent {

    private EarlyAgent() {}

    /**
     * Starts the agent's command now when the command line is a two-path sync with one remote endpoint; for
     * {@code sync NAME}, reads the conduit's command from the library on a thread of its own and starts it there
     * (ADR 0055), while this thread opens the library for the sync.
     */
    static void startFor(String[] args, CommandLinePeek line, Map<String, String> environment) {
        try {
            Option<Seq<String>> known = argv(args, environment);
            if (known.isDefined()) {
                AgentSessions.startEarly(known.get().asJava());
                return;
            }
            named(line, environment)
                    .forEach(stored -> AgentSessions.startEarly(() -> stored(stored._1, stored._2, environment)
                            .map(Seq::asJava)
                            .toJavaOptional()));
        } catch (RuntimeException unsure) {
            // nothing starts early: the sync starts its agent when it connects, as before
        }
    }

    /** Flags of {@code sync NAME} that take no value and change nothing of how the host is reached. */
    private static final java.util.Set<String> PLAIN_FLAGS =
            java.util.Set.of("-q", "--quiet", "-v", "--verbose", "--json", "--dry-run");

    /**
     * The library folder and the conduit named, when the command line is {@code sync NAME} with nothing else this
     * reading is not sure of: only flags without a value, and {@code --library DIR}. Stricter than {@link EarlyLibrary}
     * and {@link Forwarding}: any other option (help, {@code --library} without a value, {@code --}) or a second word
     * starts nothing early.
     */
    static Option<io.vavr.Tuple2<Path, String>> named(CommandLinePeek line, Map<String, String> environment) {
        if (line.endOfOptions()
                || !line.options().forAll(PLAIN_FLAGS::contains) // --all, --help, a limit or a setting: not sure
                || !line.command().contains("sync")
                || line.operands().size() != 1) { // two paths (see argv), or more than one conduit
            return Option.none();
        }
        Path library = line.library().map(Path::of).getOrNull();
        return Option.some(io.vavr.Tuple.of(
                RootCommand.libraryFolder(library, environment), line.operands().head()));
    }

    /**
     * The command that the sync of the conduit {@code ref} (an id or a name, as {@code sync} finds it) will run: of
     * a conduit with exactly one remote endpoint, in a library that exists (nothing is made here).
     */
    static Option<Seq<String>> stored(Path folder, String ref, Map<String, String> environment) {
        Option<Conduit> found = ConduitPeek.find(new LibraryFolder(folder), ref); // no MyBatis, no migrations
        return found.filter(Conduit::enabled).flatMap(conduit -> {
            Seq<Endpoint> remote = List.of(conduit.source(), conduit.target()).filter(Endpoint::isRemote);
            return remote.size() == 1
                    ? Option.some(conduit.settings()
                            .remote()
                            .command(remote.head().host().get(), Option.of(environment.get("CONDUIT_SSH"))))
                    : Option.none();
        });
    }

    /** The command that the sync's connect will run, when the command line says it for certain. */
    static Option<Seq<String>> argv(String[] args, Map<String, String> environment) {
        int at = 0;
        while (at < args.length && args[at].startsWith("-")) { // options of the root: --library DIR, -v
            at += args[at].equals("--library") ? 2 : 1;
        }
        if (at >= args.length || !args[at].equals("sync")) {
            return Option.none();
        }
        java.util.List<String> paths = new java.util.ArrayList<>();
        String ssh = null;
        String remoteConduit = null;
        for (at++; at < args.length; at++) {
            String arg = args[at];
            if (arg.equals("--ssh") && at + 1 < args.length) {
                ssh = args[++at];
            } else if (arg.startsWith("--ssh=")) {
                ssh = arg.substring("--ssh=".length());
            } else if (arg.equals("--remote-conduit") && at + 1 < args.length) {
                remoteConduit = args[++at];
            } else if (arg.startsWith("--remote-conduit=")) {
                remoteConduit = arg.substring("--remote-conduit=".length());
            } else if (arg.equals("--") || arg.equals("--help") || arg.equals("-h")) {
                return Option.none();
            } else if (!arg.startsWith("-")) {
                paths.add(arg); // an option's value read as a path makes three: nothing starts early
            }
        }
        if (paths.size() != 2) {
            return Option.none();
        }
        Seq<RemoteAddress> remote = List.ofAll(paths)
                .flatMap(path -> RemoteAddress.parse(path).flatMap(parsed -> parsed.toOption()))
                .filter(address -> address.path().startsWith("/")); // a relative one is refused: nothing to start
        if (remote.size() != 1) {
            return Option.none();
        }
        RemoteAccess access = new RemoteAccess(
                Option.of(ssh).filter(words -> !words.isBlank()),
                remoteConduit == null ? RemoteAccess.DEFAULT_REMOTE_CONDUIT : remoteConduit);
        return Option.some(access.command(remote.head().host(), Option.of(environment.get("CONDUIT_SSH"))));
    }
}
