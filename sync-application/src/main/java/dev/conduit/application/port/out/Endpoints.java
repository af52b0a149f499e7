package dev.conduit.application.port.out;

import dev.conduit.application.port.in.Failure;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.RemoteAccess;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * Finds the {@link SyncEndpoint} that serves a conduit's endpoint: a folder of this machine, or one on another host
 * reached through an agent (ADR 0039). A sync (or a command that looks at a remote root) first {@link #connect}s the
 * endpoints it needs: remote ones are served by one session per host, closed when the sync ends.
 */
public interface Endpoints {

    SyncEndpoint at(Endpoint endpoint);

    /**
     * The job that copies from {@code from} into {@code to}: the receiving side's own copies when both are on this
     * machine; otherwise the session's that sends the bytes across (pushed by the side that has them).
     */
    default CopyJob copies(Endpoint from, Endpoint to) {
        return at(to).copies();
    }

    /**
     * These endpoints, connected for one sync or one command: every remote one's host reached (one session per host),
     * or why one cannot be (nothing was changed then). Close it when done.
     */
    default Either<Failure, Connected> connect(Seq<Endpoint> endpoints, RemoteAccess access) {
        Endpoints self = this;
        return Either.right(new Connected() {
            @Override
            public SyncEndpoint at(Endpoint endpoint) {
                return self.at(endpoint);
            }

            @Override
            public CopyJob copies(Endpoint from, Endpoint to) {
                return self.copies(from, to);
            }

            @Override
            public void close() {}
        });
    }

    /**
     * The same, saying which scans the sync will ask of the remote roots: a host's agent may begin them as soon as it
     * starts (ADR 0055). Endpoints without agents connect as {@link #connect(Seq, RemoteAccess)} does.
     */
    default Either<Failure, Connected> connect(
            Seq<Endpoint> endpoints, RemoteAccess access, Seq<PeerIndex.ScanAhead> ahead) {
        return connect(endpoints, access);
    }

    /** Endpoints with their remote hosts connected, until closed. */
    interface Connected extends Endpoints, AutoCloseable {

        @Override
        default Either<Failure, Connected> connect(Seq<Endpoint> endpoints, RemoteAccess access) {
            return Either.right(this);
        }

        @Override
        void close();
    }
}
