package dev.conduit.application.canary;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Planted violation: a use case that starts its own threads. */
public final class ThreadInUseCase {

    public void inBackground(Runnable work) {
        new Thread(work).start();
    }

    public ExecutorService pool() {
        return Executors.newFixedThreadPool(2);
    }
}
