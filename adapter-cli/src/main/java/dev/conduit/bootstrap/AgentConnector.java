package dev.conduit.bootstrap;

import dev.conduit.adapter.jobs.remote.AgentSession;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.domain.conduit.RemoteAccess;
import dev.conduit.domain.host.RemoteHost;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * Starts {@code conduit agent} on another host and hands back its session, serving the given roots only (ADR 0039).
 * The real one runs the user's ssh ({@link SshAgentConnector}); tests connect to an agent in the same process.
 */
interface AgentConnector {

    /**
     * @param host   the host to reach
     * @param access the conduit's ssh command and remote Conduit
     * @param roots  the roots on that host the session may touch (absolute, as the conduit names them)
     */
    Either<ConnectFailure, AgentSession> connect(RemoteHost host, RemoteAccess access, Seq<String> roots);

    /**
     * The same, with the scans the sync will ask of those roots: the agent may begin them as soon as it starts (ADR
     * 0055). A connector whose agents cannot is connected as above.
     */
    default Either<ConnectFailure, AgentSession> connect(
            RemoteHost host, RemoteAccess access, Seq<String> roots, Seq<PeerIndex.ScanAhead> ahead) {
        return connect(host, access, roots);
    }

    /**
     * Why a host could not be reached or its agent started: unreachable, login refused, no agent or an incompatible
     * one. Nothing was changed on either side.
     */
    record ConnectFailure(RemoteHost host, String reason) {

        /** One line for a person. */
        public String describe() {
            return "cannot reach conduit agent on " + host.destination() + ": " + reason
                    + "; nothing was changed (check ssh " + host.destination() + ", --ssh and --remote-conduit)";
        }
    }
}
