package dev.conduit.bootstrap;

import dev.conduit.adapter.jobs.remote.AgentSession;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.application.port.out.SyncEndpoint;
import dev.conduit.application.service.PeerIndexExchange;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.RemoteAccess;
import dev.conduit.domain.host.RemoteHost;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Duration;

/**
 * Folders of this machine, served as before, and folders on other hosts, each host reached through one agent session
 * per sync (ADR 0039): {@link #connect} opens the sessions a sync needs (nothing is looked at before every host
 * answered) and closing what it returns lets them go.
 *
 * <p>A session let go of is kept ({@link KeptSessions}) for the next connect of this process to the same host, with
 * the same command and roots: for a moment in a command run alone (the two-path {@code sync LOCAL host:PATH}
 * connects to identify the remote root, then to sync; ADR 0048), for minutes in a daemon (ADR 0063). It is closed
 * once that time passes, or when this process exits: the agent finishes and ends.
 */
final class HostEndpoints implements Endpoints {

    private final LocalEndpoints local;
    private final AgentConnector connector;
    private final PeerIndexExchange exchange;
    private final KeptSessions kept;

    /** How long a session let go of waits for another connect of a command run alone before it is closed. */
    static final Duration LINGER = KeptSessions.Policy.MOMENT.idle();

    HostEndpoints(LocalEndpoints local, AgentConnector connector, PeerIndexExchange exchange) {
        this(local, connector, exchange, KeptSessions.Policy.MOMENT);
    }

    /** @param keeping how long sessions let go of are kept for the next connect, and how soon they must answer */
    HostEndpoints(
            LocalEndpoints local, AgentConnector connector, PeerIndexExchange exchange, KeptSessions.Policy keeping) {
        this.local = local;
        this.connector = connector;
        this.exchange = exchange;
        this.kept = new KeptSessions(keeping);
    }

    /** A local endpoint; a remote one only through {@link #connect}. */
    @Override
    public SyncEndpoint at(Endpoint endpoint) {
        if (endpoint.isRemote()) {
            throw new IllegalStateException(endpoint.written() + " is on another host: connect to it first");
        }
        return local;
    }

    @Override
    public Either<Failure, Connected> connect(Seq<Endpoint> endpoints, RemoteAccess access) {
        return connect(endpoints, access, io.vavr.collection.List.empty());
    }

    @Override
    public Either<Failure, Connected> connect(
            Seq<Endpoint> endpoints, RemoteAccess access, Seq<PeerIndex.ScanAhead> ahead) {
        Map<String, Seq<Endpoint>> byHost = LinkedHashMap.ofEntries(endpoints
                .filter(Endpoint::isRemote)
                .groupBy(endpoint -> endpoint.host().get().key())
                .toList());
        java.util.Map<String, Session> open = new java.util.LinkedHashMap<>();
        for (io.vavr.Tuple2<String, Seq<Endpoint>> host : byHost) {
            RemoteHost remote = host._2.head().host().get();
            Seq<String> roots = host._2.map(Endpoint::root).distinct();
            AgentSession taken = kept.take(host._1, access, roots);
            if (taken != null) {
                open.put(host._1, new Session(remote, taken, access, roots));
                continue;
            }
            Either<AgentConnector.ConnectFailure, AgentSession> session = connector.connect(
                    remote,
                    access,
                    roots,
                    ahead.filter(scan -> roots.exists(
                            root -> java.nio.file.Path.of(root).toString().equals(scan.root()))));
            if (session.isLeft()) {
                open.values().forEach(Session::close);
                return Either.left(Failure.refused(session.getLeft().describe()));
            }
            open.put(host._1, new Session(remote, session.get(), access, roots));
        }
        return Either.right(new Sessions(open));
    }

    /** Closes the sessions kept, now. */
    void closeKept() {
        kept.closeAll();
    }

    /** One host's session, and what it was opened for. */
    private record Session(RemoteHost host, AgentSession agent, RemoteAccess access, Seq<String> roots) {
        void close() {
            agent.close();
        }
    }

    /** The endpoints of one sync, their hosts' sessions open until it is closed. */
    private final class Sessions implements Connected {
        private final java.util.Map<String, Session> open;

        Sessions(java.util.Map<String, Session> open) {
            this.open = open;
        }

        @Override
        public SyncEndpoint at(Endpoint endpoint) {
            if (!endpoint.isRemote()) {
                return local;
            }
            Session session = session(endpoint);
            return new RemoteEndpoint(session.host(), session.agent(), exchange);
        }

        /**
         * Local to local: the local copy job. Into a remote folder: this side pushes through the session
         * ({@code copiesInto}); out of one: the agent pushes ({@code copiesFrom}).
         */
        @Override
        public CopyJob copies(Endpoint from, Endpoint to) {
            if (to.isRemote()) {
                return session(to).agent().copiesInto();
            }
            if (from.isRemote()) {
                return session(from).agent().copiesFrom();
            }
            return local.copies();
        }

        private Session session(Endpoint endpoint) {
            Session session = open.get(endpoint.host().get().key());
            if (session == null) {
                throw new IllegalStateException(endpoint.written() + " was not connected for this sync");
            }
            return session;
        }

        @Override
        public void close() {
            RuntimeException failed = null;
            for (java.util.Map.Entry<String, Session> session : open.entrySet()) {
                try {
                    Session let = session.getValue();
                    kept.keep(session.getKey(), let.access(), let.roots(), let.agent());
                } catch (RuntimeException closing) { // every session is closed, the first failure told
                    if (failed == null) {
                        failed = closing;
                    }
                }
            }
            open.clear();
            if (failed != null) {
                throw failed;
            }
        }
    }
}
