package dev.conduit.bootstrap;

import dev.conduit.adapter.jobs.remote.AgentSession;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.domain.conduit.RemoteAccess;
import dev.conduit.domain.host.RemoteHost;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.function.Function;

/**
 * Reaches a host with the user's own ssh: the command is the conduit's {@code --ssh}, else {@code $CONDUIT_SSH} as
 * this process found it, else {@code ssh}, with {@code -p PORT} when the endpoint names a port, the destination, then
 * the remote Conduit and {@code agent} ({@link RemoteAccess#command}).
 *
 * <p>Starting the process and speaking the protocol is the agent transport's ({@code AgentSessions.start}): it is
 * handed in as {@code start}.
 */
final class SshAgentConnector implements AgentConnector {

    /** Starts an agent on {@code host} from its command line, serving the roots: the transport's entry point. */
    interface Start {
        Either<ConnectFailure, AgentSession> start(
                RemoteHost host, Seq<String> argv, Seq<String> roots, Seq<PeerIndex.ScanAhead> ahead);
    }

    private final Function<String, Option<String>> environment;
    private final Start start;

    SshAgentConnector(Function<String, Option<String>> environment, Start start) {
        this.environment = environment;
        this.start = start;
    }

    /** The command line that starts the agent on {@code host}. */
    Seq<String> argv(RemoteHost host, RemoteAccess access) {
        return access.command(host, environment.apply("CONDUIT_SSH"));
    }

    @Override
    public Either<ConnectFailure, AgentSession> connect(RemoteHost host, RemoteAccess access, Seq<String> roots) {
        return connect(host, access, roots, io.vavr.collection.List.empty());
    }

    @Override
    public Either<ConnectFailure, AgentSession> connect(
            RemoteHost host, RemoteAccess access, Seq<String> roots, Seq<PeerIndex.ScanAhead> ahead) {
        return start.start(host, argv(host, access), roots, ahead);
    }
}
