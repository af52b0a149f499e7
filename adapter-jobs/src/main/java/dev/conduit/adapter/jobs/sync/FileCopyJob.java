package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The copy job: runs a stream of transfers in order, parents first. Directories and metadata are handled as they come
 * (they are cheap, and a directory must exist before anything is copied into it); files, links and renames go to a pool of
 * {@link JobOrder#parallel()} workers, at most a few per worker waiting, so any number of actions runs in bounded
 * memory. Written files are committed in batches (see {@link CopyStrategy#commit}).
 */
public final class FileCopyJob implements CopyJob {

    /**
     * Files per commit: one flush of the batch, then its renames, then one flush of what the renames changed. When
     * files are flushed one by one, each waits with an open descriptor, so batches are smaller.
     */
    static final int BATCH_FILES =
            Integer.getInteger("conduit.copy.batchFiles", LocalCopyStrategy.FILE_SYSTEM_SYNC ? 1024 : 128);
    /** Bytes per commit: large files are committed soon, so little waits unflushed. */
    static final long BATCH_BYTES = 64L << 20;
    /** The longest a written file waits for its commit: progress and the index move at least this often. */
    static final long BATCH_NANOS = 1_000_000_000L;

    private final CopyStrategy local;
    private final SharedBandwidth bandwidth;

    @Inject
    public FileCopyJob(FileTree tree, TrashFolder trash, Clock clock, SharedBandwidth bandwidth) {
        this(new LocalCopyStrategy(new LocalDisk(tree), new LocalTrash(trash, clock), clock), bandwidth);
    }

    /**
     * A job that writes into local roots, as {@link #FileCopyJob(FileTree, TrashFolder, Clock, SharedBandwidth) the
     * local one} does, from bytes and attributes that {@code senders} give: a remote peer's stream.
     */
    public static CopyJob receiving(
            FileTree tree, TrashFolder trash, Clock clock, SharedBandwidth bandwidth, Sender.Factory senders) {
        LocalDisk disk = new LocalDisk(tree);
        return new FileCopyJob(new LocalCopyStrategy(disk, new LocalTrash(trash, clock), clock, senders), bandwidth);
    }

    /** A job over a strategy of the caller's (a test's, with faults injected). */
    FileCopyJob(CopyStrategy local) {
        this(local, new SharedBandwidth());
    }

    private FileCopyJob(CopyStrategy local, SharedBandwidth bandwidth) {
        this.local = local;
        this.bandwidth = bandwidth;
    }

    @Override
    public void run(JobOrder order, Iterator<? extends SyncAction.Transfer> actions, JobListener given) {
        DiskWatch listener = new DiskWatch(given);
        CopyStrategy strategy = strategyFor(order);
        Throttle throttle = bandwidth.throttle(order.bandwidth()); // shared with other jobs at the same limit
        Committer committer = new Committer(strategy, order, listener);
        ExecutorService workers = Executors.newFixedThreadPool(order.parallel(), runnable -> {
            Thread thread = new Thread(runnable, "conduit-copy");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore queue = new Semaphore(order.parallel() * 4);
        try {
            while (actions.hasNext() && !listener.full && !order.stopped()) { // full, or asked to stop
                actions.next()
                        .<Runnable>fold(
                                make -> () -> strategy.makeDirectory(order, make, listener),
                                copy -> () -> offer(
                                        workers,
                                        queue,
                                        listener,
                                        order,
                                        () -> stage(strategy, order, copy, throttle, committer, listener)),
                                move -> () -> offer(
                                        workers,
                                        queue,
                                        listener,
                                        order,
                                        () -> move(strategy, order, move, throttle, committer, listener)),
                                fix -> () -> strategy.setMetadata(order, fix, listener))
                        .run();
            }
        } finally {
            workers.shutdown();
            awaitQuietly(workers);
            committer.flush();
        }
    }

    /**
     * Passes reports on, and notices a file system that is full: then the job takes no more actions (each would fail
     * the same way); what is in flight finishes or fails, nothing half-written stays, and the next sync carries on.
     */
    private static final class DiskWatch extends ForwardingJobListener {
        private volatile boolean full;

        DiskWatch(JobListener listener) {
            super(listener);
        }

        @Override
        public void failed(SyncAction action, EntryFailure failure) {
            if (failure instanceof EntryFailure.NoSpace) {
                full = true;
            }
            super.failed(action, failure);
        }
    }

    /**
     * Runs the task on a worker once one of the few waiting places is free: memory stays bounded. A task still waiting
     * when the disk fills up or the job is asked to stop is dropped: the action is left for the next sync.
     */
    private static void offer(ExecutorService workers, Semaphore queue, DiskWatch disk, JobOrder order, Runnable task) {
        queue.acquireUninterruptibly();
        workers.execute(() -> {
            try {
                if (!disk.full && !order.stopped()) {
                    task.run();
                }
            } finally {
                queue.release();
            }
        });
    }

    /**
     * A rename, or a copy when the two files turn out not to be the same. A folder that cannot be renamed is left for
     * the next sync, which finds it changed and takes it entry by entry.
     */
    private static void move(
            CopyStrategy strategy,
            JobOrder order,
            SyncAction.Move move,
            Throttle throttle,
            Committer committer,
            JobListener listener) {
        try {
            if (strategy.move(order, move, listener)) {
                return;
            }
            if (move.wanted().isDirectory()) {
                listener.failed(
                        move,
                        EntryFailure.refused(
                                "cannot rename the folder " + move.current().path() + " here: it changed,"
                                        + " or something is in the way; the next sync takes it entry by entry"));
            } else {
                stage(
                        strategy,
                        order,
                        new SyncAction.Copy(move.direction(), move.wanted(), io.vavr.control.Option.none()),
                        throttle,
                        committer,
                        listener);
            }
        } catch (RuntimeException unexpected) {
            listener.failed(move, EntryFailure.ioError(unexpected.toString()).in("cannot move: "));
        }
    }

    private static void stage(
            CopyStrategy strategy,
            JobOrder order,
            SyncAction.Copy copy,
            Throttle throttle,
            Committer committer,
            JobListener listener) {
        try {
            Either<CopyStrategy.NotStaged, CopyStrategy.Staged> staged =
                    strategy.stage(order, copy, throttle, listener);
            if (staged.isLeft() && staged.getLeft().unreadableSource()) {
                listener.unreadable(copy, staged.getLeft().failure());
            } else if (staged.isLeft()) {
                listener.failed(copy, staged.getLeft().failure());
            } else {
                committer.add(staged.get());
            }
        } catch (RuntimeException unexpected) {
            listener.failed(copy, EntryFailure.ioError(unexpected.toString()).in("cannot copy: "));
        }
    }

    @Override
    public Seq<Finished> finishDirectories(Path root, Seq<FinishedDirectory> directories) {
        return local.finishDirectories(root, directories);
    }

    @Override
    public void sweepTemporaries(Path root, Seq<RelativePath> temporaries) {
        local.sweepTemporaries(root, temporaries);
    }

    /** Both roots are on this machine today; a remote endpoint will bring its own strategy. */
    private CopyStrategy strategyFor(JobOrder order) {
        return local;
    }

    private static void awaitQuietly(ExecutorService workers) {
        boolean interrupted = false;
        while (true) {
            try {
                if (workers.awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Gathers staged versions and commits them a batch at a time, on the thread that fills the batch: a batch is full
     * at {@link #BATCH_FILES} files, {@link #BATCH_BYTES} bytes, or when its first file has waited {@link #BATCH_NANOS}.
     */
    private static final class Committer {
        private final CopyStrategy strategy;
        private final JobOrder order;
        private final JobListener listener;
        private List<CopyStrategy.Staged> batch = new ArrayList<>();
        private long batchBytes;
        private long batchStarted;

        Committer(CopyStrategy strategy, JobOrder order, JobListener listener) {
            this.strategy = strategy;
            this.order = order;
            this.listener = listener;
        }

        void add(CopyStrategy.Staged staged) {
            List<CopyStrategy.Staged> full = null;
            synchronized (this) {
                if (batch.isEmpty()) {
                    batchStarted = System.nanoTime();
                }
                batch.add(staged);
                batchBytes += staged.bytes();
                if (batch.size() >= BATCH_FILES
                        || batchBytes >= BATCH_BYTES
                        || System.nanoTime() - batchStarted >= BATCH_NANOS) {
                    full = take();
                }
            }
            if (full != null) {
                strategy.commit(order, full, listener);
            }
        }

        void flush() {
            List<CopyStrategy.Staged> rest;
            synchronized (this) {
                rest = take();
            }
            if (!rest.isEmpty()) {
                strategy.commit(order, rest, listener);
            }
        }

        private List<CopyStrategy.Staged> take() {
            List<CopyStrategy.Staged> taken = batch;
            batch = new ArrayList<>();
            batchBytes = 0;
            return taken;
        }
    }
}
