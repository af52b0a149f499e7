package dev.conduit.application.service;

import dev.conduit.application.port.in.RunService.Freshness;
import dev.conduit.application.port.out.FileWatcher;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;

/**
 * One root the service watches, shared by every conduit with that root: the folders where events were seen and not
 * applied to the index yet (coalesced: a folder is re-read once however many events came), when the last one came,
 * and how fresh the index is. Events arrive on the watcher's thread; the service reads and drains on its own.
 */
final class WatchedRoot implements FileWatcher.Listener {

    /** What to bring into the index now: these folders shallowly, or the whole root when {@code whole}. */
    record Pending(Seq<RelativePath> folders, boolean whole, Option<Instant> lastEvent) {

        boolean isEmpty() {
            return folders.isEmpty() && !whole;
        }
    }

    private final String root;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Duration pollEvery;
    private final TreeSet<RelativePath> folders = new TreeSet<>();
    private final Object scanLock = new Object();
    private FileWatcher.Watch watch = () -> {};
    private Freshness freshness = new Freshness.Rescanning("the service started: what changed meanwhile is looked for");
    private boolean whole = true;
    private boolean gone;
    private boolean polling;
    private long lastEventNanos;
    private Option<Instant> lastEvent = Option.none();
    private long nextPollNanos;

    WatchedRoot(String root, Scheduler scheduler, Clock clock, Duration pollEvery) {
        this.root = root;
        this.scheduler = scheduler;
        this.clock = clock;
        this.pollEvery = pollEvery;
        this.lastEventNanos = scheduler.nanoTime();
    }

    String root() {
        return root;
    }

    /** Held while the root's index is brought up to date: never while events are told (that would hold the watcher). */
    Object scanLock() {
        return scanLock;
    }

    synchronized void watching(FileWatcher.Watch handle) {
        this.watch = handle;
    }

    @Override
    public synchronized void changed(RelativePath folder) {
        folders.add(folder);
        seen();
    }

    @Override
    public synchronized void lost(FileWatcher.Lost what, String reason) {
        whole = true;
        seen();
        switch (what) {
            case OVERFLOW -> freshness = new Freshness.Rescanning("events were lost (" + reason + ")");
            case WATCH_LIMIT -> {
                polling = true;
                nextPollNanos = scheduler.nanoTime();
                freshness = new Freshness.Polling(pollEvery, "watch limit (" + reason + ")");
            }
        }
    }

    @Override
    public synchronized void rootGone(String reason) {
        gone = true;
        whole = true;
        seen();
        freshness = new Freshness.NotWatched("the root is gone (" + reason + ")");
    }

    private void seen() {
        lastEventNanos = scheduler.nanoTime();
        lastEvent = Option.some(clock.instant());
    }

    /** Whether something waits to be applied and no event came for {@code quiet} (a poll is due whenever it is). */
    synchronized boolean isDue(Duration quiet) {
        long now = scheduler.nanoTime();
        if (polling && now - nextPollNanos >= 0) {
            return true;
        }
        return (whole || !folders.isEmpty()) && now - lastEventNanos >= quiet.toNanos();
    }

    /** Whether events were seen that the index does not hold yet, or it is not known to hold them. */
    synchronized boolean isStale() {
        return whole || !folders.isEmpty() || gone || polling;
    }

    synchronized Option<Instant> lastEvent() {
        return lastEvent;
    }

    synchronized boolean isGone() {
        return gone;
    }

    /** Takes what waits to be applied: the caller applies it, or gives it back with {@link #failed}. */
    synchronized Pending drain() {
        boolean all = whole || polling && scheduler.nanoTime() - nextPollNanos >= 0;
        Pending pending = new Pending(List.ofAll(folders), all, lastEvent);
        folders.clear();
        whole = false;
        if (all && polling) {
            nextPollNanos = scheduler.nanoTime() + pollEvery.toNanos();
        }
        if (all && !polling && !gone) {
            freshness = new Freshness.Rescanning("scanning the root whole");
        }
        return pending;
    }

    /** What was drained is in the index: fresh, unless more came meanwhile (then it is applied next). */
    synchronized void applied() {
        if (!polling && !gone && folders.isEmpty() && !whole) {
            freshness = new Freshness.Watching();
        }
    }

    /** Applying failed: everything is looked at again next time. */
    synchronized void failed(String why) {
        whole = true;
        seen(); // tried again a quiet period later, not at every tick
        if (!polling && !gone) {
            freshness = new Freshness.Rescanning(why);
        }
    }

    synchronized Freshness freshness() {
        return freshness;
    }

    synchronized void close() {
        watch.close();
    }
}
