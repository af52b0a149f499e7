package dev.conduit.application.canary;

import java.time.Instant;

/** Planted violation: a use case that reads the system's clocks and sleeps. */
public final class ClockInUseCase {

    public long elapsed(long since) {
        return System.nanoTime() - since;
    }

    public long millis() {
        return System.currentTimeMillis();
    }

    public Instant now() {
        return Instant.now();
    }

    public void pause() throws InterruptedException {
        Thread.sleep(100);
    }
}
