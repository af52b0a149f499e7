package dev.conduit.application.service;

import dev.conduit.application.port.in.EntryError;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.JobLedger;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.generation.GenerationCounts;
import dev.conduit.domain.generation.JobRecord;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.RescanRules;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.DeleteReason;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * Collects what the jobs of one sync report: counts and errors for the generation, the receiving side's index brought
 * up to date with what was written (in batches), trash records (each written before its version moves, confirmed in
 * batches), and the folders whose times need restoring.
 */
final class Outcomes implements JobListener {

    private static final int BATCH_SIZE = 2_000;

    private final EndpointIndex sending;
    private final EndpointIndex receiving;
    private final Side receivingSide;
    private final TrashLedger ledger;
    private final SyncListener listener;
    private final java.util.function.Consumer<RelativePath> tick;
    private final java.util.Map<RelativePath, Long> inFlight = new java.util.HashMap<>();
    private final JobLedger jobs;
    private final java.util.List<JobRecord.Item> items = new ArrayList<>();
    private final Scheduler scheduler;
    private long job = -1;
    private long lastFlush;

    private final java.util.List<IndexEntry> upserts = new ArrayList<>();
    private final java.util.List<IndexEntry> sendingHashes = new ArrayList<>();
    private final java.util.List<RelativePath> removals = new ArrayList<>();
    /** Versions now in the trash whose pending records are not confirmed yet. */
    private final java.util.List<Long> trashed = new ArrayList<>();

    private final java.util.List<String> problems = new ArrayList<>();
    private final Set<RelativePath> touchedDirectories = new HashSet<>();
    private final Set<RelativePath> replacedDirectories = new HashSet<>();
    private long filesCopied;
    private long filesDeleted;
    private long bytes;
    private long errors;

    Outcomes(
            Side receivingSide,
            EndpointIndex sending,
            EndpointIndex receiving,
            TrashLedger ledger,
            JobLedger jobs,
            SyncListener listener,
            java.util.function.Consumer<RelativePath> tick,
            Scheduler scheduler) {
        this.scheduler = scheduler;
        this.lastFlush = scheduler.nanoTime();
        this.receivingSide = receivingSide;
        this.jobs = jobs;
        this.sending = sending;
        this.receiving = receiving;
        this.ledger = ledger;
        this.listener = listener;
        this.tick = tick;
    }

    @Override
    public void done(SyncAction action, Option<IndexEntry> result, long written) {
        synchronized (this) {
            inFlight.remove(action.path());
            bytes += written;
            action.fold(
                    made -> transferred(made, result, Option.none()),
                    copy -> copied(copy, result),
                    move -> moved(move, result),
                    fixed -> transferred(fixed, result, Option.none()),
                    delete -> deleted(delete, result));
            if (!action.path().parent().isRoot()) {
                touchedDirectories.add(action.path().parent());
            }
            items.add(new JobRecord.Item(action.op(), action.path().value(), written, Option.none()));
            if (upserts.size() + removals.size() + sendingHashes.size() >= BATCH_SIZE) {
                flushIndex();
            }
            flushEverySecond();
        }
        listener.done(action, written);
        tick.accept(action.path());
    }

    /** A file or link copied: counted, and its entry may teach the sending index its hash. */
    private Outcomes copied(SyncAction.Copy copy, Option<IndexEntry> result) {
        filesCopied++;
        return transferred(copy, result, Option.some(copy.wanted()));
    }

    /**
     * A rename, counted as a file copied, leaves its old path: a folder renamed takes all it holds along in the index
     * at once.
     */
    private Outcomes moved(SyncAction.Move move, Option<IndexEntry> result) {
        filesCopied++;
        if (move.current().isDirectory() && result.isDefined()) {
            flushIndex();
            receiving
                    .store()
                    .moveTree(
                            receiving.location(),
                            receiving.inLocation(move.current().path()),
                            receiving.inLocation(move.wanted().path()));
        } else {
            removals.add(receiving.inLocation(move.current().path())); // renamed away from there
        }
        if (!move.current().path().parent().isRoot()) {
            touchedDirectories.add(move.current().path().parent());
        }
        return transferred(move, result, Option.some(move.wanted()));
    }

    /**
     * The receiving index gets what was written, and the sending one the hash a copy learnt of {@code carried}. A
     * folder made, moved or re-moded gets its final bits at the end.
     */
    private Outcomes transferred(SyncAction.Transfer transfer, Option<IndexEntry> result, Option<IndexEntry> carried) {
        result.forEach(written -> {
            upserts.add(receiving.inLocation(written));
            learnHash(carried, written);
        });
        if (transfer.kind() == EntryKind.DIRECTORY) {
            touchedDirectories.add(transfer.path());
        }
        return this;
    }

    /** A file or link deleted is counted; the index loses what went; a folder emptied for a file is noted. */
    private Outcomes deleted(SyncAction.Delete delete, Option<IndexEntry> result) {
        if (!delete.kind().equals(EntryKind.DIRECTORY)) {
            filesDeleted++;
        }
        if (result.isDefined()) {
            upserts.add(receiving.inLocation(result.get()));
        } else {
            removals.add(receiving.inLocation(delete.path()));
        }
        if (delete.why() == DeleteReason.REPLACED) {
            replacedDirectories.add(delete.path());
        }
        return this;
    }

    @Override
    public void transferring(SyncAction action, long bytesSoFar) {
        synchronized (this) {
            inFlight.put(action.path(), bytesSoFar);
        }
        tick.accept(action.path());
    }

    @Override
    public void failed(SyncAction action, EntryFailure failure) {
        failed(action, new EntryError(receivingSide, action.path().value(), failure));
    }

    @Override
    public void unreadable(SyncAction action, EntryFailure failure) {
        failed(action, new EntryError(receivingSide.other(), action.path().value(), failure));
    }

    private void failed(SyncAction action, EntryError error) {
        synchronized (this) {
            inFlight.remove(action.path());
            errors++;
            note(error.side().label() + ": " + action.op() + " " + error.path() + ": " + error.reason());
            items.add(new JobRecord.Item(action.op(), action.path().value(), 0, Option.some(error.reason())));
            flushEverySecond();
        }
        listener.error(error);
    }

    /** Recorded at once, before the versions move (the record is what makes them findable); confirmed in batches. */
    @Override
    public Seq<Long> trashing(Seq<TrashedVersion.New> versions) {
        return ledger.recordPending(versions);
    }

    @Override
    public synchronized void trashed(long id) {
        trashed.add(id);
        if (trashed.size() >= BATCH_SIZE) {
            flushTrash();
        }
    }

    @Override
    public void notTrashed(long id) {
        ledger.forget(id);
    }

    /**
     * A file the sending side's index had not hashed yet (left to its copy) gets the hash of the bytes the copy read:
     * the copy checked that the file still had the indexed size and time once it was read.
     */
    private void learnHash(Option<IndexEntry> carried, IndexEntry written) {
        carried.filter(entry -> entry.hash().isEmpty() && written.hash().isDefined())
                .forEach(entry -> sendingHashes.add(sending.inLocation(entry.withHash(written.hash()))));
    }

    /** An error found outside the jobs (a scan, a refusal of one entry), already told to the listener. */
    synchronized void error(EntryError problem) {
        errors++;
        note(problem.describe());
    }

    /** Writes what is pending to the library: the index changes, the trash records, the job's items. */
    synchronized void flush() {
        flushIndex();
        flushTrash();
        flushItems();
        lastFlush = scheduler.nanoTime();
    }

    /** The job whose items come next: what the previous one left is written first. */
    synchronized void job(long id) {
        flush();
        job = id;
    }

    /**
     * A crash loses at most a second of bookkeeping: the index, the trash confirmations (the next sync settles those)
     * and the items.
     */
    private void flushEverySecond() {
        if (scheduler.nanoTime() - lastFlush >= 1_000_000_000L) {
            flush();
        }
    }

    private void flushItems() {
        if (!items.isEmpty()) {
            if (job >= 0) {
                jobs.items(job, List.ofAll(items));
            }
            items.clear();
        }
    }

    synchronized GenerationCounts counts() {
        return new GenerationCounts(filesCopied, filesDeleted, 0, bytes, errors);
    }

    /** Files copied or renamed, and the bytes written: those in place and those of files still on their way. */
    synchronized Moved moved() {
        long partial = 0;
        for (long part : inFlight.values()) {
            partial += part;
        }
        return new Moved(filesCopied, bytes + partial);
    }

    record Moved(long files, long bytes) {}

    synchronized Seq<String> problems() {
        return List.ofAll(problems);
    }

    /** The directories deleted to make room for a file or link, which the last phase copies in their place. */
    synchronized Set<RelativePath> replacedDirectories() {
        return Set.copyOf(replacedDirectories);
    }

    /**
     * Folders whose bits and times were set at the end, as lstat found them right after: each is recorded where the
     * receiving index holds that very folder and nothing that makes a change differs ({@link RescanRules#timesSet}),
     * in one batch, so that the next scan finds it as recorded and writes nothing for it (ADR 0059).
     */
    synchronized void foldersFinished(Seq<CopyJob.Finished> finished) {
        Seq<CopyJob.Finished> below = finished.filter(folder -> !folder.path().isRoot());
        if (below.isEmpty()) {
            return;
        }
        java.util.Map<RelativePath, IndexEntry> rows = new java.util.HashMap<>();
        receiving.entries(below.map(CopyJob.Finished::path)).forEach(row -> rows.put(row.path(), row));
        for (CopyJob.Finished folder : below) {
            RescanRules.timesSet(Option.of(rows.get(folder.path())), folder.stat())
                    .forEach(entry -> upserts.add(receiving.inLocation(entry)));
        }
        flushIndex();
    }

    /** The folders that got new entries or lost some, deepest first: their times are restored in that order. */
    synchronized Seq<RelativePath> touchedDirectories() {
        return List.ofAll(touchedDirectories).sortBy(path -> -path.depth());
    }

    private void note(String problem) {
        if (problems.size() < dev.conduit.application.port.in.SyncReport.MAX_LISTED_PROBLEMS) {
            problems.add(problem);
        }
    }

    private void flushIndex() {
        if (!upserts.isEmpty() || !removals.isEmpty()) {
            receiving
                    .store()
                    .write(
                            receiving.location(),
                            new IndexStore.IndexBatch(List.ofAll(removals), List.empty(), List.ofAll(upserts)));
            upserts.clear();
            removals.clear();
        }
        if (!sendingHashes.isEmpty()) {
            sending.store().learnHashes(sending.location(), List.ofAll(sendingHashes));
            sendingHashes.clear();
        }
    }

    private void flushTrash() {
        if (!trashed.isEmpty()) {
            ledger.confirm(List.ofAll(trashed));
            trashed.clear();
        }
    }
}
