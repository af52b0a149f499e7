package dev.conduit.adapter.jobs.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Flushes a whole file system at once ({@code syncfs(2)}, through coreutils' {@code sync -f}): one journal commit for a
 * batch of files instead of one per file. Every file written before the call is on disk when it returns. Java has no
 * {@code syncfs}; where the command is missing or fails, callers fall back to flushing file by file.
 */
final class FileSystemSync {

    private static final String[] COMMAND = {"sync", "-f"};

    private volatile boolean available = true;

    /** Whether everything written under {@code path}'s file system so far is now durable. */
    boolean flush(Path path) {
        if (!available) {
            return false;
        }
        try {
            Process process = new ProcessBuilder(COMMAND[0], COMMAND[1], path.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException cannotRun) {
            available = false;
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
