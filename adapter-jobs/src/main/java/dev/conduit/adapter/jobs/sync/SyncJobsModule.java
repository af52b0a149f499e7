package dev.conduit.adapter.jobs.sync;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.Folders;
import dev.conduit.application.port.out.TrashBins;

/** Binds the copy and delete jobs and the local file work around them. Needs a {@link TrashFolder} bound elsewhere. */
public final class SyncJobsModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(SharedBandwidth.class).in(Singleton.class); // one per process: copies at the same limit share it
        bind(CopyJob.class).to(FileCopyJob.class).in(Singleton.class);
        bind(DeleteJob.class).to(FileDeleteJob.class).in(Singleton.class);
        bind(TrashBins.class).to(LocalTrashBins.class);
        bind(Folders.class).to(LocalFolders.class);
    }
}
