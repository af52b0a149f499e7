package dev.conduit.adapter.jobs;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import dev.conduit.adapter.jobs.index.IndexModule;
import dev.conduit.application.port.out.Scheduler;

/**
 * Binds the jobs adapter's out-ports: the local file tree the indexer reads, the copy and delete jobs, and the
 * threads and ticker of the use cases.
 */
public final class JobsModule extends AbstractModule {

    @Override
    protected void configure() {
        install(new IndexModule());
        install(new dev.conduit.adapter.jobs.sync.SyncJobsModule());
        install(new dev.conduit.adapter.jobs.watch.WatchModule());
        bind(Scheduler.class).to(ThreadScheduler.class).in(Singleton.class);
    }
}
