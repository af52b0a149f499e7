package dev.conduit.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon's warm-up at start (ADR 0072): {@link Training#warmUp} on a thread of its own, in the folder
 * {@code warm-up} of the library, then the folder removed; what a daemon killed meanwhile left there is removed at the
 * next start ({@link #removeLeft}), warm-up or not. Its outcome is one line of the daemon's log; a failure costs only the warm-up.
 */
final class DaemonWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger("dev.conduit.daemon");

    /** The folder of the library that the warm-up works in. */
    static final String FOLDER = "warm-up";

    private DaemonWarmUp() {}

    static void start(Path library) {
        Thread thread = new Thread(() -> run(library.resolve(FOLDER)), "conduit-warm-up");
        thread.setDaemon(true); // a daemon that stops does not wait for it
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Warms up, removes its folder, then says how it went (once the folder is gone). */
    private static void run(Path work) {
        long start = System.nanoTime();
        String outcome;
        try {
            Files.createDirectories(work);
            int failed = Training.warmUp(work);
            outcome = failed == 0 ? "" : " (" + failed + " of its syncs failed)";
        } catch (IOException | RuntimeException failed) {
            outcome = " (stopped: " + failed + ")";
        }
        remove(work);
        LOG.info("Warmed up in {} ms{}", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), outcome);
    }

    /** Removes what the warm-up of a daemon killed meanwhile left in the library (before the next one serves it). */
    static void removeLeft(Path library) {
        remove(library.resolve(FOLDER));
    }

    private static void remove(Path work) {
        try {
            Training.delete(work);
        } catch (IOException left) {
            LOG.info("The warm-up's folder {} was left: {}", work, left.getMessage());
        }
    }
}
