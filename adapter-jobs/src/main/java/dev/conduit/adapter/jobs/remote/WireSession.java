package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.application.port.out.TrashBins;

/** A session over a link whose handshake is done: the agent's ports, each over the one connection. */
final class WireSession implements AgentSession {

    private final Handshake handshake;
    private final RemoteCalls calls;
    private final LocalSide local;
    private final Runnable ending;
    private ReceivingJob receiving;

    WireSession(Handshake handshake, Link link, LocalSide local, Runnable ending) {
        this.handshake = handshake;
        this.calls = new RemoteCalls(link);
        this.local = local;
        this.ending = ending;
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public PeerIndex index() {
        return new RemotePeerIndex(calls, handshake);
    }

    @Override
    public FileTree files() {
        return new RemoteFileTree(calls);
    }

    @Override
    public CopyJob copiesInto() {
        return new RemoteCopyJobs.Into(calls, local);
    }

    @Override
    public CopyJob copiesFrom() {
        return new RemoteCopyJobs.From(calls, local, receiving());
    }

    /** The session's one receiving copy job, made when first needed. */
    private synchronized ReceivingJob receiving() {
        if (receiving == null) {
            receiving = new ReceivingJob(local);
        }
        return receiving;
    }

    @Override
    public DeleteJob deletes() {
        return new RemoteDeleteJob(calls);
    }

    @Override
    public TrashBins trash() {
        return new RemoteTrashBins(calls);
    }

    @Override
    public io.vavr.control.Either<
                    dev.conduit.application.port.in.EntryFailure,
                    io.vavr.control.Either<
                            dev.conduit.application.port.out.FileTree.RootProblem,
                            dev.conduit.application.port.out.FileTree.Root>>
            makeRoot(java.nio.file.Path root) {
        try {
            return calls.call(
                    Calls.Op.MAKE_ROOT,
                    out -> Wire.string(out, root.toString()),
                    in -> Calls.readEither(in, RootCodec::read));
        } catch (java.io.IOException e) { // the root could not be asked after, as when it is identified
            return io.vavr.control.Either.right(io.vavr.control.Either.left(RemoteFileTree.problem(e)));
        }
    }

    /** Payload bytes sent over the connection so far. */
    long bytesSent() {
        return calls.link().channel().sent();
    }

    @Override
    public boolean usable() {
        return !calls.link().isLost();
    }

    @Override
    public void close() {
        calls.link().close();
        ending.run();
    }
}
