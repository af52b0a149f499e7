package dev.conduit.adapter.jobs;

import java.util.concurrent.ThreadFactory;

/** Threads that never keep the process alive: the helpers of one use case, named for thread dumps and profiles. */
final class DaemonThreads {

    private DaemonThreads() {}

    static ThreadFactory named(String name) {
        return work -> {
            Thread thread = new Thread(work, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
