package dev.conduit.application.port.out;

import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import io.vavr.control.Either;

/**
 * One endpoint of a conduit as the sync pipeline sees it: its files (the root guard looks at the root), its index
 * (brought up to date before a plan), its jobs (copies and deletes written into it) and its trash. The pipeline
 * reaches an endpoint only through this port, so a remote endpoint (an agent over SSH) implements it without the
 * pipeline changing.
 */
public interface SyncEndpoint {

    /** Brings the endpoint's index up to date. */
    Either<IndexFailure, IndexReport> index(IndexLocation.Command command);

    /**
     * A sync's jobs wrote into {@code root} and their results are recorded in this library's index of it. An endpoint
     * whose index is a copy of a peer's lets the copy skip the peer's own record of those same results, so that the
     * next exchange does not send them back (ADR 0051). Nothing for a folder of this machine.
     *
     * <p>The question is put at once and its answer taken by the step returned, which the sync runs after its
     * verification: a peer's question and the verification's then cost one round trip together (ADR 0062).
     */
    default Runnable jobsRecorded(String root) {
        return () -> {};
    }

    /** The endpoint's files: the root's identity and listing, for the root guard. */
    FileTree files();

    /** Writes transfers into this endpoint (the receiving one of a {@link JobOrder}). */
    CopyJob copies();

    /** Deletes in this endpoint (the receiving one of a {@link JobOrder}). */
    DeleteJob deletes();

    /** Where this endpoint's replaced and removed versions go. */
    TrashBins trash();

    /**
     * A new conduit's target root where the endpoint has no other way to make it (a folder on another host): made with
     * its missing parents if it is missing, then identified, in one exchange (ADR 0073); why it could not be made
     * when it is still missing. A folder of this machine is made with {@link Folders} instead.
     */
    default Either<dev.conduit.application.port.in.EntryFailure, Either<FileTree.RootProblem, FileTree.Root>> makeRoot(
            java.nio.file.Path root) {
        return Either.left(dev.conduit.application.port.in.EntryFailure.notAllowed("this endpoint makes no folders"));
    }

    /**
     * Whether entries written into this endpoint get the owner and group the sending side has: only where the writer
     * may give files away (a local endpoint when Conduit runs as root), as {@code rsync -a} keeps owners only as root.
     * Where it does not, owners are neither compared nor set (ADR 0040).
     */
    default boolean keepsOwners() {
        return false;
    }
}
