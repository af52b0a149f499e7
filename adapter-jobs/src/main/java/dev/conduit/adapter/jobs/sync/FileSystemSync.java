package dev.conduit.adapter.jobs.sync;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Flushes a whole file system at once ({@code syncfs(2)}): one journal commit for a batch of files instead of one per
 * file. Every file written before the call is on disk when it returns. Java has no {@code syncfs}: it is called through
 * JNA (no process per batch: the coreutils {@code sync -f} it replaced cost an {@code execve} and a PATH search per
 * batch); where the C library cannot be reached, {@code sync -f} is run instead, and where that fails too, callers
 * fall back to flushing file by file.
 */
final class FileSystemSync {

    private static final int O_RDONLY = 0;

    private volatile boolean library = true;
    private volatile boolean command = true;

    /** Whether everything written under {@code path}'s file system so far is now durable. */
    boolean flush(Path path) {
        if (library) {
            try {
                return syncfs(path);
            } catch (LinkageError noLibrary) {
                library = false;
            }
        }
        return command && command(path);
    }

    static boolean syncfs(Path path) {
        int descriptor;
        try {
            descriptor = CLibrary.C.open(CLibrary.bytes(path.toString()), O_RDONLY | CLibrary.O_CLOEXEC);
        } catch (LastErrorException cannotOpen) {
            return false;
        }
        try {
            return CLibrary.C.syncfs(descriptor) == 0;
        } catch (LastErrorException failed) {
            return false;
        } finally {
            CLibrary.C.close(descriptor);
        }
    }

    private boolean command(Path path) {
        try {
            Process process = new ProcessBuilder("sync", "-f", path.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException cannotRun) {
            command = false;
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
