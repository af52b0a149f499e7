package dev.conduit.adapter.jobs;

import dev.conduit.domain.index.ReservedNames;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The names of the tool's own temporary files, {@code .conduit-tmp-<pid>-<n>}: one counter for the whole process, so
 * a copy's temporary file and a probe's never take the same name. A file of that form whose process is gone is swept
 * by the next sync; a name of any other form is not the tool's, and is never touched.
 */
public final class TemporaryNames {

    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong COUNTER = new AtomicLong();

    private TemporaryNames() {}

    /** A name no other temporary file of this process has had. */
    public static String next() {
        return ReservedNames.temporary(PID, COUNTER.incrementAndGet());
    }

    /** Whether the name is one of the tool's temporary files and the process that wrote it is gone. */
    public static boolean writerIsGone(String name) {
        return ReservedNames.temporaryWriter(name)
                .exists(pid -> pid != PID
                        && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
}
