package dev.conduit.adapter.jobs;

import com.google.inject.AbstractModule;
import dev.conduit.adapter.jobs.index.IndexModule;

/** Binds the jobs adapter's out-ports: the local file tree the indexer reads, the copy and delete jobs. */
public final class JobsModule extends AbstractModule {

    @Override
    protected void configure() {
        install(new IndexModule());
        install(new dev.conduit.adapter.jobs.sync.SyncJobsModule());
    }
}
