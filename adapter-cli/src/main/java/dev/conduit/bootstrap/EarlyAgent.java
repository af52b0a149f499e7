package dev.conduit.bootstrap;

import dev.conduit.adapter.jobs.remote.AgentSessions;
import dev.conduit.domain.conduit.RemoteAccess;
import dev.conduit.domain.conduit.RemoteAddress;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
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

    /** Starts the agent's command now when the command line is a two-path sync with one remote endpoint. */
    static void startFor(String[] args, Map<String, String> environment) {
        try {
            argv(args, environment).forEach(argv -> AgentSessions.startEarly(argv.asJava()));
        } catch (RuntimeException unsure) {
            // nothing starts early: the sync starts its agent when it connects, as before
        }
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
