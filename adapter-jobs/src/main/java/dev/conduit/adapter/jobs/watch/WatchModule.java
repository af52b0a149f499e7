package dev.conduit.adapter.jobs.watch;

import com.google.inject.AbstractModule;
import dev.conduit.application.port.out.FileWatcher;

/** Binds the file watcher of the service; its implementation stays package-private. */
public final class WatchModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(FileWatcher.class).toInstance(new JdkFileWatcher());
    }
}
