package dev.conduit.bootstrap;

import dev.conduit.adapter.jobs.remote.AgentSession;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.SyncEndpoint;
import dev.conduit.application.service.PeerIndexExchange;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.RemoteAccess;
import dev.conduit.domain.host.RemoteHost;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * Folders of this machine, served as before, and folders on other hosts, each host reached through one agent session
 * per sync (ADR 0039): {@link #connect} opens the sessions a sync needs (nothing is looked at before every host
 * answered) and closing what it returns ends them.
 */
final class HostEndpoints implements Endpoints {

    private final LocalEndpoints local;
    private final AgentConnector connector;
    private final PeerIndexExchange exchange;

    HostEndpoints(LocalEndpoints local, AgentConnector connector, PeerIndexExchange exchange) {
        this.local = local;
        this.connector = connector;
        this.exchange = exchange;
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
        Map<String, Seq<Endpoint>> byHost = LinkedHashMap.ofEntries(endpoints
                .filter(Endpoint::isRemote)
                .groupBy(endpoint -> endpoint.host().get().key())
                .toList());
        java.util.Map<String, Session> open = new java.util.LinkedHashMap<>();
        for (io.vavr.Tuple2<String, Seq<Endpoint>> host : byHost) {
            RemoteHost remote = host._2.head().host().get();
            Either<AgentConnector.ConnectFailure, AgentSession> session = connector.connect(
                    remote, access, host._2.map(Endpoint::root).distinct());
            if (session.isLeft()) {
                open.values().forEach(Session::close);
                return Either.left(Failure.refused(session.getLeft().describe()));
            }
            open.put(host._1, new Session(remote, session.get()));
        }
        return Either.right(new Sessions(open));
    }

    /** One host's session. */
    private record Session(RemoteHost host, AgentSession agent) {
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
            for (Session session : open.values()) {
                try {
                    session.close();
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
