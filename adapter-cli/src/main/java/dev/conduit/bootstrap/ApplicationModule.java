package dev.conduit.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.conduit.adapter.cli.Console;
import dev.conduit.adapter.cli.RootCommand;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.service.IndexLocationService;

import java.time.Clock;

/** Binds the use cases (annotation-free services) and what the command line hands in. */
final class ApplicationModule extends AbstractModule {

    private final Console console;
    private final RootCommand.Environment environment;

    ApplicationModule(Console console, RootCommand.Environment environment) {
        this.console = console;
        this.environment = environment;
    }

    @Override
    protected void configure() {
        bind(Console.class).toInstance(console);
        bind(RootCommand.Environment.class).toInstance(environment);
        bind(RootCommand.class).in(Singleton.class);
        bind(Clock.class).toInstance(Clock.systemUTC());
    }

    /** Read when a use case first needs the library, after the command line has been parsed. */
    @Provides
    @Singleton
    LibraryFolder libraryFolder(RootCommand root) {
        return new LibraryFolder(root.libraryFolder());
    }

    @Provides
    @Singleton
    IndexLocation indexLocation(FileTree tree, LocationRepository locations, IndexStore store, Clock clock) {
        return new IndexLocationService(tree, locations, store, clock);
    }
}
