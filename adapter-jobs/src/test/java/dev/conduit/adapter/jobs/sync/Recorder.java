package dev.conduit.adapter.jobs.sync;

import dev.conduit.application.port.out.JobListener;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.sync.SyncAction;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.control.Option;

import java.util.ArrayList;
import java.util.List;

/** Hears a job and keeps everything it said. */
final class Recorder implements JobListener {

    final List<String> done = new ArrayList<>();
    final List<IndexEntry> results = new ArrayList<>();
    final List<String> failed = new ArrayList<>();
    final List<TrashedVersion.New> trashed = new ArrayList<>();
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
    public synchronized void failed(SyncAction action, String reason) {
        failed.add(action.op() + " " + action.path() + ": " + reason);
    }

    @Override
    public synchronized void trashed(TrashedVersion.New version) {
        trashed.add(version);
    }
}
