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
 * <p>A session let go of is kept for a moment ({@link #LINGER}) before it is closed: the next connect of this process
 * to the same host, with the same command and roots, takes it instead of starting another ssh and agent (the two-path
 * {@code sync LOCAL host:PATH} connects to identify the remote root, then to sync; ADR 0048). It is closed once that
 * moment passes, or when this process exits, as before: the agent finishes and ends.
 */
final class HostEndpoints implements Endpoints {

    private final LocalEndpoints local;
    private final AgentConnector connector;
    private final PeerIndexExchange exchange;
    private final Duration linger;

    /** How long a session let go of waits for another connect of this process before it is closed. */
    static final Duration LINGER = Duration.ofSeconds(2);

    /** The session let go of last, if it was not closed yet. */
    private Parked parked;

    private boolean hooked;

    HostEndpoints(LocalEndpoints local, AgentConnector connector, PeerIndexExchange exchange) {
        this(local, connector, exchange, LINGER);
    }

    /** @param linger how long a session let go of is kept for the next connect before it is closed */
    HostEndpoints(LocalEndpoints local, AgentConnector connector, PeerIndexExchange exchange, Duration linger) {
        this.local = local;
        this.connector = connector;
        this.exchange = exchange;
        this.linger = linger;
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
            AgentSession kept = take(host._1, access, roots);
            if (kept != null) {
                open.put(host._1, new Session(remote, kept, access, roots));
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

    /** The kept session of that host, command and roots, taken; none when there is no such session. */
    private synchronized AgentSession take(String host, RemoteAccess access, Seq<String> roots) {
        Parked kept = parked;
        if (kept == null
                || !kept.host().equals(host)
                || !kept.access().equals(access)
                || !kept.roots().containsAll(roots)
                || !kept.agent().usable()) {
            return null;
        }
        parked = null;
        return kept.agent();
    }

    /**
     * Keeps a session let go of for {@link #LINGER}, then closes it unless a connect took it meanwhile; the one kept
     * before it is closed now. At this process's exit, the one still kept is closed (its agent finishes and ends).
     */
    private void park(String host, Session session) {
        if (!session.agent().usable()) {
            session.close();
            return;
        }
        Parked kept = new Parked(host, session.access(), session.roots(), session.agent());
        Parked before;
        synchronized (this) {
            before = parked;
            parked = kept;
            if (!hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(this::closeKept, "conduit-agent-let-go"));
            }
        }
        if (before != null) {
            before.agent().close();
        }
        Thread later = new Thread(
                () -> {
                    try {
                        Thread.sleep(linger.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    closeIfStill(kept);
                },
                "conduit-agent-linger");
        later.setDaemon(true);
        later.start();
    }

    private void closeIfStill(Parked kept) {
        synchronized (this) {
            if (parked != kept) {
                return;
            }
            parked = null;
        }
        kept.agent().close();
    }

    /** Closes the session kept, if any, now. */
    void closeKept() {
        Parked kept;
        synchronized (this) {
            kept = parked;
            parked = null;
        }
        if (kept != null) {
            kept.agent().close();
        }
    }

    /** A session let go of, with what it was opened for. */
    private record Parked(String host, RemoteAccess access, Seq<String> roots, AgentSession agent) {}

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
                    park(session.getKey(), session.getValue());
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
