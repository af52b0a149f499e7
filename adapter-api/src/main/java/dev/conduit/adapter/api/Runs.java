package dev.conduit.adapter.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The commands the daemon runs for its clients, by id: to interrupt one, or all of them when the daemon stops. */
public final class Runs {

    private final Map<String, Interruption> running = new ConcurrentHashMap<>();
    private volatile boolean refusing;

    /** Registers a run; empty when the id is taken or the daemon is stopping. */
    Optional<Interruption> begin(String id) {
        Interruption interruption = new Interruption();
        if (refusing || running.putIfAbsent(id, interruption) != null) {
            return Optional.empty();
        }
        if (refusing) { // refuseNew() ran meanwhile: this one would be missed by interruptAll()
            running.remove(id);
            return Optional.empty();
        }
        return Optional.of(interruption);
    }

    void end(String id) {
        synchronized (this) {
            running.remove(id);
            notifyAll();
        }
    }

    /** A Ctrl-C for run {@code id}; false when no such run is under way. */
    boolean interrupt(String id) {
        Interruption interruption = running.get(id);
        if (interruption == null) {
            return false;
        }
        interruption.interrupt();
        return true;
    }

    void refuseNew() {
        refusing = true;
    }

    /** Asks every run under way to stop at its next safe point, as one Ctrl-C would. */
    public void interruptAll() {
        running.values().forEach(Interruption::interrupt);
    }

    /** Waits until no run is under way, at most {@code patience}; returns whether none is. */
    public boolean awaitNone(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (this) {
            while (!running.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
