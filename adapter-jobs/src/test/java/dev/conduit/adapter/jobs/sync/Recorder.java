package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;

/** Hears a job and keeps everything it said. */
final class Recorder implements JobListener {

    final List<String> done = new ArrayList<>();
    final List<IndexEntry> results = new ArrayList<>();
    final List<String> failed = new ArrayList<>();
    /** The failures as they were reported, by kind, in the order of {@link #failed}. */
    final List<EntryFailure> failures = new ArrayList<>();
    /** Versions in the trash, confirmed after they moved. */
    final List<TrashedVersion.New> trashed = new ArrayList<>();
    /** Versions recorded and not yet confirmed or withdrawn. */
    final java.util.Map<Long, TrashedVersion.New> pending = new java.util.HashMap<>();
    /**
     * For each version, what the disk held when it was recorded: {@code "original"} when it was still where it came
     * from and not yet in the trash, as it must be; anything else is a version that moved before its record.
     */
    final List<String> atRecording = new ArrayList<>();
    /** How many times versions were recorded (each a write of the library). */
    int recordings;
    /** What happens right after versions are recorded, before they move: a test's race. */
    java.util.function.Consumer<io.vavr.collection.Seq<TrashedVersion.New>> afterRecording = versions -> {};
    /** How far large files had got each time they said so. */
    final List<Long> transferring = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void transferring(SyncAction action, long bytesSoFar) {
        transferring.add(bytesSoFar);
    }

    @Override
    public synchronized void done(SyncAction action, Option<IndexEntry> result, long bytes) {
        done.add(action.op() + " " + action.path());
        result.forEach(results::add);
    }

    @Override
    public synchronized void failed(SyncAction action, EntryFailure failure) {
        failed.add(action.op() + " " + action.path() + ": " + failure.reason());
        failures.add(failure);
    }

    @Override
    public synchronized io.vavr.collection.Seq<Long> trashing(io.vavr.collection.Seq<TrashedVersion.New> versions) {
        recordings++;
        io.vavr.collection.Seq<Long> ids = versions.map(version -> {
                    boolean original = java.nio.file.Files.exists(
                            java.nio.file.Path.of(version.originalAt()), java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    boolean stored = java.nio.file.Files.exists(
                            java.nio.file.Path.of(version.storedAt()), java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    atRecording.add(
                            original && !stored ? "original" : "original " + original + ", in the trash " + stored);
                    long id = atRecording.size();
                    pending.put(id, version);
                    return id;
                })
                .toList();
        afterRecording.accept(versions);
        return ids;
    }

    @Override
    public synchronized void trashed(long id) {
        trashed.add(pending.remove(id));
    }

    @Override
    public synchronized void notTrashed(long id) {
        pending.remove(id);
    }
}
