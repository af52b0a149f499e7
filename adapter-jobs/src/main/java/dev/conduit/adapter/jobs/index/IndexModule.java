package dev.conduit.adapter.jobs.index;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import dev.conduit.application.port.out.FileSystemProbe;
import dev.conduit.application.port.out.FileTree;

/** Keeps the file-tree and probe implementations package-private: only this module can name them. */
public final class IndexModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(ContentHasher.class).in(Singleton.class);
        bind(FileTree.class).to(LocalFileTree.class).in(Singleton.class);
        bind(FileSystemProbe.class).to(LocalFileSystemProbe.class).in(Singleton.class);
    }
}
