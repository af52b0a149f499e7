package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.out.PeerIndex;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Library sync first, the client's side: asks the agent to scan and answer with its changes, and hands each to the
 * sink as it arrives (a bounded inbox: a slow sink holds the agent back through the pipe, neither side holds the
 * index).
 */
final class RemotePeerIndex implements PeerIndex {

    private final RemoteCalls calls;
    private final AgentSession.Handshake handshake;

    RemotePeerIndex(RemoteCalls calls, AgentSession.Handshake handshake) {
        this.calls = calls;
        this.handshake = handshake;
    }

    /**
     * Asked only of an agent that records its jobs' writes (ADR 0051); an older one is sent nothing new. Nor is an
     * agent that this session sent no job writing into its roots: it has nothing to settle (ADR 0057).
     */
    @Override
    public Option<Settled> settled(String root) {
        return settling(root).get();
    }

    /**
     * The {@code SETTLE} sent now, its answer read when taken: the sync's verification asks in the same round trip
     * (ADR 0062). Nothing else is asked with it: the folders were finished before, so no one takes the root's entry
     * after it.
     */
    @Override
    public java.util.function.Supplier<Option<Settled>> settling(String root) {
        if (!handshake.capabilities().contains(Handshake.SETTLE) || !calls.wrote()) {
            return Option::none;
        }
        RemoteCalls.Sent asked;
        try {
            asked = calls.send(Calls.Op.SETTLE, out -> Wire.string(out, root), Inbox.unbounded());
        } catch (IOException unasked) { // the copy keeps the exchange's position: the next one sends them
            return Option::none;
        }
        return () -> {
            try {
                return asked.read(answer -> answer.next(in -> in.readBoolean()
                        ? Option.some(new Settled(
                                new PeerPosition(handshake.library(), in.readLong()),
                                new PeerPosition(handshake.library(), in.readLong())))
                        : Option.<Settled>none()));
            } catch (IOException unanswered) {
                return Option.none();
            }
        };
    }

    @Override
    public Either<IndexFailure, PeerState> changes(PeerScan scan, Option<PeerPosition> since, ChangeSink sink) {
        int stream = calls.newStream();
        Inbox inbox = new Inbox(1024);
        calls.link().route(stream, inbox);
        try {
            calls.link().send(Frame.of(Frame.Type.INDEX, stream, out -> IndexCodec.writeScan(out, scan, since)));
            while (true) {
                Frame frame = inbox.take();
                switch (frame.type()) {
                    case INDEX_PROGRESS -> scan.listener().progress(frame.parse(RemotePeerIndex::progress));
                    case INDEX_CHANGED -> sink.changed(frame.parse(EntryCodec::read));
                    case INDEX_REMOVED -> sink.removed(frame.parse(PathCodec::read));
                    case INDEX_STATE -> {
                        return Either.right(frame.parse(IndexCodec::readState));
                    }
                    case INDEX_FAILED -> {
                        return Either.left(frame.parse(IndexCodec::readFailure));
                    }
                    case ERROR -> {
                        return Either.left(new IndexFailure.RootUnreadable(scan.root(), frame.parse(Wire::string)));
                    }
                    default -> throw new ProtocolException("a " + frame.type() + " frame in an index exchange");
                }
            }
        } catch (ConnectionLost lost) { // the agent, its ssh or the network went: not the root's fault
            return Either.left(new IndexFailure.ConnectionLost(scan.root(), lost.getMessage()));
        } catch (IOException e) {
            return Either.left(new IndexFailure.RootUnreadable(scan.root(), e.getMessage()));
        } finally {
            calls.link().unroute(stream);
        }
    }

    private static IndexListener.IndexProgress progress(DataInputStream in) throws IOException {
        return new IndexListener.IndexProgress(in.readLong(), in.readLong(), in.readLong(), Wire.string(in));
    }
}
