package dev.conduit.bootstrap;

import dev.conduit.adapter.jobs.remote.AgentSession;
import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.SyncEndpoint;
import dev.conduit.application.port.out.TrashBins;
import dev.conduit.application.service.PeerIndexExchange;
import dev.conduit.domain.host.RemoteHost;
import io.vavr.control.Either;

/**
 * An endpoint on another host, served by its agent's session (ADR 0039): its index is this library's copy of the
 * agent's, brought up to date by an exchange; its files, the copies written into it, its deletes and its trash are the
 * agent's.
 */
record RemoteEndpoint(RemoteHost host, AgentSession session, PeerIndexExchange exchange) implements SyncEndpoint {

    @Override
    public Either<IndexFailure, IndexReport> index(IndexLocation.Command command) {
        return exchange.exchange(host, session.index(), command);
    }

    @Override
    public Runnable jobsRecorded(String root) {
        return exchange.settle(host, session.index(), root);
    }

    @Override
    public FileTree files() {
        return session.files();
    }

    @Override
    public CopyJob copies() {
        return session.copiesInto();
    }

    @Override
    public DeleteJob deletes() {
        return session.deletes();
    }

    @Override
    public TrashBins trash() {
        return session.trash();
    }

    @Override
    public Either<
                    dev.conduit.application.port.in.EntryFailure,
                    Either<
                            dev.conduit.application.port.out.FileTree.RootProblem,
                            dev.conduit.application.port.out.FileTree.Root>>
            makeRoot(java.nio.file.Path root) {
        return session.makeRoot(root);
    }
}
