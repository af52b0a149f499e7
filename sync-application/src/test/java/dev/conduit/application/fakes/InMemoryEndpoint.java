package dev.conduit.application.fakes;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.application.port.out.SyncEndpoint;
import dev.conduit.application.port.out.TrashBins;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.function.Function;

/**
 * An endpoint in memory, beside {@link InMemoryIndexStore}: its root is an {@link InMemoryFileTree}, its index refresh
 * returns what the test says (by default: nothing changed in its location), and its jobs do what the test says (by
 * default every action succeeds, as the real jobs report it). Every call is written to a journal the test shares
 * between endpoints and other fakes, so that it can check the order of everything the sync did.
 */
public final class InMemoryEndpoint implements SyncEndpoint {

    /** What a job does with the actions it is handed. */
    public interface Job<A extends SyncAction> {
        void run(JobOrder order, Iterator<? extends A> actions, JobListener listener);
    }

    private final Location location;
    private final InMemoryFileTree files;
    private final InMemoryTrash trash;
    private final java.util.List<String> journal;
    private Function<IndexLocation.Command, Either<IndexFailure, IndexReport>> indexer;
    private Job<SyncAction.Transfer> copy = InMemoryEndpoint::succeed;
    private Job<SyncAction.Delete> delete = InMemoryEndpoint::succeed;

    /** The index commands received, in order. */
    public final java.util.List<IndexLocation.Command> indexed =
            Collections.synchronizedList(new java.util.ArrayList<>());

    /** The orders of the copy and delete jobs run into this endpoint, in order. */
    public final java.util.List<JobOrder> copyOrders = Collections.synchronizedList(new java.util.ArrayList<>());

    public final java.util.List<JobOrder> deleteOrders = Collections.synchronizedList(new java.util.ArrayList<>());

    /** The folders finished, each call's. */
    public final java.util.List<Seq<CopyJob.FinishedDirectory>> finished =
            Collections.synchronizedList(new java.util.ArrayList<>());

    /** The temporaries swept, each call's. */
    public final java.util.List<Seq<RelativePath>> swept = Collections.synchronizedList(new java.util.ArrayList<>());

    /** A root with one file in it (not suddenly empty), identified as {@code location} says. */
    public InMemoryEndpoint(Location location, InMemoryTrash trash, java.util.List<String> journal) {
        this.location = location;
        this.trash = trash;
        this.journal = journal;
        this.files =
                new InMemoryFileTree().mountedOn(location.identity().device()).file("something", "x");
        this.indexer = command -> Either.right(report(location));
    }

    /** A report of a scan of the whole location that changed nothing. */
    public static IndexReport report(Location location) {
        return new IndexReport(
                location, RelativePath.ROOT, 0, 0, 0, 0, 0, 0, List.empty(), 0, 0, List.empty(), Duration.ZERO);
    }

    public Location location() {
        return location;
    }

    /** The endpoint's root on disk. */
    public InMemoryFileTree disk() {
        return files;
    }

    /**
     * Jobs that write this endpoint's disk as the real ones would: every transfer puts the entry it wanted there (a
     * move takes the old path's tree along), every delete removes its path; each is reported done with the entry.
     */
    public InMemoryEndpoint writingItsDisk() {
        this.copy = (order, actions, listener) -> actions.forEachRemaining(action -> {
            if (action instanceof SyncAction.Move move) {
                files.move(move.current().path().value(), move.wanted().path().value());
            }
            files.place(action.wanted());
            listener.done(action, Option.some(action.wanted()), 3);
        });
        this.delete = (order, actions, listener) -> actions.forEachRemaining(action -> {
            files.delete(action.path().value());
            listener.done(action, Option.none(), 0);
        });
        return this;
    }

    public InMemoryEndpoint indexes(Function<IndexLocation.Command, Either<IndexFailure, IndexReport>> indexer) {
        this.indexer = indexer;
        return this;
    }

    public InMemoryEndpoint copies(Job<SyncAction.Transfer> copy) {
        this.copy = copy;
        return this;
    }

    public InMemoryEndpoint deletes(Job<SyncAction.Delete> delete) {
        this.delete = delete;
        return this;
    }

    /** Every action done: a copy's result is the entry it wanted, with three bytes written; a delete writes none. */
    public static <A extends SyncAction> void succeed(
            JobOrder order, Iterator<? extends A> actions, JobListener listener) {
        actions.forEachRemaining(action -> listener.done(
                action,
                action instanceof SyncAction.Copy copy ? Option.some(copy.wanted()) : Option.none(),
                action instanceof SyncAction.Delete ? 0 : 3));
    }

    /** Every action failed for this reason. */
    public static <A extends SyncAction> Job<A> failing(String reason) {
        return (order, actions, listener) ->
                actions.forEachRemaining(action -> listener.failed(action, EntryFailure.ioError(reason)));
    }

    @Override
    public Either<IndexFailure, IndexReport> index(IndexLocation.Command command) {
        indexed.add(command);
        journal.add("index " + command.root());
        return indexer.apply(command);
    }

    @Override
    public InMemoryFileTree files() {
        return files;
    }

    @Override
    public CopyJob copies() {
        return new CopyJob() {
            @Override
            public void run(JobOrder order, Iterator<? extends SyncAction.Transfer> actions, JobListener listener) {
                check(order);
                copyOrders.add(order);
                journal.add("copy " + order.from() + ">" + order.to());
                copy.run(order, actions, listener);
            }

            @Override
            public Seq<Finished> finishDirectories(Path root, Seq<FinishedDirectory> directories) {
                check(root);
                finished.add(directories);
                journal.add("finish " + root);
                return io.vavr.collection.List.empty();
            }

            @Override
            public void sweepTemporaries(Path root, Seq<RelativePath> temporaries) {
                check(root);
                swept.add(temporaries);
                journal.add("sweep " + root);
            }
        };
    }

    @Override
    public DeleteJob deletes() {
        return (order, actions, listener) -> {
            check(order);
            deleteOrders.add(order);
            journal.add("delete " + order.to());
            delete.run(order, actions, listener);
        };
    }

    @Override
    public TrashBins trash() {
        return trash;
    }

    /** A job of this endpoint writes only here. */
    private void check(JobOrder order) {
        check(order.to());
    }

    private void check(Path root) {
        if (!root.equals(Path.of(location.root()))) {
            throw new AssertionError(root + " is not the root of the endpoint at " + location.root());
        }
    }
}
