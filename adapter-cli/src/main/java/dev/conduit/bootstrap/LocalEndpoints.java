package dev.conduit.bootstrap;

import dev.conduit.adapter.jobs.Owners;
import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.SyncEndpoint;
import dev.conduit.application.port.out.TrashBins;
import dev.conduit.domain.conduit.Endpoint;
import io.vavr.control.Either;

/**
 * Every endpoint is a folder of this machine: indexed by the index use case, written by the local copy and delete
 * jobs, its versions kept in the library's trash. A remote kind of endpoint adds another {@link SyncEndpoint}.
 */
record LocalEndpoints(
        IndexLocation indexer, FileTree files, CopyJob copies, DeleteJob deletes, TrashBins trash, Owners owners)
        implements Endpoints, SyncEndpoint {

    /** Endpoints that keep owners when this process runs as root (ADR 0040). */
    LocalEndpoints(IndexLocation indexer, FileTree files, CopyJob copies, DeleteJob deletes, TrashBins trash) {
        this(indexer, files, copies, deletes, trash, Owners.ofThisProcess());
    }

    @Override
    public boolean keepsOwners() {
        return owners.kept();
    }

    @Override
    public SyncEndpoint at(Endpoint endpoint) {
        return this;
    }

    @Override
    public Either<IndexFailure, IndexReport> index(IndexLocation.Command command) {
        return indexer.index(command);
    }
}
