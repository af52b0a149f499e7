package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.application.port.out.TrashBins;

/**
 * One connection to {@code conduit agent} on another device (over the user's {@code ssh}, or any command that
 * carries its standard input and output), serving the endpoint roots named when it was opened, and only those.
 * Paths handed to its ports are the agent's own (absolute on its host). Every port fails as its contract says when
 * the connection is lost: an {@link dev.conduit.application.port.in.EntryFailure} for an entry, never a partial file
 * in place on either side.
 */
public interface AgentSession extends AutoCloseable {

    /** What the agent said of itself in the handshake. */
    Handshake handshake();

    /** Library sync first: the agent scans its root and sends what changed since the last exchange. */
    PeerIndex index();

    /** The agent's disk, read-only: the root guard's look at a root, a file's hash, an ignore file's lines. */
    FileTree files();

    /**
     * Copies from this machine into the agent's root: {@code order.from()} is a local path, {@code order.to()} the
     * agent's. This side sends the bytes (push); the agent writes each file beside its place, checks its hash, sets its
     * metadata and renames it in, with the stale-index guard on its own disk.
     */
    CopyJob copiesInto();

    /**
     * Copies from the agent's root into this machine: {@code order.from()} is the agent's path, {@code order.to()} a
     * local one. The agent sends the bytes (push); this side writes them as a local copy does.
     */
    CopyJob copiesFrom();

    /** Deletes in the agent's root, into the agent's trash (recorded in the agent's library). */
    DeleteJob deletes();

    /** The agent's trash: restore, presence and purge of versions it holds. */
    TrashBins trash();

    /**
     * Makes {@code root}, a root of the session, and its missing parents if it is missing (a new conduit's target),
     * then identifies it, in one round trip; why it could not be made when it is still missing.
     */
    io.vavr.control.Either<
                    dev.conduit.application.port.in.EntryFailure,
                    io.vavr.control.Either<
                            dev.conduit.application.port.out.FileTree.RootProblem,
                            dev.conduit.application.port.out.FileTree.Root>>
            makeRoot(java.nio.file.Path root);

    /** Whether the connection still stands (a session whose agent, ssh or network went is not used again). */
    default boolean usable() {
        return true;
    }

    /** Ends the session: the agent exits once what it was asked to do is done. */
    @Override
    void close();

    /**
     * @param protocol     the protocol version both sides speak
     * @param agentVersion the agent's Conduit version
     * @param library      the agent library's id (a new library means a whole exchange)
     */
    record Handshake(int protocol, String agentVersion, String library, io.vavr.collection.Set<String> capabilities) {}
}
